"""Backups (administrators): the list, "Back up now", and restoring a chosen backup.

Backups are made by ``desktop.store.backup`` (encrypted like the database). Restoring asks
first, then the session closes the database, restores (the current state is backed up before
anything is replaced), opens it again and asks everyone to sign in again; the message names
the file that keeps the reports as they were.

"Back up now" runs in a worker (desktop.ui.worker) with a progress bar: the copy is written under a temporary
name and renamed when complete, and Cancel removes the backup once the copy (which cannot stop halfway) is
done, so nothing half written is left. The restore's own work runs in a worker too (``Session.restore``); it
cannot be stopped halfway, so it has no Cancel.
"""

from __future__ import annotations

from desktop.store import audit, users
from desktop.ui.dialogs import button, confirm, record_table, words
from desktop.ui.qt import (
    ERROR_STYLE, GOOD_STYLE, QT_TRANSLATE_NOOP, QDialog, QHBoxLayout, QInputDialog, QLabel, QLineEdit,
    QProgressDialog, QTableWidgetItem, QTimer, QVBoxLayout, Qt, tr, resize_within_screen,
)
from desktop.ui.worker import Cancelled, ProgressPanel, Task



REASON_WORDS = {"daily": QT_TRANSLATE_NOOP("", "Daily (automatic)"), "manual": QT_TRANSLATE_NOOP("", "Made by hand"),
                "before-restore": QT_TRANSLATE_NOOP("", "Before a restore"),
                "before-migration": QT_TRANSLATE_NOOP("", "Before an upgrade")}


