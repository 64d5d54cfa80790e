"""The audit trail (supervisors and administrators): who did what and when, newest first, and its check.

Filters by user, action, report number and dates run in the database (``Store.audit_entries``).
"Verify" recomputes the hash chain (``Store.verify_audit``) and names any entry that was
altered, inserted or removed.
"""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from typing import Any

from desktop.store import audit
from desktop.ui.dialogs import button, plain_label, record_table
from desktop.ui.qt import (
    ERROR_COLOUR, ERROR_STYLE, GOOD_STYLE, QT_TRANSLATE_NOOP, QColor, QComboBox, QDialog, QGridLayout, QHBoxLayout,
    QLabel, QLineEdit, QPlainTextEdit, QTableWidgetItem, QTimer, QVBoxLayout, QWidget, Qt, tr, resize_within_screen,
)

PAGE = 500



ACTION_WORDS = {
    audit.CREATE: QT_TRANSLATE_NOOP("", "Report created"), audit.UPDATE: QT_TRANSLATE_NOOP("", "Report changed"), audit.DELETE: QT_TRANSLATE_NOOP("", "Report deleted"),
    audit.STATUS: QT_TRANSLATE_NOOP("", "Status changed"), audit.APPROVE: QT_TRANSLATE_NOOP("", "Approved"), audit.RETURN: QT_TRANSLATE_NOOP("", "Returned for changes"),
    audit.EXPORT: QT_TRANSLATE_NOOP("", "Exported"), audit.IMPORT: QT_TRANSLATE_NOOP("", "Imported"), audit.LOGIN: QT_TRANSLATE_NOOP("", "Signed in"), audit.LOGIN_FAILED: QT_TRANSLATE_NOOP("", "Sign-in refused"),
    audit.LOGOUT: QT_TRANSLATE_NOOP("", "Signed out"), audit.LOCKED: QT_TRANSLATE_NOOP("", "Window locked"), audit.UNLOCK: QT_TRANSLATE_NOOP("", "Unlocked"),
    audit.VIEW_RESTRICTED: QT_TRANSLATE_NOOP("", "Restricted fields viewed"), audit.USER_ADD: QT_TRANSLATE_NOOP("", "User added"), audit.USER_CHANGE: QT_TRANSLATE_NOOP("", "User changed"),
    audit.SETTINGS: QT_TRANSLATE_NOOP("", "Settings changed"), audit.BACKUP: QT_TRANSLATE_NOOP("", "Backup"), audit.RESTORE: QT_TRANSLATE_NOOP("", "Restore"), audit.TRANSFER: QT_TRANSLATE_NOOP("", "Transfer"),
}


def action_words(action: str) -> str:
    return tr(ACTION_WORDS[action]) if action in ACTION_WORDS else action


def field_name(kind: str, path: str) -> str:
    """A changed field's path in words ("Victim 1 › Age of Victim (DE 26)"); the path itself when unknown."""
    from types import SimpleNamespace

    from desktop.nibrs.dictionary import dictionary
    from desktop.ui.describe import field_words

    if kind not in ("incident", "group_b", "zero_report"):
        return path
    name, element = field_words(dictionary(), SimpleNamespace(KIND=kind), path)
    return name if element is not None else path


def summary(action: str, detail: Any, kind: str = "") -> str:
    """One line about an entry's detail, in words where the action is known."""
    d = detail if isinstance(detail, dict) else {}
    if action in (audit.APPROVE, audit.STATUS, audit.RETURN) and "from" in d:
        text = tr("from {0} to {1}").format(d.get("from"), d.get("to"))
        return text + (f": “{d['comment']}”" if d.get("comment") else "")
    if action == audit.UPDATE:
        changes = [field_name(kind, path) for path in (d.get("changes") or {})]
        return tr("{0} field(s) changed: {1}").format(len(changes), "; ".join(changes[:4]) +
                                                       ("; ..." if len(changes) > 4 else ""))
    if action == audit.LOGIN_FAILED:
        return str(d.get("reason", ""))
    if action == audit.UNLOCK and d.get("purpose"):
        return tr("password confirmed to {0}").format(d["purpose"])
    if action in (audit.USER_ADD, audit.USER_CHANGE):
        what = d.get("role") or ", ".join((d.get("changes") or {}).keys())
        return f"{d.get('username', '')}: {what}" if what else str(d.get("username", ""))
    if action == audit.SETTINGS:
        return str(d.get("key") or ", ".join(d.keys()))
    if action in (audit.BACKUP, audit.RESTORE):
        return ", ".join(f"{k}: {v}" for k, v in d.items())
    if action == audit.TRANSFER:
        return ", ".join(str(d[k]) for k in ("direction", "result", "key", "file", "records") if d.get(k) is not None)
    if action == audit.VIEW_RESTRICTED:
        return ", ".join(d.get("fields") or [])
    if action in (audit.CREATE, audit.DELETE):
        return str(d.get("status", ""))
    if action == audit.LOCKED:
        if "idle_minutes" in d:
            return tr("after {0} minutes without use").format(f"{float(d['idle_minutes']):g}")
        return tr("locked by hand")
    return json.dumps(d, sort_keys=True)[:120] if d else ""


