"""Users (administrators): the accounts, adding one, changing a role, deactivating, resetting a password.

Every change goes through ``Store.add_user`` / ``change_user``, which check the permission,
keep at least one active administrator and audit the change; refusals are shown in words.
"""

from __future__ import annotations

from desktop.store import users
from desktop.store.service import StoreError
from desktop.ui.dialogs import FormDialog, button, record_table, role_words, words
from desktop.ui.qt import (
    ERROR_STYLE, GOOD_STYLE, QT_TRANSLATE_NOOP, QComboBox, QDialog, QHBoxLayout, QLabel, QTableWidgetItem,
    QVBoxLayout, QWidget, Qt, resize_within_screen,
)
from desktop.ui.session.login import user_field


def role_box(name: str, current: str | None = None) -> QComboBox:
    box = QComboBox()
    box.setObjectName(name)
    for role in users.ROLES:
        box.addItem(role_words(role), role)
    if current:
        box.setCurrentIndex(max(box.findData(current), 0))
    return box


class AddUserDialog(FormDialog):
    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent, "", "add_user_dialog")
        self.store = store
        self.setWindowTitle(self.tr("Add a user"))
        self.set_intro(self.tr("A deputy enters reports; a supervisor also reviews and approves them; an "
                               "administrator also manages users, settings and backups. Give the person the "
                               "password by a safe way; they can change it under Tools > Change my password."))
        self.ok_button.setText(self.tr("Add user"))
        self.username = self.add_row(self.tr("&User name:"), user_field("new_username"))
        self.display_name = self.add_row(self.tr("&Full name:"), user_field("new_display_name"))
        self.role = self.add_row(self.tr("&Role:"), role_box("new_role", users.DEPUTY))
        self.password, self.again = self.add_secret_twice(self.tr("&Password:"), "new_user_password",
                                                          self.tr("Password again"))
        self.finish_tab_order()

    def submit(self) -> str | None:
        return self.twice_then(
            self.password, self.again, self.tr("The two passwords differ. Type it again in the last field."),
            lambda: self.store.add_user(self.username.text().strip(), self.password.text(), self.role.currentData(),
                                        self.display_name.text().strip()),
            self.tr("Not done: {0}"))


class RoleDialog(FormDialog):
    def __init__(self, store, username: str, role: str, parent: QWidget | None = None):
        super().__init__(parent, "", "role_dialog")
        self.store = store
        self.username = username
        self.setWindowTitle(self.tr("Change the role of {0}").format(username))
        self.ok_button.setText(self.tr("Change role"))
        self.role = self.add_row(self.tr("&Role:"), role_box("role_choice", role))
        self.finish_tab_order()

    def submit(self) -> str | None:
        try:
            self.store.change_user(self.username, role=self.role.currentData())
        except StoreError as exc:
            return self.tr("Not done: {0}").format(words(exc))
        return None


class ResetPasswordDialog(FormDialog):
    def __init__(self, store, username: str, parent: QWidget | None = None):
        super().__init__(parent, "", "reset_password_dialog")
        self.store = store
        self.username = username
        self.setWindowTitle(self.tr("Reset the password of {0}").format(username))
        self.set_intro(self.tr("A new password for {0} (at least {1} characters). It also lifts a lockout after "
                               "wrong passwords.").format(username, users.MIN_PASSWORD))
        self.ok_button.setText(self.tr("Reset password"))
        self.password, self.again = self.add_secret_twice(self.tr("&New password:"), "reset_password",
                                                          self.tr("New password again"))
        self.finish_tab_order()

    def submit(self) -> str | None:
        return self.twice_then(
            self.password, self.again, self.tr("The two passwords differ. Type it again in the last field."),
            lambda: self.store.change_user(self.username, password=self.password.text()), self.tr("Not done: {0}"))