def size_words(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def reason_words(reason: str) -> str:
    """Why a backup was made, in words."""
    return tr(REASON_WORDS[reason]) if reason in REASON_WORDS else reason


class BackupsDialog(QDialog):
    COLUMNS = (QT_TRANSLATE_NOOP("BackupsDialog", "Taken"), QT_TRANSLATE_NOOP("BackupsDialog", "Kind"),
               QT_TRANSLATE_NOOP("BackupsDialog", "Size"), QT_TRANSLATE_NOOP("BackupsDialog", "Encrypted"),
               QT_TRANSLATE_NOOP("BackupsDialog", "File"))

    def __init__(self, session, parent=None):
        super().__init__(parent or session.window)
        self.session = session
        self.store = session.store
        self.store.actor.require(users.BACKUP)
        self.setObjectName("backups_dialog")
        self.setWindowTitle(self.tr("Backups"))
        self.backups = []
        self.waiting = None  # the busy dialog, while another program writes
        layout = QVBoxLayout(self)
        where = QLabel(self.tr("Backups are kept in {0}. One is made automatically each day NIBRS Desk starts, "
                               "and before every upgrade and restore.").format(self._folder() / "backups"))
        where.setObjectName("backups_where")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(where)
        label = QLabel(self.tr("&Backups, newest first:"))
        layout.addWidget(label)
        self.table = record_table([self.tr(c) for c in self.COLUMNS], "backups_table",
                                  self.tr("Backups, newest first"), self._selection_changed)
        label.setBuddy(self.table)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.backup_button = button(self.tr("Back up &now"), "backup_now", self.backup_now)
        self.restore_button = button(self.tr("&Restore the chosen backup..."), "restore_backup", self.restore)
        # a shared database server is backed up and restored with its own tools
        self.restore_button.setVisible(self.store.actor.can(users.RESTORE) and self.store.db.path is not None)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(button(self.tr("Close"), "backups_close", self.close))
        layout.addLayout(row)
        self.panel = ProgressPanel("backups_progress")
        self.panel.hide()
        layout.addWidget(self.panel)
        self.task: Task | None = None
        self.message = QLabel()
        self.message.setObjectName("backups_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.message)
        resize_within_screen(self, 820, 440)
        self.reload()
        if getattr(session, "backing_up", None) is not None:  # the day's backup, still being made: listed once made
            session.backing_up.ended.connect(lambda: self.reload())

    def _folder(self):
        return self.store.db.data_dir

    def reload(self, select=None) -> None:
        from desktop.store.backup import list_backups

        self.backups = list_backups(self._folder()) if self._folder() is not None else []
        self.table.setRowCount(len(self.backups))
        for r, b in enumerate(self.backups):
            for c, text in enumerate((b.taken.strftime("%m/%d/%Y %H:%M:%S"), reason_words(b.reason),
                                      size_words(b.size), self.tr("yes") if b.encrypted else self.tr("no"),
                                      b.path.name)):
                item = QTableWidgetItem(text)
                item.setToolTip(str(b.path))
                self.table.setItem(r, c, item)
            if select is not None and b.path == select:
                self.table.selectRow(r)
        if self.table.currentRow() < 0 and self.backups:
            self.table.selectRow(0)
        self._selection_changed()

    def selected(self):
        row = self.table.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def _say(self, text: str, good: bool = True) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(GOOD_STYLE if good else ERROR_STYLE)

    def backup_now(self) -> Task | None:
        """Make a backup in a worker; ``self.task`` says when it is over (the list then shows it)."""
        from desktop.store.backup import make_backup

        try:
            self.store.actor.require(users.BACKUP)
        except users.AccessError as exc:
            self._say(self.tr("No backup was made: {0}").format(words(exc)), good=False)
            return None
        if self.task is not None and self.task.running:
            return None
        db = self.store.db

        def work(step):
            step(tr("Backing up"), 0, 0)
            path = make_backup(db, "manual")
            try:
                step(tr("Backing up"), 1, 1)
            except Cancelled:
                path.unlink(missing_ok=True)  # stopped: the copy made is not kept
                raise
            return path

        self.task = Task(work, parent=self)
        self.task.succeeded.connect(self._backed_up)
        self.task.failed.connect(lambda exc: self._say(self.tr("No backup was made: {0}").format(words(exc)),
                                                       good=False))
        self.task.cancelled.connect(lambda: self._say(self.tr("Stopped: no backup was kept."), good=False))
        self.task.ended.connect(self._backup_ended)
        self.backup_button.setEnabled(False)
        self.restore_button.setEnabled(False)
        self.panel.show()
        self._say(self.tr("Backing up..."))
        return self.panel.run(self.task)

    def _backed_up(self, path) -> None:
        self.store.record_event(audit.BACKUP, detail={"reason": "manual", "file": path.name})
        self.reload(select=path)
        self._say(self.tr("Backed up to {0}").format(path))

    def _backup_ended(self) -> None:
        self.panel.hide()
        self.backup_button.setEnabled(True)
        self._selection_changed()

    def closeEvent(self, e) -> None:
        if self.task is not None and self.task.running:
            self.panel.cancel()
            self.task.wait()
        super().closeEvent(e)

    def restore(self) -> bool:
        chosen = self.selected()
        if chosen is None:
            return False
        try:
            self.store.actor.require(users.RESTORE)
        except users.AccessError as exc:
            self._say(self.tr("Not allowed: {0}").format(words(exc)), good=False)
            return False
        question = self.tr(
            "Restore the backup taken {0}?\n\nThe reports as they are now are backed up first, so nothing is lost. "
            "Open reports are saved and closed, and everyone signs in again.").format(
            chosen.taken.strftime("%m/%d/%Y %H:%M:%S"))
        if not confirm(self, self.tr("Restore a backup"), question):
            return False
        if not self._signed_in_again():
            return False
        if self._busy_with() is not None:
            self._wait_then(lambda: self.session.restore(chosen.path))
            return False
        return self.session.restore(chosen.path)

    # ------------------------------------------------------------------ an administrator's act
    def _signed_in_again(self) -> bool:
        """A restore is an administrator's act: their password again, whoever left the window open (audited)."""
        if self.store.actor is None or self.store.actor.user_id is None:
            return True  # no accounts yet: nobody to sign in
        password, ok = QInputDialog.getText(
            self, self.tr("Restore a backup"),
            self.tr("A restore is an administrator's act. {0}, type your password to restore:").format(
                self.store.user), QLineEdit.Password)
        if not ok:
            return False
        if not self.store.verify_password(password, purpose="restore a backup"):
            self._say(self.tr("Not restored: the password is wrong."), good=False)
            return False
        return True

    # ------------------------------------------------------------------ busy, not broken
    def _busy_with(self):
        from desktop.store import lock

        return lock.holder(self._folder()) if self._folder() is not None else None

    def _wait_then(self, go, limit_ms: int | None = None) -> QProgressDialog:
        """Another program is writing (an import, an export...): say so and wait for it, then ``go``; after the
        limit, say the data folder is busy and do nothing (as the command line does)."""
        from desktop.store import lock

        holder = self._busy_with()
        limit = int(lock.default_wait() * 1000) if limit_ms is None else limit_ms
        text = (self.tr("{0}; waiting up to {1} s...").format(holder.words(), round(limit / 1000)) if holder else
                self.tr("Another program is writing to the database; waiting..."))
        waiting = QProgressDialog(text[:1].upper() + text[1:], self.tr("&Cancel"), 0, 0, self)
        waiting.setObjectName("busy_dialog")
        waiting.setWindowTitle(self.tr("Busy"))
        waiting.setMinimumDuration(0)
        timer = QTimer(waiting)
        timer.setInterval(200)
        waited = {"ms": 0}

        def poll() -> None:
            waited["ms"] += timer.interval()
            if self._busy_with() is None:
                timer.stop()
                waiting.close()
                go()
            elif waited["ms"] >= limit:
                timer.stop()
                waiting.close()
                self._say(self.tr("Not restored: the data folder is busy ({0}); nothing was done, try again when "
                                  "it has finished.").format(holder.words() if holder else ""), good=False)

        def cancelled() -> None:
            timer.stop()
            self._say(self.tr("Not restored: cancelled while waiting."), good=False)

        waiting.canceled.connect(cancelled)
        timer.timeout.connect(poll)
        timer.start()
        waiting.show()
        self.waiting = waiting
        return waiting


__all__ = ["BackupsDialog"]
