"""The database passphrase: chosen at first start, asked at every start, offered for an old plain database.

Three modes:
  new      first start: the passphrase twice, the keyring option, and plainly that a lost
           passphrase cannot be recovered
  convert  a database from before encryption: the same, with "Not now" to keep it plain
  unlock   an encrypted database: the passphrase once; a wrong one is said so and asked again

The dialog does not open the database itself: ``attempt(passphrase, keep)`` does, and returns
the words to show when it could not (a wrong passphrase changes nothing).
"""

from __future__ import annotations

from typing import Callable

from desktop.ui.dialogs import FormDialog, differ, note, password_field
from desktop.ui.qt import WARN_STYLE, QCheckBox, QDialogButtonBox, QWidget

MIN_PASSPHRASE = 10
NEW, CONVERT, UNLOCK = "new", "convert", "unlock"
NOT_NOW = 2  # the dialog's result when the person keeps an old database plain for now

Attempt = Callable[[str, bool], "str | None"]


class PassphraseDialog(FormDialog):
    def __init__(self, parent: QWidget | None, mode: str, attempt: Attempt, *, database: str = ""):
        super().__init__(parent, "", "passphrase_dialog")
        self.mode = mode
        self.attempt = attempt
        titles = {NEW: self.tr("Protect the reports with a passphrase"),
                  CONVERT: self.tr("Encrypt the reports on this computer"),
                  UNLOCK: self.tr("Open the encrypted reports")}
        intros = {
            NEW: self.tr("NIBRS Desk keeps the reports on this computer encrypted: the database, its journal "
                         "and every backup. Choose a passphrase of at least {0} characters (a few words are "
                         "easy to remember and hard to guess). It is asked for every time NIBRS Desk starts.")
            .format(MIN_PASSPHRASE),
            CONVERT: self.tr("The reports on this computer are not encrypted yet. Choose a passphrase to encrypt "
                             "them now; a computer that leaves the building must be encrypted. The database is "
                             "encrypted in place, and the original is kept until the encrypted copy is checked."),
            UNLOCK: self.tr("The reports on this computer are encrypted. Enter the passphrase to open them."),
        }
        oks = {NEW: self.tr("Encrypt"), CONVERT: self.tr("Encrypt now"), UNLOCK: self.tr("Open")}
        self.setWindowTitle(titles[mode])
        self.set_intro(intros[mode])
        self.ok_button.setText(oks[mode])
        self.cancel_button.setText(self.tr("Quit"))
        if database:
            self.intro.setToolTip(database)
        self.passphrase = self.add_row(self.tr("&Passphrase:"), password_field("passphrase"))
        self.again = None
        if mode in (NEW, CONVERT):
            self.again = self.add_row(self.tr("&Again:"), password_field("passphrase_again"),
                                      accessible=self.tr("Passphrase again"))
            self.warning = note(self.tr("Keep the passphrase safe. If it is lost, nobody can recover the "
                                        "reports: not the office, not County IT, not the makers of NIBRS Desk."),
                                "passphrase_warning", WARN_STYLE)
            self.warning.setAccessibleName(self.tr("Warning"))
            self.form.addRow(self.warning)
        self.keep = QCheckBox(self.tr("&Keep the passphrase in this computer's keyring"))
        self.keep.setObjectName("passphrase_keep")
        self.keep.setToolTip(self.tr("NIBRS Desk then opens without asking; anyone who can sign in to this "
                                     "computer account can open the reports file."))
        self.add_widget(self.keep)
        self.not_now = None
        if mode == CONVERT:
            self.not_now = self.buttons.addButton(self.tr("Not now"), QDialogButtonBox.ActionRole)
            self.not_now.setObjectName("passphrase_not_now")
            self.not_now.clicked.connect(lambda: self.done(NOT_NOW))
        self.finish_tab_order()

    def submit(self) -> str | None:
        text = self.passphrase.text()
        if not text:
            return self.tr("Type the passphrase.")
        if self.mode in (NEW, CONVERT):
            if len(text) < MIN_PASSPHRASE:
                return self.tr("The passphrase needs at least {0} characters.").format(MIN_PASSPHRASE)
            problem = differ(self.passphrase, self.again,
                             self.tr("The two passphrases differ. Type it again in the second field."))
            if problem:
                return problem
        problem = self.attempt(text, self.keep.isChecked())
        if problem:
            self.passphrase.selectAll()
            self.passphrase.setFocus()
        return problem


__all__ = ["PassphraseDialog", "NEW", "CONVERT", "UNLOCK", "NOT_NOW", "MIN_PASSPHRASE"]
