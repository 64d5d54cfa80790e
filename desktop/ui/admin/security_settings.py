"""Security settings (administrators): the idle lock time, who may see restricted fields, the keyring."""

from __future__ import annotations

from desktop.store import crypto, users
from desktop.store.service import StoreError
from desktop.ui.dialogs import FormDialog, words
from desktop.ui.qt import QCheckBox, QGroupBox, QSpinBox, QVBoxLayout
from desktop.ui.session.session import IDLE_SETTING, MAX_IDLE_MINUTES, idle_minutes


class SecuritySettingsDialog(FormDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent or session.window, "", "security_dialog")
        self.session = session
        self.store = session.store
        self.store.actor.require(users.SETTINGS)
        self.setWindowTitle(self.tr("Security settings"))
        self.ok_button.setText(self.tr("Save"))
        self.idle = QSpinBox()
        self.idle.setObjectName("idle_minutes")
        self.idle.setRange(1, MAX_IDLE_MINUTES)
        self.idle.setSuffix(self.tr(" minutes"))
        self.idle.setValue(max(1, int(round(idle_minutes(self.store)))))
        self.add_row(self.tr("&Lock the window after:"), self.idle,
                     accessible=self.tr("Lock the window after this many minutes without use"))

        box = QGroupBox(self.tr("Restricted fields (e.g. Missouri's immigration status) may be seen and changed by:"))
        box.setObjectName("restricted_roles")
        self.form.addRow(box)  # in the dialog first: Tab order is set between widgets of one window
        inner = QVBoxLayout(box)
        granted = set(self.store.restricted_roles())
        self.roles: dict[str, QCheckBox] = {}
        for role, text in ((users.DEPUTY, self.tr("De&puties")), (users.SUPERVISOR, self.tr("&Supervisors")),
                           (users.ADMINISTRATOR, self.tr("A&dministrators"))):
            check = QCheckBox(text)
            check.setObjectName(f"restricted_{role}")
            check.setChecked(role in granted)
            inner.addWidget(check)
            self.roles[role] = check
            self._chain_add(check)
        self.self_approval = QCheckBox(self.tr("&One supervisor: the author of a report may approve it"))
        self.self_approval.setObjectName("self_approval")
        self.self_approval.setToolTip(self.tr("Otherwise a second supervisor or an administrator approves each "
                                              "report. The choice is recorded in the audit trail."))
        self.self_approval.setChecked(self.store.self_approval_allowed())
        self.add_widget(self.self_approval)
        self.keyring = None
        passphrase = self.store.db.passphrase
        if passphrase is not None and self.store.db.data_dir is not None:
            self.keyring = QCheckBox(self.tr("&Keep the database passphrase in this computer's keyring"))
            self.keyring.setObjectName("keep_in_keyring")
            self.keyring.setToolTip(self.tr("NIBRS Desk then opens without asking for it; anyone who can sign in to "
                                            "this computer account can open the reports file."))
            self.keyring.setChecked(crypto.keyring_get(self.store.db.data_dir) == passphrase)
            self.add_widget(self.keyring)
        self.set_intro(self.tr("Changes to who may see restricted fields take effect at each person's next "
                               "sign-in."))
        self.finish_tab_order()

    def submit(self) -> str | None:
        try:
            if idle_minutes(self.store) != self.idle.value():
                self.store.set_setting(IDLE_SETTING, self.idle.value())
            roles = [r for r, check in self.roles.items() if check.isChecked()]
            if sorted(roles) != sorted(self.store.restricted_roles()):
                self.store.grant_restricted(roles)
            if self.self_approval.isChecked() != self.store.self_approval_allowed():
                self.store.allow_self_approval(self.self_approval.isChecked())
        except StoreError as exc:
            return self.tr("Not saved: {0}").format(words(exc))
        if self.keyring is not None:
            folder = self.store.db.data_dir
            kept = crypto.keyring_get(folder) == self.store.db.passphrase
            if self.keyring.isChecked() != kept:
                if not crypto.keyring_set(folder, self.store.db.passphrase if self.keyring.isChecked() else None):
                    self.keyring.setChecked(kept)
                    return self.tr("This computer has no keyring NIBRS Desk can use; the other settings were saved.")
        self.session.restart_idle()
        return None


__all__ = ["SecuritySettingsDialog"]
