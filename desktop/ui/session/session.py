"""Who is using the office window: start-up, signing in and out, roles, and the idle lock.

Start (``Session.begin``, just after the window is first painted):
  1. the database: its passphrase from ``NIBRS_DESK_PASSPHRASE``, else from the keyring when the
     person chose to keep it there, else asked (a wrong one is said so and asked again). A
     first start chooses the passphrase; a database from before encryption is offered conversion.
  2. the automatic daily backup (encrypted like the database), made in a worker once the start's own work
     is done (the list shown, or a few seconds into the first question) and audited once both are done;
  3. the first administrator's account when the database has none, else the sign-in dialog;
  4. the window fills; the agency set-up follows on a first start.

While someone is signed in, the status bar names them and their role; the window's actions
follow the role (hidden when the role may never use them; the store enforces regardless, and a
refusal that slips through is said in words). After the idle time (30 minutes unless an
administrator sets another) the window locks: its content is replaced by a lock screen that
asks the signed-in person's password, open wizards are saved and hidden, and "Sign out"
ends the session instead.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from desktop import APP_NAME
from desktop.store.errors import AccessError
from desktop.ui.dialogs import tell, words
from desktop.ui.qt import (
    ACTIONS, MENUS, QApplication, QDialog, QEvent, QLabel, QMessageBox, QObject, QStackedWidget, QTimer, Signal,
)
from desktop.ui.session.lock_screen import LockScreen, SignedOutPage

if TYPE_CHECKING:  # pragma: no cover
    from desktop.store.service import Store
    from desktop.ui.office.main_window import MainWindow

log = logging.getLogger(__name__)

DEFAULT_IDLE_MINUTES = 30
IDLE_SETTING = "idle_lock_minutes"
MAX_IDLE_MINUTES = 8 * 60
ACTIVITY = frozenset({QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseButtonDblClick, QEvent.MouseMove,
                      QEvent.Wheel, QEvent.TouchBegin, QEvent.TabletPress})

def idle_minutes(store: "Store") -> float:
    """The idle time before the window locks, as an administrator set it (30 minutes by default)."""
    value = store.get_setting(IDLE_SETTING, DEFAULT_IDLE_MINUTES)
    try:
        minutes = float(value)
    except (TypeError, ValueError):
        return DEFAULT_IDLE_MINUTES
    return minutes if 0 < minutes <= MAX_IDLE_MINUTES else DEFAULT_IDLE_MINUTES


def database_state(db_path: Path) -> str:
    """missing | plain | encrypted | damaged (neither a SQLite file nor one SQLCipher could have written)."""
    from desktop.store import crypto

    if not db_path.exists() or db_path.stat().st_size == 0:
        return "missing" if not db_path.exists() else "plain"
    if not crypto.is_encrypted(db_path):
        return "plain"
    size = db_path.stat().st_size
    return "encrypted" if size >= 512 and size % 512 == 0 else "damaged"  # SQLCipher writes whole pages


BACKUP_DELAY_MS = 3000  # the day's backup waits this long for the start's own work (or starts with the list)
AFTER_LIST_MS = 500  # ... and starts this long after the list was filled, when it is on screen


class Session(QObject):
    """The signed-in person of one office window, and the window's start-up."""

    signed_in = Signal()
    signed_out = Signal()
    lock_changed = Signal(bool)

    def __init__(self, window: "MainWindow", data_dir: str | Path | None = None):
        super().__init__(window)
        self.window = window
        self.data_dir = data_dir
        self.folder: Path | None = None
        self.store: Store | None = None
        self.dialog: QDialog | None = None  # what the start-up or sign-in is asking now
        self.tools: dict[str, QDialog] = {}  # the tool dialogs open now (one of each)
        self.locked = False
        self.idle_ms_override: int | None = None  # tests: lock after this many milliseconds
        self.notice = ""
        self._daily: Path | None = None
        self._restored: dict | None = None
        self._hidden: list[QDialog] = []
        self._unlock_failures = 0
        self._filtering = False
        self.restoring = None  # the restore's worker, while it runs
        self.backing_up = None  # the day's backup's worker, while it runs (started with the database)
        self._backup_timer = QTimer(self)  # the day's backup starts when it fires, or when the list is shown
        self._backup_timer.setSingleShot(True)
        self._backup_timer.timeout.connect(self._start_backup)
        self._backup_due = False  # the database was opened: its day's backup is still to start
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.lock(idle=True))

        self.content = window.takeCentralWidget()
        self.stack = QStackedWidget()
        self.stack.setObjectName("window_stack")
        self.stack.addWidget(self.content)
        self.lock_screen = LockScreen()
        self.lock_screen.unlock_requested.connect(self.unlock)
        self.lock_screen.sign_out_requested.connect(lambda: self.sign_out())
        self.stack.addWidget(self.lock_screen)
        self.signed_out_page = SignedOutPage()
        self.signed_out_page.sign_in_requested.connect(lambda: self._ask_login())
        self.stack.addWidget(self.signed_out_page)
        window.setCentralWidget(self.stack)
        self.user_label = QLabel()
        self.user_label.setObjectName("signed_in_user")
        window.statusBar().addPermanentWidget(self.user_label)
        window.database_opened.connect(self._database_attached)

    # ------------------------------------------------------------------ roles on the actions
    def apply_roles(self) -> None:
        """Show the actions the signed-in person's role may use (their ``permission``); hide the others."""
        actor = self.store.actor if self.store is not None else None
        accounts = actor is not None and not actor.is_system
        w = self.window
        for spec in ACTIONS:
            action = w.actions[spec.name]
            if spec.permission:
                action.setVisible(actor is not None and actor.can(spec.permission))
            if spec.accounts:
                action.setVisible(accounts)
        for key, _title, hidden_when_empty in MENUS:
            if hidden_when_empty:
                menu = w.menus[key]
                menu.menuAction().setVisible(any(a.isVisible() and not a.isSeparator() for a in menu.actions()))
        w._update_actions()

    def _database_attached(self) -> None:
        """The window has a store (ours, or one it was built with): follow the selection, show the role."""
        w = self.window
        if self.store is None:
            self.store = w.store
            self.folder = w.store.db.data_dir
        self._database_attached_again()

    def _database_attached_again(self) -> None:
        """Roles on the actions, who is signed in, the idle lock: after signing in (again)."""
        from desktop.ui.session.login import actor_words

        self.apply_roles()
        actor = self.store.actor
        signed_in = actor is not None and not actor.is_system
        self._say_user(self.tr("Signed in: {0}").format(actor_words(actor)) if signed_in else "")
        if self.lockable():
            self._watch(True)
            self.restart_idle()

    def _say_user(self, text: str) -> None:
        self.user_label.setText(text)
        self.user_label.setAccessibleName(text)

    # ------------------------------------------------------------------ start
    def begin(self) -> None:
        """Open the database, then sign in (see the module's docstring)."""
        from desktop import paths
        from desktop.store import crypto

        try:
            self.folder = paths.data_dir(self.data_dir)
            server = paths.read_settings(self.folder).get("database_url")
        except (OSError, ValueError) as exc:
            self._cannot_open(str(exc))
            return
        if server:
            if self._try_open(None) is None and self.store is not None:
                self._opened()
            return
        db_path = paths.database_path(self.folder)
        state = database_state(db_path)
        if state == "damaged":
            self._cannot_open(self.tr("cannot open the database {0}: it is neither a NIBRS Desk database nor an "
                                      "encrypted one (damaged, or another kind of file)").format(db_path))
            return
        env = crypto.passphrase_from_environment()
        if env:
            from desktop.store import prekey

            if state == "encrypted":  # the key derived in a thread while the storage layer is imported
                prekey.start(db_path, env)
            try:
                problem = self._try_open(env)
            finally:
                prekey.discard()
            if self.store is not None:
                self._opened()
            elif problem:
                self._ask_passphrase("unlock", self.tr("The passphrase in {0} does not open the reports.")
                                     .format(crypto.ENV_PASSPHRASE))
            return
        if state == "encrypted":
            kept = crypto.keyring_get(self.folder)
            message = ""
            if kept:
                problem = self._try_open(kept)
                if self.store is not None:
                    self._opened()
                    return
                if not problem:
                    return  # could not be opened at all; said so
                message = self.tr("The passphrase kept in this computer's keyring does not open the reports "
                                  "(it was changed?). Type it.")
            self._ask_passphrase("unlock", message)
        elif state == "missing":
            self._ask_passphrase("new")
        else:
            self._ask_passphrase("convert")

    def _try_open(self, passphrase: str | None) -> str | None:
        """Open the store; the words for a wrong passphrase, or None (opened, or said why it cannot be)."""
        from desktop.store.db import DatabaseError, WrongPassphrase
        from desktop.ui.app import open_store

        try:
            self.store = open_store(self.folder, passphrase=passphrase)
        except WrongPassphrase:
            return self.tr("This passphrase does not open the reports; nothing was changed. Check the Caps Lock "
                           "key and try again.")
        except DatabaseError as exc:
            self._cannot_open(str(exc))
        return None

    def _cannot_open(self, text: str) -> None:
        self.window.agency_label.setText(text)
        QMessageBox.critical(self.window, APP_NAME, text)

    def _show(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.open()

    def _ask_passphrase(self, mode: str, message: str = "") -> None:
        from desktop import paths
        from desktop.ui.session.passphrase import PassphraseDialog

        dialog = PassphraseDialog(self.window, mode, self._attempt_passphrase,
                                  database=str(paths.database_path(self.folder)))
        dialog.show_info(message)
        dialog.finished.connect(self._passphrase_done)
        self._show(dialog)

    def _attempt_passphrase(self, passphrase: str, keep: bool) -> str | None:
        from desktop.store import crypto

        problem = self._try_open(passphrase)
        if self.store is not None and keep and not crypto.keyring_set(self.folder, passphrase):
            self.notice = self.tr("This computer has no keyring NIBRS Desk can use, so the passphrase was not "
                                  "kept: it is asked for at every start.")
        return problem

    def _passphrase_done(self, result: int) -> None:
        from desktop.ui.session.passphrase import NOT_NOW

        self.dialog = None
        if result == NOT_NOW:
            self._try_open(None)
        elif result != QDialog.Accepted:
            self.window.close()
            return
        if self.store is not None:
            self._opened()

    def _opened(self) -> None:
        """The database is open: the day's backup, then the first account or signing in."""
        from desktop.store.profiles import apply_agency_profile

        try:
            apply_agency_profile(self.store)
        except Exception as exc:  # a broken profile file: the FBI's dictionary still works
            log.warning("cannot apply the agency's state profile: %s", exc)
            self.notice = self.tr("The agency's state profile cannot be used: {0}").format(words(exc))
        try:  # issue 19: a profile file refused, the audit trail against the anchor file beside the database
            warnings = [*self.store.profile_errors, *self.store.anchor_problems()]
        except Exception as exc:
            log.warning("the audit anchor check failed: %s", exc)
            warnings = []
        if warnings:
            self.notice = self.tr("Warning: {0}").format("\n".join(warnings))
        try:  # a kill's leftovers: half-written backups, exports left pending (issue 17)
            from desktop.submission.startup import startup_checks

            startup_checks(self.store)
        except Exception as exc:
            log.warning("start-up checks failed: %s", exc)
        # The day's backup (a full copy, encrypted: seconds on a big database) runs in a worker, once the start's
        # own work is done: just after the list is shown (AFTER_LIST_MS), or BACKUP_DELAY_MS into the first
        # question (while the person types); it is audited when it is made and someone is signed in (_backup_ended, _signed_in).
        self._backup_due = True
        self._backup_timer.start(BACKUP_DELAY_MS)
        if not self.store.has_users():
            from desktop.ui.session.login import FirstAdminDialog

            dialog = FirstAdminDialog(self.store, self.window)
            dialog.show_info(self.notice)
            dialog.finished.connect(self._signed_in_or_quit)
            self._show(dialog)
        else:
            self._ask_login(self.notice)

    def _start_backup(self) -> None:
        """Start the day's backup (once per opening of the database; see _opened)."""
        from desktop.store.backup import daily_backup_if_due
        from desktop.ui.worker import Task

        if not self._backup_due or self.store is None:
            return
        self._backup_due = False
        self._backup_timer.stop()
        db = self.store.db
        self.backing_up = Task(lambda _step: daily_backup_if_due(db), parent=self, cancellable=False)
        self.backing_up.ended.connect(self._backup_ended)
        self.backing_up.start()

    def _daily_backup_now(self) -> None:
        """The day's backup on this thread (the window is closing before it started); audited if someone is in."""
        from desktop.store.backup import daily_backup_if_due

        try:
            self._daily = daily_backup_if_due(self.store.db)
        except Exception as exc:  # no room on the disk, a read-only folder: the next start tries again
            log.warning("daily backup failed: %s", exc)
            return
        actor = self.store.actor
        if actor is not None and not actor.is_system and self.window.store is self.store:
            self._audit_daily(self.store)

    def backup_pending(self) -> bool:
        """The day's backup is still to start or still being made."""
        return self._backup_due or self.backing_up is not None

    def _backup_ended(self) -> None:
        """The day's backup is made (or not, said why): audited now if someone is signed in, else at sign-in."""
        task, self.backing_up = self.backing_up, None
        if task is None:
            return
        if task.error is not None:  # no room on the disk, a read-only folder: say so, carry on
            log.warning("daily backup failed: %s", task.error)
            self.notice = self.tr("Today's automatic backup could not be made: {0}").format(task.error)
            if self.dialog is not None and hasattr(self.dialog, "show_info"):
                self.dialog.show_info(self.notice)
            else:
                self.window.statusBar().showMessage(self.notice, 10000)
            return
        self._daily = task.result
        if self.store is not None and self.window.store is self.store and self.dialog is None:
            self._audit_daily(self.store)

    def _audit_daily(self, store: "Store") -> None:
        from desktop.store import audit

        if self._daily is not None:
            store.record_event(audit.BACKUP, detail={"reason": "daily", "file": self._daily.name})
            self.window.statusBar().showMessage(self.tr("Today's backup: {0}").format(self._daily), 10000)
            self._daily = None

    def _ask_login(self, message: str = "") -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            return
        from desktop.ui.session.login import LoginDialog

        dialog = LoginDialog(self.store, self.window, message=message)
        dialog.finished.connect(self._signed_in_or_quit)
        self._show(dialog)

    def _signed_in_or_quit(self, result: int) -> None:
        self.dialog = None
        if result != QDialog.Accepted:
            self.window.close()
            return
        self._signed_in()

    def _signed_in(self) -> None:
        from desktop.store import audit, users

        store = self.store
        w = self.window
        self.notice = ""
        self._unlock_failures = 0
        if w.store is not store:
            w.attach(store)  # -> _database_attached
        else:
            w.refresh()
            self._database_attached_again()
        if self._restored is not None:
            store.record_event(audit.RESTORE, detail=self._restored)
            self._restored = None
        self._audit_daily(store)  # when the day's backup is still being made: as soon as it is (_backup_ended)
        if self._backup_due:  # not started yet: once the list is painted (its start would hold the paint up)
            self._backup_timer.start(AFTER_LIST_MS)
        self.window.set_usable(True)
        self.stack.setCurrentWidget(self.content)
        self.signed_in.emit()
        if store.agency() is None:
            if store.actor.can(users.SETTINGS):
                self._first_agency()
            else:
                w.agency_label.setText(self.tr("No agency set up yet: an administrator sets it up under "
                                               "File > Agency settings."))

    def _first_agency(self) -> None:
        from desktop.store.profiles import apply_agency_profile
        from desktop.ui.admin.agency_dialog import AgencyDialog

        dialog = AgencyDialog(self.store, self.window, first_start=True)

        def done(_result: int) -> None:
            self.dialog = None
            try:
                apply_agency_profile(self.store)
            except Exception as exc:
                log.warning("cannot apply the agency's state profile: %s", exc)
            self.window._update_agency()

        dialog.finished.connect(done)
        self._show(dialog)

    # ------------------------------------------------------------------ signing out
    def _close_windows(self) -> bool:
        """Save and close every report and tool window; False when a report that could not be saved is kept."""
        for wizard in list(self.window.wizards):
            wizard.reject()  # done(): saves the draft first
            if wizard in self.window.wizards and not wizard._closing:
                return False
        for dialog in list(self.tools.values()):
            dialog.close()
        self.tools.clear()
        return True

    def sign_out(self, message: str = "") -> bool:
        store = self.store
        if store is None or store.actor is None or store.actor.is_system:
            return False
        name = store.user
        if not self._close_windows():
            return False
        store.logout()
        self._watch(False)
        self._timer.stop()
        self.locked = False
        self._hidden = []
        self._say_user(self.tr("Nobody is signed in"))
        self.stack.setCurrentWidget(self.signed_out_page)
        self.signed_out_page.text.setText(message or self.tr("{0} signed out.").format(name))
        self.window.set_usable(False)
        self.signed_out.emit()
        self.lock_changed.emit(False)
        self._ask_login(message or self.tr("{0} signed out. The next person signs in.").format(name))
        return True

    # ------------------------------------------------------------------ idle lock
    def _watch(self, on: bool) -> None:
        app = QApplication.instance()
        if on and not self._filtering and self.lockable():
            app.installEventFilter(self)
            self._filtering = True
        elif not on and self._filtering:
            app.removeEventFilter(self)
            self._filtering = False

    def lockable(self) -> bool:
        store = self.store
        return store is not None and store.actor is not None and not store.actor.is_system

    def idle_ms(self) -> int:
        if self.idle_ms_override:
            return int(self.idle_ms_override)
        return int(idle_minutes(self.store) * 60_000)

    def restart_idle(self) -> None:
        if self.locked or not self.lockable():
            self._timer.stop()
            return
        self._timer.start(self.idle_ms())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self._timer.isActive():
            self._timer.start()  # activity: the idle time starts again
        return False

    def lock_now(self) -> None:
        """File > Lock now (Ctrl+L)."""
        self.lock(idle=False)

    def lock(self, *, idle: bool = False) -> None:
        """Hide everything behind the lock screen; open reports are saved first (after the idle time, or now)."""
        if self.locked or not self.lockable() or self.dialog is not None:
            return
        from desktop.store import audit
        from desktop.ui.wizard.fields import ElementField
        from desktop.ui.session.login import actor_words

        self._timer.stop()
        for wizard in self.window.wizards:
            focused = wizard.focusWidget()
            if isinstance(focused, ElementField):
                focused.commit()
            wizard.editor.save_now()
        popup = QApplication.activePopupWidget()
        if popup is not None:
            popup.close()
        self._hidden = [d for d in self.window.findChildren(QDialog) if d.isWindow() and d.isVisible()]
        for d in self._hidden:
            d.hide()
        self.locked = True
        minutes = self.idle_ms() / 60_000 if idle else None
        self.store.record_event(audit.LOCKED, detail={"idle_minutes": round(minutes, 2)} if idle else {"by": "hand"})
        self.window.set_usable(False)
        self.stack.setCurrentWidget(self.lock_screen)
        self.lock_screen.prepare(actor_words(self.store.actor), minutes)
        self.lock_changed.emit(True)

    def unlock(self, password: str) -> None:
        if not self.locked:
            return
        from desktop.store import users

        if self.store.verify_password(password):
            self.locked = False
            self._unlock_failures = 0
            self.lock_screen.password.clear()
            self.window.set_usable(True)
            self.stack.setCurrentWidget(self.content)
            for d in self._hidden:
                d.show()
            self._hidden = []
            self.restart_idle()
            self.lock_changed.emit(False)
            return
        self._unlock_failures += 1
        self.lock_screen.password.clear()
        if self._unlock_failures >= users.MAX_FAILED:
            self.sign_out(self.tr("{0} wrong passwords at the lock screen: {1} was signed out.")
                          .format(self._unlock_failures, self.store.user))
            return
        self.lock_screen.show_error(self.tr("That password is wrong. Try again, or sign out."))

    # ------------------------------------------------------------------ the tools and the review
    def open_tool(self, key: str, factory: Callable[["Session"], QDialog]) -> QDialog | None:
        """One window of each tool; opening it again brings it forward."""
        existing = self.tools.get(key)
        if existing is not None and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
        try:
            dialog = factory(self)
        except AccessError as exc:
            tell(self.window, APP_NAME, self.tr("Not allowed: {0}").format(words(exc)), problem=True)
            return None
        self.tools[key] = dialog
        dialog.finished.connect(lambda _r, k=key, d=dialog: self.tools.pop(k, None) if self.tools.get(k) is d
                                else None)
        dialog.show()
        return dialog

    def approve_selected(self) -> bool | QDialog:
        """Approve the selected report (Ctrl+Enter); several selected: those ready and free of errors, after one
        question listing the others (desktop.ui.office.bulk)."""
        from desktop.ui.wizard.review import approve

        chosen = self.window.selected_all()
        if len(chosen) > 1:
            from desktop.ui.office.bulk import approve_many

            return approve_many(self.window, chosen)
        s = self.window.selected()
        if s is None:
            return False
        record, problem = approve(self.store, s.kind, s.id)
        if record is None:
            tell(self.window, self.tr("Not approved"), self.tr("{0} was not approved: {1}").format(s.number, problem),
                 problem=True)
            return False
        self._sync_wizards(record)
        self.window.update_rows([(s.kind, s.id)])
        self.window.statusBar().showMessage(self.tr("{0} approved.").format(s.number), 8000)
        return True

    def return_selected(self) -> QDialog | None:
        """Return the selected report with a comment (Ctrl+Shift+R); several selected: all that can be, with one
        comment."""
        from desktop.ui.wizard.review import ReturnDialog, send_back

        chosen = self.window.selected_all()
        if len(chosen) > 1:
            from desktop.ui.office.bulk import return_many

            return return_many(self.window, chosen)
        s = self.window.selected()
        if s is None:
            return None

        def send(comment: str) -> str | None:
            record, problem = send_back(self.store, s.kind, s.id, comment)
            if record is None:
                return problem
            self._sync_wizards(record)
            self.window.update_rows([(s.kind, s.id)])
            self.window.statusBar().showMessage(self.tr("{0} returned to its author.").format(s.number), 8000)
            return None

        dialog = ReturnDialog(self.window, s.number, send)
        self.tools["return"] = dialog
        dialog.finished.connect(lambda _r: self.tools.pop("return", None))
        dialog.open()
        return dialog

    def sync_record(self, kind: str, record_id: int) -> None:
        """A report changed from the list (a bulk approval): its open wizard, if any, shows its new status."""
        if any(w.editor.kind == kind and w.editor.record_id == record_id for w in self.window.wizards):
            self._sync_wizards(self.store.get(kind, record_id))

    def _sync_wizards(self, record) -> None:
        for wizard in self.window.wizards:
            if wizard.editor.kind == record.kind and wizard.editor.record_id == record.id:
                wizard.editor.status = record.status
                wizard.review_note = record.review_note
                wizard.saved_ready()

    # ------------------------------------------------------------------ restore
    def restore(self, backup: Path) -> bool:
        """Close the store, restore ``backup`` (the current state is backed up first), open it, sign in again.

        The restore itself runs in a worker (desktop.ui.worker; it cannot be stopped halfway, so no Cancel) while
        the window says so; then the database opens and everyone signs in again. Returns False when a report
        window that could not be saved was kept open (nothing done), True once the restore has started.
        """
        from desktop.store import audit
        from desktop.store.backup import restore
        from desktop.ui.worker import Task

        store = self.store
        passphrase = store.db.passphrase
        if not self._close_windows():
            return False
        store.record_event(audit.RESTORE, detail={"restoring": Path(backup).name})  # kept in the state backed up
        self._watch(False)
        self._timer.stop()
        self.locked = False
        self.store = None
        self.window.detach()  # closes the database: restore needs it closed
        self._say_user(self.tr("Nobody is signed in"))
        self.stack.setCurrentWidget(self.signed_out_page)
        self.signed_out_page.text.setText(self.tr("Restoring the backup {0}...").format(Path(backup).name))
        self.window.set_usable(False)
        folder = self.folder
        by = store.user
        self.restoring = Task(lambda step: restore(folder, Path(backup), passphrase, by=by), parent=self,
                              cancellable=False)
        self.restoring.ended.connect(lambda: self._restore_ended(Path(backup), passphrase))
        self.restoring.start()
        return True

    def _restore_ended(self, backup: Path, passphrase: str | None) -> None:
        from desktop.store.db import DatabaseError
        from desktop.store.errors import StoreError

        task, self.restoring = self.restoring, None
        exc = task.error
        if isinstance(exc, (DatabaseError, OSError, StoreError)):  # StoreError: lock.Busy, another writer at work
            message = self.tr("The backup was not restored: {0} The reports are as they were.").format(words(exc))
            self._restored = None
        elif exc is not None:
            raise exc
        else:
            safety = task.result
            message = self.tr("The backup {0} was restored. Sign in again. The reports as they were before the "
                              "restore are kept in {1}").format(backup.name, safety)
            self._restored = {"backup": backup.name, "kept_before": str(safety) if safety else None}
        self.signed_out_page.text.setText(message)
        problem = self._try_open(passphrase)
        if self.store is None:
            if problem:
                self._ask_passphrase("unlock", problem)
            return
        self.notice = message
        self._opened()

    def shutdown(self) -> None:
        """The window closes: no more locking; a database opened for a sign-in that never came is closed."""
        self._timer.stop()
        self._watch(False)
        if self.restoring is not None:  # a restore cannot stop halfway: the window waits for it
            self.restoring.wait()
        self._backup_timer.stop()
        if self._backup_due and self.store is not None:  # closed within moments: made now, as every start makes it
            self._backup_due = False
            self._daily_backup_now()
        self._backup_due = False
        if self.backing_up is not None:  # nor the day's backup (it holds the data folder's lock)
            self.backing_up.wait()
        if self.store is not None and self.store is not self.window.store:
            self.store.close()
        self.store = None


__all__ = ["Session", "idle_minutes", "database_state", "DEFAULT_IDLE_MINUTES", "IDLE_SETTING"]