class AuditDialog(QDialog):
    COLUMNS = ("#", QT_TRANSLATE_NOOP("AuditDialog", "When"), QT_TRANSLATE_NOOP("AuditDialog", "User"),
               QT_TRANSLATE_NOOP("AuditDialog", "Action"), QT_TRANSLATE_NOOP("AuditDialog", "Report"),
               QT_TRANSLATE_NOOP("AuditDialog", "Details"))

    def __init__(self, store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setObjectName("audit_dialog")
        self.setWindowTitle(self.tr("Audit trail"))
        self.entries: list[dict] = []
        self.broken: dict[int, str] = {}
        layout = QVBoxLayout(self)

        filters = QGridLayout()
        self.user = QLineEdit()
        self.user.setObjectName("audit_user")
        self.user.setPlaceholderText(self.tr("user name"))
        self.action = QComboBox()
        self.action.setObjectName("audit_action")
        self.action.addItem(self.tr("Any action"), None)
        for key in ACTION_WORDS:
            self.action.addItem(action_words(key), key)
        self.record = QLineEdit()
        self.record.setObjectName("audit_record")
        self.record.setPlaceholderText(self.tr("incident or arrest number"))
        self.date_from = QLineEdit()
        self.date_from.setObjectName("audit_from")
        self.date_from.setPlaceholderText("MM/DD/YYYY")
        self.date_to = QLineEdit()
        self.date_to.setObjectName("audit_to")
        self.date_to.setPlaceholderText("MM/DD/YYYY")
        for col, (text, w) in enumerate(((self.tr("&User:"), self.user), (self.tr("A&ction:"), self.action),
                                         (self.tr("&Report:"), self.record), (self.tr("&From:"), self.date_from),
                                         (self.tr("&To:"), self.date_to))):
            label = QLabel(text)
            label.setBuddy(w)
            w.setAccessibleName(plain_label(text))
            filters.addWidget(label, 0, col * 2)
            filters.addWidget(w, 0, col * 2 + 1)
        layout.addLayout(filters)
        self.filter_problem = QLabel()
        self.filter_problem.setObjectName("audit_filter_problem")
        self.filter_problem.setStyleSheet(ERROR_STYLE)
        self.filter_problem.hide()
        layout.addWidget(self.filter_problem)

        self.table = record_table([self.tr(c) for c in self.COLUMNS], "audit_table",
                                  self.tr("Audit entries, newest first"), self._show_detail)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        layout.addWidget(self.table, 3)
        detail_label = QLabel(self.tr("&Entry:"))
        layout.addWidget(detail_label)
        self.detail = QPlainTextEdit()
        self.detail.setObjectName("audit_detail")
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(self.tr("The chosen entry in full"))
        self.detail.setTabChangesFocus(True)
        detail_label.setBuddy(self.detail)
        layout.addWidget(self.detail, 1)

        row = QHBoxLayout()
        self.verify_button = button(self.tr("&Verify the trail"), "audit_verify", self.verify,
                                    tip=self.tr("Check that no entry was altered, inserted or removed"))
        self.more_button = button(self.tr("Show &more"), "audit_more", self.more)
        self.count = QLabel()
        self.count.setObjectName("audit_count")
        row.addWidget(self.verify_button)
        row.addWidget(self.more_button)
        row.addWidget(self.count, 1)
        row.addWidget(button(self.tr("Close"), "audit_close", self.close))
        layout.addLayout(row)
        self.result = QLabel()
        self.result.setObjectName("audit_verify_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.result)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.reload)
        for w in (self.user, self.record, self.date_from, self.date_to):
            w.textChanged.connect(lambda _=None: self._timer.start())
        self.action.currentIndexChanged.connect(lambda _=None: self._timer.start())
        resize_within_screen(self, 1000, 620)
        self.reload()

    # ------------------------------------------------------------------ filters
    def filters(self) -> dict[str, Any] | None:
        """The store's filters for what the fields say; None when one cannot be read (said in words)."""
        from desktop.store.service import SearchFilter
        from desktop.forms import entry

        out: dict[str, Any] = {}
        problems = []
        if self.user.text().strip():
            out["username"] = self.user.text().strip()
        if self.action.currentData():
            out["action"] = self.action.currentData()
        for key, w, shift in (("since", self.date_from, 0), ("until", self.date_to, 1)):
            try:
                day = entry.parse_date(w.text())
            except ValueError as exc:
                problems.append(str(exc))
                continue
            if day is not None:
                out[key] = datetime.combine(day, time()) + timedelta(days=shift)
        number = self.record.text().strip().upper()
        if number:
            hits = [r for r in self.store.search(SearchFilter(number=number, include_deleted=True), limit=50)
                    if r.number.upper() == number]
            if not hits:
                problems.append(self.tr("no report is numbered {0}").format(number))
            else:
                out["kind"], out["record_id"] = hits[0].kind, hits[0].id
        self.filter_problem.setText("; ".join(problems))
        self.filter_problem.setVisible(bool(problems))
        return None if problems else out

    def reload(self) -> None:
        self._timer.stop()
        flt = self.filters()
        self.entries = [] if flt is None else self.store.audit_entries(limit=PAGE, **flt)
        self._fill()

    def more(self) -> None:
        flt = self.filters()
        if flt is None:
            return
        self.entries += self.store.audit_entries(limit=PAGE, offset=len(self.entries), **flt)
        self._fill()

    def _report_numbers(self) -> dict[tuple[str, int], str]:
        """The number of each report the shown entries name (a record deleted since keeps its id)."""
        wanted: dict[str, set[int]] = {}
        for e in self.entries:
            if e["kind"] and e["record_id"] is not None:
                wanted.setdefault(e["kind"], set()).add(e["record_id"])
        out = {}
        for kind, ids in wanted.items():
            for record_id, number in self.store.numbers(kind, ids).items():
                out[(kind, record_id)] = number
        return out

    def _fill(self) -> None:
        self.table.setRowCount(len(self.entries))
        numbers = self._report_numbers()
        kinds = {"incident": self.tr("incident"), "group_b": self.tr("Group B arrest"),
                 "zero_report": self.tr("zero report")}
        for r, e in enumerate(self.entries):
            detail = e["detail"] if isinstance(e["detail"], dict) else {}
            report = ""
            if e["record_id"] is not None:
                number = numbers.get((e["kind"], e["record_id"]))
                report = f"{kinds.get(e['kind'], e['kind'])} {number}" if number else \
                    str(detail.get("key") or f"{kinds.get(e['kind'], e['kind'])} #{e['record_id']}")
            elif detail.get("key"):
                report = str(detail["key"])
            texts = (str(e["seq"]), e["at"].strftime("%m/%d/%Y %H:%M:%S"), e["user"], action_words(e["action"]),
                     str(report), summary(e["action"], e["detail"], e["kind"] or ""))
            for c, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if e["seq"] in self.broken:
                    item.setForeground(QColor(ERROR_COLOUR))
                    item.setToolTip(self.broken[e["seq"]])
                self.table.setItem(r, c, item)
        self.count.setText(self.tr("{0} entries shown").format(len(self.entries)))
        self.more_button.setEnabled(len(self.entries) % PAGE == 0 and bool(self.entries))
        if self.entries:
            self.table.selectRow(0)
        else:
            self.detail.clear()

    def _show_detail(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.entries):
            self.detail.clear()
            return
        e = self.entries[row]
        head = f"#{e['seq']}  {e['at']:%m/%d/%Y %H:%M:%S}  {e['user']}  {action_words(e['action'])}"
        self.detail.setPlainText(head + "\n" + json.dumps(e["detail"], indent=2, sort_keys=True, default=str))

    # ------------------------------------------------------------------ verify
    def verify(self) -> list:
        problems = self.store.verify_audit()
        self.broken = {p.seq: str(p) for p in problems if p.seq is not None}
        if not problems:
            newest = self.store.audit_entries(limit=1)
            last = newest[0]["seq"] if newest else 0
            self.result.setText(self.tr("The audit trail is intact: entries 1 to {0}, each follows the one before "
                                        "it and none was changed.").format(last))
            self.result.setStyleSheet(GOOD_STYLE)
        else:
            lines = "\n".join(f"• {p}" for p in problems)
            self.result.setText(self.tr("The audit trail was tampered with:\n{0}").format(lines))
            self.result.setStyleSheet(ERROR_STYLE)
        self._fill()
        return problems


__all__ = ["AuditDialog", "summary", "action_words"]