class UsersDialog(QDialog):
    COLUMNS = (QT_TRANSLATE_NOOP("UsersDialog", "User name"), QT_TRANSLATE_NOOP("UsersDialog", "Name"),
               QT_TRANSLATE_NOOP("UsersDialog", "Role"), QT_TRANSLATE_NOOP("UsersDialog", "Active"),
               QT_TRANSLATE_NOOP("UsersDialog", "Locked out"), QT_TRANSLATE_NOOP("UsersDialog", "Last signed in"))

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setObjectName("users_dialog")
        self.setWindowTitle(self.tr("Users"))
        self.sub: QDialog | None = None
        self.rows: list[dict] = []
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("&Accounts:"))
        layout.addWidget(label)
        self.table = record_table([self.tr(c) for c in self.COLUMNS], "users_table", self.tr("Accounts"),
                                  self._selection_changed)
        label.setBuddy(self.table)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = button(self.tr("A&dd user..."), "add_user", self.add_user)
        self.role_button = button(self.tr("Change &role..."), "change_role", self.change_role)
        self.active_button = button(self.tr("D&eactivate"), "toggle_active", self.toggle_active)
        self.reset_button = button(self.tr("Reset &password..."), "reset_password_button", self.reset_password)
        self.close_button = button(self.tr("Close"), "users_close", self.close)
        for b in (self.add_button, self.role_button, self.active_button, self.reset_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.close_button)
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setObjectName("users_message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        resize_within_screen(self, 760, 420)
        self.reload()

    def reload(self, select: str | None = None) -> None:
        current = select or (self.selected() or {}).get("username")
        self.rows = self.store.list_users()
        self.table.setRowCount(len(self.rows))
        yes, no = self.tr("yes"), self.tr("no")
        for r, u in enumerate(self.rows):
            last = u["last_login_at"].strftime("%m/%d/%Y %H:%M") if u["last_login_at"] else self.tr("never")
            for c, text in enumerate((u["username"], u["display_name"], role_words(u["role"]),
                                      yes if u["active"] else no, yes if u["locked"] else no, last)):
                item = QTableWidgetItem(text)
                item.setData(Qt.UserRole, u["username"])
                self.table.setItem(r, c, item)
            if u["username"] == current:
                self.table.selectRow(r)
        if self.table.currentRow() < 0 and self.rows:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self) -> dict | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _selection_changed(self) -> None:
        u = self.selected()
        for b in (self.role_button, self.active_button, self.reset_button):
            b.setEnabled(u is not None)
        self.active_button.setText(self.tr("D&eactivate") if u is None or u["active"] else self.tr("R&eactivate"))

    def _say(self, text: str, good: bool = True) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(GOOD_STYLE if good else ERROR_STYLE)

    def add_user(self) -> QDialog:
        dialog = AddUserDialog(self.store, self)

        def finished(result: int) -> None:
            self.sub = None
            if result == QDialog.Accepted:
                name = dialog.username.text().strip()
                self.reload(name)
                self._say(self.tr("{0} was added as {1}.").format(name, dialog.role.currentText().lower()))

        self.sub = dialog
        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def change_role(self) -> QDialog | None:
        u = self.selected()
        if u is None:
            return None
        dialog = RoleDialog(self.store, u["username"], u["role"], self)

        def finished(result: int) -> None:
            self.sub = None
            if result == QDialog.Accepted:
                self.reload(u["username"])
                self._say(self.tr("{0} is now {1}.").format(u["username"], dialog.role.currentText().lower()))

        self.sub = dialog
        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def reset_password(self) -> QDialog | None:
        u = self.selected()
        if u is None:
            return None
        dialog = ResetPasswordDialog(self.store, u["username"], self)

        def finished(result: int) -> None:
            self.sub = None
            if result == QDialog.Accepted:
                self.reload(u["username"])
                self._say(self.tr("The password of {0} was reset.").format(u["username"]))

        self.sub = dialog
        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def toggle_active(self) -> None:
        u = self.selected()
        if u is None:
            return
        try:
            self.store.change_user(u["username"], active=not u["active"])
        except StoreError as exc:
            self._say(self.tr("Not changed: {0}").format(words(exc)), good=False)
            return
        self.reload(u["username"])
        self._say(self.tr("{0} can no longer sign in.").format(u["username"]) if u["active"] else
                  self.tr("{0} can sign in again.").format(u["username"]))


__all__ = ["UsersDialog", "AddUserDialog", "RoleDialog", "ResetPasswordDialog"]
