"""The audit trail: who did what, when — append-only and hash-chained.

Every entry stores the hash of the entry before it and its own hash over its content and that
previous hash (SHA-256 of canonical JSON), and a sequence number. The database refuses updates
and deletes of entries (triggers, added in migration 0002); and ``verify`` recomputes the chain,
so an entry edited, inserted or removed by hand is found and named. The newest sequence
number and hash are also kept in the ``setting`` table, written in the same transaction, so
removing the last entries is found too.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from desktop.store import schema as s

GENESIS = "0" * 64
HEAD_KEY = "audit_head"

# What is recorded (action names).
CREATE, UPDATE, DELETE, STATUS, APPROVE, RETURN, EXPORT, IMPORT = (
    "create", "update", "delete", "status", "approve", "return", "export", "import")
LOGIN, LOGIN_FAILED, LOGOUT, LOCKED, UNLOCK = "login", "login_failed", "logout", "locked", "unlock"
VIEW_RESTRICTED = "view_restricted"
USER_ADD, USER_CHANGE, SETTINGS, BACKUP, RESTORE, TRANSFER = (
    "user_add", "user_change", "settings", "backup", "restore", "transfer")


def _default(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (set, tuple)):
        return list(value)
    raise TypeError(f"cannot record {type(value).__name__} in the audit trail")


def canonical(value: Any) -> Any:
    """JSON-ready form of a detail (as stored and as hashed)."""
    return json.loads(json.dumps(value, default=_default, sort_keys=True))


def entry_hash(seq: int, at: datetime, username: str, action: str, kind: str, record_id: int | None,
               detail: Any, prev_hash: str) -> str:
    body = json.dumps({"seq": seq, "at": at.isoformat(timespec="microseconds"), "user": username, "action": action,
                       "kind": kind, "record": record_id, "detail": detail, "prev": prev_hash},
                      sort_keys=True, separators=(",", ":"), default=_default)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _head(session: Session) -> s.Setting:
    """The newest entry's sequence number and hash, locked until the transaction ends (entries queue up)."""
    head = session.get(s.Setting, HEAD_KEY, with_for_update=True)
    if head is None:
        last = session.scalars(select(s.AuditEntry).order_by(s.AuditEntry.seq.desc()).limit(1)).first()
        prev_seq, prev_hash = (last.seq, last.hash) if last else (0, GENESIS)
        head = s.Setting(key=HEAD_KEY, value={"seq": prev_seq, "hash": prev_hash})
        session.add(head)
    return head


def append(session: Session, username: str, action: str, *, kind: str = "", record_id: int | None = None,
           detail: Any = None, at: datetime | None = None) -> s.AuditEntry:
    """Add an entry inside the caller's transaction (so it commits or rolls back with the change)."""
    head = _head(session)
    prev_seq, prev_hash = int(head.value["seq"]), str(head.value["hash"])
    at = at or datetime.now()
    detail = canonical(detail if detail is not None else {})
    seq = prev_seq + 1
    digest = entry_hash(seq, at, username, action, kind, record_id, detail, prev_hash)
    entry = s.AuditEntry(seq=seq, at=at, username=username, action=action, kind=kind, record_id=record_id,
                         detail=detail, prev_hash=prev_hash, hash=digest)
    session.add(entry)
    head.value = {"seq": seq, "hash": digest}
    return entry


def append_many(session: Session, username: str, entries: list[dict[str, Any]], *,
                at: datetime | None = None) -> None:
    """Add many entries (dicts of action, kind, record_id, detail) inside the caller's transaction.

    The same chain as :func:`append`, reading and moving the head once: for an export or an import
    that writes an entry per record.
    """
    if not entries:
        return
    head = _head(session)
    seq, prev_hash = int(head.value["seq"]), str(head.value["hash"])
    at = at or datetime.now()
    rows = []
    for e in entries:
        seq += 1
        detail = canonical(e["detail"] if e.get("detail") is not None else {})  # as append() has it
        kind, record_id = e.get("kind", ""), e.get("record_id")
        digest = entry_hash(seq, at, username, e["action"], kind, record_id, detail, prev_hash)
        rows.append({"seq": seq, "at": at, "username": username, "action": e["action"], "kind": kind,
                     "record_id": record_id, "detail": detail, "prev_hash": prev_hash, "hash": digest})
        prev_hash = digest
    session.execute(insert(s.AuditEntry), rows)
    head.value = {"seq": seq, "hash": prev_hash}


TAMPERED, GAP = "tampered", "gap"


@dataclass(frozen=True)
class Problem:
    """Why the trail is not intact: an entry altered, inserted or removed (``tampered``), or a restore that
    took away the changes of entries the trail keeps (``gap``: the restore entry names it)."""

    seq: int | None
    entry_id: int | None
    reason: str
    kind: str = TAMPERED

    def __str__(self) -> str:
        which = f"entry {self.seq}" if self.seq is not None else "the audit trail"
        if self.entry_id is not None and self.seq is not None:
            which += f" (row id {self.entry_id})"
        return f"{which}: {self.reason}"


