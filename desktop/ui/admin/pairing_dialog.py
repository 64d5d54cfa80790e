"""Pairing computers for transfer files: this computer's pairing code, and (administrators) the computers paired here.

A transfer file is signed by the computer that writes it. The office reads a file only from a computer an
administrator has paired with it, and the file then speaks for the person that computer belongs to: it may
change only what that person could change at the office (``desktop.store.pairing``, ``desktop.store.transfer``).
"""

from __future__ import annotations

from desktop.store import users
from desktop.ui.dialogs import FormDialog, button, record_table, words
from desktop.ui.qt import QCheckBox, QComboBox, QLabel, QLineEdit, QTableWidgetItem, tr


class PairingDialog(FormDialog):
    """This computer's pairing code for everyone who writes transfer files; pairing and unpairing for administrators."""

    def __init__(self, session, parent=None):
        super().__init__(parent or session.window, "", "pairing_dialog")
        from desktop.store import pairing

        self.session = session
        self.store = session.store
        self.store.actor.require(users.TRANSFER)
        self.admin = self.store.actor.can(users.SETTINGS)
        self.setWindowTitle(self.tr("Paired computers"))
        self.set_intro(self.tr(
            "Transfer files are signed by the computer that writes them. The office reads a file only from a "
            "computer an administrator paired with it, and the file speaks for the person that computer belongs "
            "to: it may change only what that person could change at the office. To pair this computer, give its "
            "pairing code to the office's administrator; check together that both sides show the same computer "
            "number."))
        try:
            code = pairing.pairing_code(self.store)
            number = pairing.fingerprint(code)
        except pairing.PairingError as exc:
            code, number = "", words(exc)
        self.this_number = self._read_only(self.tr("&This computer:"), "pairing_this_computer", number)
        self.this_code = self._read_only(self.tr("Its pairing &code:"), "pairing_this_code", code)
        self.ok_button.setText(self.tr("&Pair"))
        self.cancel_button.setText(self.tr("Close"))
        self.table = None
        if self.admin:
            self.table = record_table([tr("Computer"), tr("Belongs to"), tr("Name"), tr("Paired")],
                                      "paired_computers", tr("Computers paired with this office"), self._chosen)
            self.table.setMinimumHeight(120)
            label = QLabel(self.tr("Paired &here:"))
            label.setBuddy(self.table)
            self.form.addRow(label, self.table)
            self._chain_add(self.table)
            self.unpair_button = button(self.tr("&Unpair"), "pairing_unpair", self.unpair,
                                        tip=self.tr("Forget the chosen computer: its transfer files are refused here"))
            self.unpair_button.setEnabled(False)
            self.add_widget(self.unpair_button)
            self.code = self.add_row(self.tr("&Its code:"), QLineEdit(), accessible=self.tr("The computer's pairing code"))
            self.code.setObjectName("pairing_code")
            self.owner = QComboBox()
            self.owner.setObjectName("pairing_owner")
            people = [u for u in self.store.list_users() if u["active"]] if self.store.has_users() else []
            if people:
                for u in people:
                    self.owner.addItem(f"{u['username']} ({u['role']})", u["username"])
            else:  # an office without accounts: a name for the person
                self.owner.setEditable(True)
            self.add_row(self.tr("&Belongs to:"), self.owner, accessible=self.tr("The person the computer belongs to"))
            self.name = self.add_row(self.tr("&Name:"), QLineEdit(), accessible=self.tr("A name for the computer"))
            self.name.setObjectName("pairing_name")
            self.name.setPlaceholderText(self.tr("for example Car 12"))
            self.office = self.add_widget(QCheckBox(self.tr("It is the &office's computer (pairing it on a laptop)")))
            self.office.setObjectName("pairing_office")
            self.reload()
        else:
            self.ok_button.hide()
        self.finish_tab_order()
        (self.code if self.admin else self.this_code).setFocus()

    def _read_only(self, label: str, name: str, text: str) -> QLineEdit:
        field = QLineEdit(text)
        field.setObjectName(name)
        field.setReadOnly(True)
        field.setMinimumWidth(field.fontMetrics().horizontalAdvance(text or "x") + 48)
        field.setCursorPosition(0)  # the whole code shows, from its start
        return self.add_row(label, field)

    def reload(self) -> None:
        from desktop.store import pairing

        machines = sorted(pairing.paired_machines(self.store).items())
        self.table.setRowCount(len(machines))
        for r, (fp, entry) in enumerate(machines):
            owner = entry.get("owner", "")
            if entry.get("kind") == pairing.OFFICE:
                owner = self.tr("the office")
            when = entry.get("paired_at", "").replace("T", " ")[:16]
            for c, text in enumerate((fp, owner, entry.get("name", ""), when)):
                item = QTableWidgetItem(text)
                item.setData(256, fp)  # Qt.UserRole
                self.table.setItem(r, c, item)
        self._chosen()

    def _chosen(self) -> None:
        if self.table is not None:
            self.unpair_button.setEnabled(bool(self.table.selectedItems()))

    def chosen(self) -> str | None:
        items = self.table.selectedItems() if self.table is not None else []
        return items[0].data(256) if items else None

    def submit(self) -> str | None:
        from desktop.store import pairing
        from desktop.store.errors import StoreError

        if not self.admin:
            return None
        if not self.code.text().strip():
            return self.tr("Type or paste the pairing code the other computer shows.")
        office = self.office.isChecked()
        owner = (self.owner.currentData() or self.owner.currentText()).strip() if not office else ""
        if not office and not owner:
            return self.tr("Choose the person the computer belongs to.")
        try:
            fp = pairing.pair(self.store, self.code.text(), owner, self.name.text(), office=office)
        except (pairing.PairingError, StoreError) as exc:
            return self.tr("Not paired: {0}").format(words(exc))
        self.code.clear()
        self.name.clear()
        self.reload()
        self.show_info(self.tr("Paired computer {0}: its transfer files speak for {1} here. Check that the other "
                               "computer shows the same number.").format(fp, owner or self.tr("the office")))
        return None

    def accept(self) -> None:
        self.submitted()  # stays open: pair the next one, or close

    def unpair(self) -> None:
        from desktop.store import pairing
        from desktop.store.errors import StoreError

        fp = self.chosen()
        if fp is None:
            return
        try:
            pairing.unpair(self.store, fp)
        except (pairing.PairingError, StoreError) as exc:
            self.show_error(self.tr("Not unpaired: {0}").format(words(exc)))
            return
        self.reload()
        self.show_info(self.tr("Computer {0} is no longer paired: its transfer files are refused here.").format(fp))
