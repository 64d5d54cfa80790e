"""The Tools menu's windows, built on demand for a session (each checks its permission as it opens)."""

from __future__ import annotations


def users(session):
    from desktop.ui.admin.users_dialog import UsersDialog

    return UsersDialog(session.store, session.window)


def own_password(session):
    from desktop.ui.session.login import ChangePasswordDialog

    return ChangePasswordDialog(session.store, session.window)


def audit(session):
    from desktop.ui.admin.audit_viewer import AuditDialog

    return AuditDialog(session.store, session.window)


def backups(session):
    from desktop.ui.admin.backups_dialog import BackupsDialog

    return BackupsDialog(session)


def security(session):
    from desktop.ui.admin.security_settings import SecuritySettingsDialog

    return SecuritySettingsDialog(session)


def transfer_out(session):
    from desktop.ui.admin.transfer_dialogs import TransferOutDialog

    return TransferOutDialog(session)


def transfer_in(session):
    from desktop.ui.admin.transfer_dialogs import TransferInDialog

    return TransferInDialog(session)


def conflicts(session):
    from desktop.ui.admin.transfer_dialogs import ConflictsDialog

    return ConflictsDialog(session)


def pairing(session):
    from desktop.ui.admin.pairing_dialog import PairingDialog

    return PairingDialog(session)