def verify(session: Session) -> list[Problem]:
    """Every break in the chain: altered entries, inserted ones, removed ones."""
    problems: list[Problem] = []
    prev_hash, expected_seq = GENESIS, 1
    count = 0
    restores: list[s.AuditEntry] = []
    for e in session.scalars(select(s.AuditEntry).order_by(s.AuditEntry.seq, s.AuditEntry.id)):
        count += 1
        if e.action == RESTORE and isinstance(e.detail, dict) and e.detail.get("gap"):
            restores.append(e)
        if e.seq != expected_seq:
            if e.seq > expected_seq:
                missing = f"{expected_seq}" if e.seq == expected_seq + 1 else f"{expected_seq} to {e.seq - 1}"
                problems.append(Problem(expected_seq, None, f"missing: entr{'y' if e.seq == expected_seq + 1 else 'ies'}"
                                                            f" {missing} removed before entry {e.seq}"))
            else:
                problems.append(Problem(e.seq, e.id, "out of sequence: inserted or renumbered"))
        if e.prev_hash != prev_hash:
            problems.append(Problem(e.seq, e.id, "does not follow the entry before it: an entry was inserted or "
                                                 "removed here"))
        at = e.at if isinstance(e.at, datetime) else datetime.fromisoformat(str(e.at))
        recomputed = entry_hash(e.seq, at, e.username, e.action, e.kind or "", e.record_id, e.detail, e.prev_hash)
        if recomputed != e.hash:
            problems.append(Problem(e.seq, e.id, f"altered: its content no longer matches its hash "
                                                 f"({e.action} by {e.username} at {at:%Y-%m-%d %H:%M:%S})"))
        prev_hash = e.hash
        expected_seq = e.seq + 1
    head = session.get(s.Setting, HEAD_KEY)
    if head is not None:
        head_seq, head_hash = int(head.value["seq"]), head.value["hash"]
        if head_seq >= expected_seq:
            problems.append(Problem(expected_seq, None, f"missing: the trail ends at entry {expected_seq - 1} but "
                                                        f"entry {head_seq} was written (entries removed at the end)"))
        elif head_seq == expected_seq - 1 and head_hash != prev_hash:
            problems.append(Problem(head_seq, None, "the newest entry does not match the recorded head"))
        elif head_seq < expected_seq - 1:
            problems.append(Problem(head_seq + 1, None, "entries after the recorded head were added by hand"))
    elif count:
        problems.append(Problem(None, None, "the recorded head of the trail is missing"))
    problems += [_gap(session, e) for e in restores]
    return problems


def _gap(session: Session, e: s.AuditEntry) -> Problem:
    """What a restore took away, in words: the entries whose changes the restored database does not hold."""
    gap = e.detail["gap"]
    first, last = int(gap.get("from", 0)), int(gap.get("to", 0))
    times = session.execute(select(s.AuditEntry.at).where(s.AuditEntry.seq.in_((first, last)))
                            .order_by(s.AuditEntry.seq)).scalars().all()
    when = ""
    if times:
        when = f" (written {times[0]:%Y-%m-%d %H:%M}" + (f" to {times[-1]:%Y-%m-%d %H:%M})" if len(times) > 1 else ")")
    entries = f"entry {first}" if first == last else f"entries {first} to {last}"
    kept = e.detail.get("before_restore_path") or e.detail.get("before_restore")
    where = f"; the database as it was is kept in {kept}" if kept else ""
    at = e.at if isinstance(e.at, datetime) else datetime.fromisoformat(str(e.at))
    return Problem(e.seq, e.id, f"restore of {e.detail.get('backup', 'a backup')} by {e.username} at "
                                f"{at:%Y-%m-%d %H:%M:%S}: the changes of {entries}{when} are not in this database"
                                f"{where}", GAP)


def entries(session: Session, *, username: str | None = None, action: str | None = None, kind: str | None = None,
            record_id: int | None = None, since: datetime | None = None, until: datetime | None = None,
            limit: int = 500, offset: int = 0) -> list[s.AuditEntry]:
    """Entries newest first; ``since``/``until`` bound their time (``until`` excluded)."""
    q = select(s.AuditEntry)
    if since is not None:
        q = q.where(s.AuditEntry.at >= since)
    if until is not None:
        q = q.where(s.AuditEntry.at < until)
    if username:
        q = q.where(s.AuditEntry.username == username)
    if action:
        q = q.where(s.AuditEntry.action == action)
    if kind:
        q = q.where(s.AuditEntry.kind == kind)
    if record_id is not None:
        q = q.where(s.AuditEntry.record_id == record_id)
    return list(session.scalars(q.order_by(s.AuditEntry.seq.desc()).offset(offset).limit(limit)))


def diff(before: dict[str, Any] | None, after: dict[str, Any] | None, prefix: str = "") -> dict[str, list[Any]]:
    """Changed leaves between two JSON-ready reports: {"victims[0].age": [old, new]}."""
    out: dict[str, list[Any]] = {}

    def walk(a: Any, b: Any, path: str) -> None:
        if isinstance(a, dict) and isinstance(b, dict):
            for k in sorted(set(a) | set(b)):
                walk(a.get(k), b.get(k), f"{path}.{k}" if path else k)
        elif isinstance(a, list) and isinstance(b, list) and all(isinstance(x, dict) for x in a + b):
            for i in range(max(len(a), len(b))):
                walk(a[i] if i < len(a) else None, b[i] if i < len(b) else None, f"{path}[{i}]")
        elif a != b:
            out[path] = [a, b]

    walk(before or {}, after or {}, prefix)
    return out
