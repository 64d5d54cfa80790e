"""The audit trail: who did what, when — append-only, hash-chained, keyed, and anchored outside the database.

Every entry stores the hash of the entry before it and its own hash over its content and that
previous hash (SHA-256 of canonical JSON), and a sequence number. The database refuses updates
and deletes of entries (triggers, added in migration 0002); and ``verify`` recomputes the chain,
so an entry edited, inserted or removed by hand is found and named. The newest sequence
number and hash are also kept in the ``setting`` table, written in the same transaction, so
removing the last entries is found too.

Since schema 0008 (issue 19) each entry also carries ``mac``, an HMAC of its hash with the installation's audit key
(``anchor.py``: not in the database), so a chain recomputed without the key is found; the newest entry is written
to the anchor file beside the database after every transaction (and with every backup, export and transfer file),
so entries removed at the end, all removed, or rewritten are found against it; and an entry naming a record
carries the record's checksum (``checksums.py``), so a report table edited outside the app is found. ``verify``
names each of these. Every entry is made by one function, :func:`_entry` (``append`` and ``append_many`` both use
it).
"""

from __future__ import annotations

import hashlib
import hmac
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
SEAL = "seal"  # records' checksums recorded (a baseline, or changes no other entry named)
AUDIT_KEY = "audit_key"  # session.info: the installation's audit key (anchor.py)


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


def entry_mac(key: bytes | None, digest: str) -> str | None:
    """An entry's key: an HMAC of its hash with the installation's audit key (None without a key)."""
    return None if key is None else hmac.new(key, digest.encode("ascii"), hashlib.sha256).hexdigest()


def _entry(session: Session, seq: int, at: datetime, username: str, action: str, kind: str,
           record_id: int | None, detail: Any, prev_hash: str) -> dict[str, Any]:
    """One entry, ready to insert: its detail (with the record's new checksum when the entry names a record changed
    in this transaction), hash and key. The one place entries are made."""
    detail = canonical(detail if detail is not None else {})
    if session.info.get(RESTRICTED_IDS):
        detail = by_reference(session, detail, session.info[RESTRICTED_IDS], at)
    if kind and record_id is not None:
        sums = session.info.get("checksums")
        if sums and (kind, record_id) in sums and isinstance(detail, dict):
            detail["checksum"] = sums[(kind, record_id)]
            session.info.setdefault("covered", {})[(kind, record_id)] = sums[(kind, record_id)]
    digest = entry_hash(seq, at, username, action, kind, record_id, detail, prev_hash)
    return {"seq": seq, "at": at, "username": username, "action": action, "kind": kind, "record_id": record_id,
            "detail": detail, "prev_hash": prev_hash, "hash": digest, "mac": entry_mac(session.info.get(AUDIT_KEY),
                                                                                      digest)}


RESTRICTED_IDS = "restricted_ids"  # session.info: the restricted elements (the Store's unit sets it)
REFERENCE = "restricted_value"  # {"restricted_value": id}: a restricted value kept in its own table


def element_named(key: Any, ids: set[str] | frozenset[str]) -> str | None:
    """The restricted element a detail key names: the key itself (``extras``) or a part of a change's path
    (``offenders[0].extras.mo_immigration_status``)."""
    if not isinstance(key, str):
        return None
    if key in ids:
        return key
    if "." in key or "[" in key:
        return next((part for part in reversed(key.replace("[", ".").split(".")) if part in ids), None)
    return None


def by_reference(session: Session, detail: Any, ids, at: datetime) -> Any:
    """The detail with every restricted value replaced by a reference to a ``restricted_value`` row (issue 19):
    an entry's details never hold one; :meth:`Store.audit_entries` renders them per viewer."""
    def ref(element: str, value: Any) -> Any:
        if value is None or value == "" or value == [] or value == {} or is_reference(value):
            return value
        new = session.execute(insert(s.RestrictedValue).values(element=element, value=value, created_at=at))
        return {REFERENCE: int(new.inserted_primary_key[0])}

    def walk(v: Any) -> Any:
        if isinstance(v, dict):
            out = {}
            for k, x in v.items():
                element = element_named(k, ids)
                if element is None:
                    out[k] = walk(x)
                elif "." in k or "[" in k:  # a change: [before, after]
                    out[k] = [ref(element, y) for y in x] if isinstance(x, list) else ref(element, x)
                else:
                    out[k] = ref(element, x)
            return out
        if isinstance(v, list):
            return [walk(x) for x in v]
        return v

    return walk(detail)


def is_reference(value: Any) -> bool:
    return isinstance(value, dict) and len(value) == 1 and isinstance(value.get(REFERENCE), int)


def _head(session: Session) -> s.Setting:
    """The newest entry's sequence number and hash, locked until the transaction ends (entries queue up)."""
    if session.new or session.dirty or session.deleted:
        session.flush()  # the records changed so far get their checksums first (checksums.py)
    head = session.get(s.Setting, HEAD_KEY, with_for_update=True)
    if head is None:
        last = session.scalars(select(s.AuditEntry).order_by(s.AuditEntry.seq.desc()).limit(1)).first()
        prev_seq, prev_hash = (last.seq, last.hash) if last else (0, GENESIS)
        head = s.Setting(key=HEAD_KEY, value={"seq": prev_seq, "hash": prev_hash})
        session.add(head)
    return head


def _moved(session: Session, head: s.Setting, seq: int, digest: str) -> None:
    head.value = {"seq": seq, "hash": digest}
    session.info["audit_head"] = (seq, digest)  # written to the anchor file once the transaction commits


def append(session: Session, username: str, action: str, *, kind: str = "", record_id: int | None = None,
           detail: Any = None, at: datetime | None = None) -> s.AuditEntry:
    """Add an entry inside the caller's transaction (so it commits or rolls back with the change)."""
    head = _head(session)
    prev_seq, prev_hash = int(head.value["seq"]), str(head.value["hash"])
    row = _entry(session, prev_seq + 1, at or datetime.now(), username, action, kind, record_id, detail, prev_hash)
    entry = s.AuditEntry(**row)
    session.add(entry)
    _moved(session, head, row["seq"], row["hash"])
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
        row = _entry(session, seq, at, username, e["action"], e.get("kind", ""), e.get("record_id"),
                     e.get("detail"), prev_hash)
        rows.append(row)
        prev_hash = row["hash"]
    session.execute(insert(s.AuditEntry), rows)
    _moved(session, head, seq, prev_hash)


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


@dataclass
class _Row:
    id: int
    seq: int
    at: datetime
    username: str
    action: str
    kind: str
    record_id: int | None
    detail: Any
    prev_hash: str
    hash: str
    mac: str | None = None


def _rows(session: Session) -> tuple[list[_Row], bool]:
    """Every entry in order, and whether the table has keys (a database from before schema 0008 has none)."""
    from sqlalchemy import inspect as sa_inspect

    table = s.AuditEntry.__table__
    names = {c["name"] for c in sa_inspect(session.connection()).get_columns("audit_log")}
    cols = [table.c[n] for n in ("id", "seq", "at", "username", "action", "kind", "record_id", "detail", "prev_hash",
                                 "hash", "mac") if n in names]
    out = []
    for r in session.execute(select(*cols).order_by(table.c.seq, table.c.id)):
        d = dict(r._mapping)
        at = d["at"] if isinstance(d["at"], datetime) else datetime.fromisoformat(str(d["at"]))
        detail = d["detail"]
        if isinstance(detail, str) and detail[:1] in ("{", "["):  # JSON text read back undecoded
            try:
                detail = json.loads(detail)
            except ValueError:
                pass  # a detail that is a string of its own
        out.append(_Row(d["id"], d["seq"], at, d["username"], d["action"], d["kind"] or "", d["record_id"], detail,
                        d["prev_hash"], d["hash"], d.get("mac")))
    return out, "mac" in names


def verify(session: Session, *, key: bytes | None = None, data_dir=None, records: bool = True,
           anchor_required: bool = False, key_required: bool = True) -> list[Problem]:
    """Every break in the trail, each named: entries altered, inserted or removed; entries removed at the end with
    the head moved back, or all removed (against the anchor file in ``data_dir``); a chain recomputed without the
    audit key, or entries forged at its end (``key``); report tables changed outside the app (``records``)."""
    problems: list[Problem] = []
    prev_hash, expected_seq = GENESIS, 1
    rows, keyed_table = _rows(session)
    restores: list[_Row] = []
    broken: set[int] = set()  # entries whose own chain is broken (reported as altered, inserted, removed)
    for e in rows:
        if e.action == RESTORE and isinstance(e.detail, dict) and e.detail.get("gap"):
            restores.append(e)
        if e.seq != expected_seq:
            if e.seq > expected_seq:
                missing = f"{expected_seq}" if e.seq == expected_seq + 1 else f"{expected_seq} to {e.seq - 1}"
                problems.append(Problem(expected_seq, None, f"missing: entr{'y' if e.seq == expected_seq + 1 else 'ies'}"
                                                            f" {missing} removed before entry {e.seq}"))
            else:
                problems.append(Problem(e.seq, e.id, "out of sequence: inserted or renumbered"))
            broken.add(e.seq)
        if e.prev_hash != prev_hash:
            problems.append(Problem(e.seq, e.id, "does not follow the entry before it: an entry was inserted or "
                                                 "removed here"))
            broken.add(e.seq)
        recomputed = entry_hash(e.seq, e.at, e.username, e.action, e.kind, e.record_id, e.detail, e.prev_hash)
        if recomputed != e.hash:
            problems.append(Problem(e.seq, e.id, f"altered: its content no longer matches its hash "
                                                 f"({e.action} by {e.username} at {e.at:%Y-%m-%d %H:%M:%S})"))
            broken.add(e.seq)
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
    elif rows:
        problems.append(Problem(None, None, "the recorded head of the trail is missing"))
    anchors = _anchors(data_dir, key)
    if keyed_table and (key is not None or key_required):
        problems += _keys(rows, key, broken, anchors)
    problems += _against_anchors(rows, anchors)
    if anchor_required and not anchors and key is not None and any(e.mac for e in rows):
        problems.append(Problem(None, None, "the anchor file beside the database (audit-anchor.log) is missing, though "
                                            "NIBRS Desk wrote keyed entries here: it was removed"))
    if records and keyed_table:
        problems += _records(session, rows)
    problems += [_gap(session, e) for e in restores]
    return problems


def _anchors(data_dir, key: bytes | None) -> list:
    if data_dir is None:
        return []
    from desktop.store import anchor

    return list(anchor.read(data_dir, key))


def _keys(rows: list[_Row], key: bytes | None, broken: set[int], anchors: list) -> list[Problem]:
    """Entries whose key does not match: a chain recomputed without the audit key, or entries forged at its end."""
    keyed = [e for e in rows if e.mac]
    if key is None:
        if keyed:
            return [Problem(None, None, "its entries are keyed but this machine has no audit key (the data folder's "
                                        "audit.key is missing, or the passphrase is not given): the keys cannot be "
                                        "checked")]
        return []
    first_keyed = keyed[0].seq if keyed else None
    bad = [e for e in rows if (first_keyed is not None and e.seq >= first_keyed or e.mac) and e.seq not in broken
           and not (e.mac and hmac.compare_digest(e.mac, entry_mac(key, e.hash) or ""))]
    if not bad:
        return []
    problems = []
    runs: list[list[_Row]] = []
    for e in bad:
        if runs and runs[-1][-1].seq + 1 == e.seq:
            runs[-1].append(e)
        else:
            runs.append([e])
    anchored = [a.seq for a in anchors if a.valid]
    for run in runs:
        first, last = run[0], run[-1]
        span = f"entry {first.seq}" if first.seq == last.seq else f"entries {first.seq} to {last.seq}"
        if any(first.seq <= seq <= last.seq for seq in anchored):
            problems.append(Problem(first.seq, first.id, f"recomputed: {span} rewritten and the chain recomputed to "
                                                         "hide it: they do not carry this installation's audit key"))
        else:
            problems.append(Problem(first.seq, first.id, f"forged: {span} written by hand, not by NIBRS Desk "
                                                         f"({first.action} by {first.username} at "
                                                         f"{first.at:%Y-%m-%d %H:%M:%S}): they do not carry this "
                                                         "installation's audit key"))
    return problems


def _against_anchors(rows: list[_Row], anchors: list) -> list[Problem]:
    """The trail against the anchor file: every entry removed, entries removed at the end, or anchored entries
    rewritten."""
    problems = []
    forged = [a for a in anchors if not a.valid]
    if forged:
        a = forged[0]
        problems.append(Problem(None, None, f"the anchor file has {len(forged)} line(s) NIBRS Desk did not write "
                                            f"(line {a.line or '?'}): it was edited"))
    good = sorted((a for a in anchors if a.valid), key=lambda a: a.seq)
    if not good:
        return problems
    newest = good[-1]
    by_seq = {e.seq: e for e in rows}
    mismatch = next((a for a in good if a.seq in by_seq and by_seq[a.seq].hash != a.hash), None)
    if not rows or (mismatch is not None and mismatch is good[0]):
        again = f"; the trail begins again with entry 1 at {rows[0].at:%Y-%m-%d %H:%M:%S}" if rows else ""
        return problems + [Problem(None, None, f"deleted: every entry was removed (and the recorded head with them), "
                                               f"but the anchor file beside the database recorded {newest.words()}"
                                               f"{again}")]
    last = rows[-1].seq
    if newest.seq > last:
        problems.append(Problem(last + 1, None, f"truncated: entries {last + 1} to {newest.seq} were removed at the "
                                                f"end and the recorded head moved back to entry {last}; the anchor "
                                                f"file beside the database recorded {newest.words()}"))
    if mismatch is not None:
        problems.append(Problem(mismatch.seq, by_seq[mismatch.seq].id,
                                f"rewritten: it is not the entry anchored as {mismatch.words()}: the trail was "
                                "rewritten from here on"))
    return problems


def _records(session: Session, rows: list[_Row]) -> list[Problem]:
    """Report tables against the checksums the trail recorded: a row changed, added or removed by hand."""
    from desktop.store import checksums
    from desktop.store.kinds import KINDS

    expected: dict[tuple[str, int], tuple[str | None, int]] = {}
    for e in rows:
        d = e.detail if isinstance(e.detail, dict) else {}
        if e.action == SEAL:
            if d.get("baseline"):
                expected = {}
            for kind, record_id, value in d.get("records") or []:
                expected[(kind, int(record_id))] = (value, e.seq)
        elif e.kind and e.record_id is not None and "checksum" in d:
            expected[(e.kind, e.record_id)] = (d["checksum"], e.seq)
    if session.get(s.Setting, checksums.PENDING_KEY) is not None:
        return []  # not sealed yet (a database just brought to schema 0008 is sealed at its first start)
    problems = []
    seen = set()
    for kind, record_id, stored_content, stored, content, total, row in checksums.current(session):
        seen.add((kind, record_id))
        name = f"{KINDS[kind].words} {_number(kind, row)} (record id {record_id})"
        recorded = expected.get((kind, record_id))
        if recorded is None:
            problems.append(Problem(None, None, f"changed outside the app: {name} is in the tables but no entry of "
                                                "the trail records it (added by hand)"))
        elif stored_content != content or stored != total:
            problems.append(Problem(recorded[1], None, f"changed outside the app: {name} no longer matches its "
                                                       "checksum (its values, status or authors were edited in the "
                                                       "tables)"))
        elif recorded[0] != total:
            problems.append(Problem(recorded[1], None, f"changed outside the app: {name} does not match the checksum "
                                                       f"the trail recorded at entry {recorded[1]} (edited in the "
                                                       "tables and its checksum worked out again)"))
    for (kind, record_id), (value, seq) in sorted(expected.items()):
        if value is not None and (kind, record_id) not in seen and kind in KINDS:
            problems.append(Problem(seq, None, f"changed outside the app: {KINDS[kind].words} record id {record_id} "
                                               f"was removed from the tables with no entry recording it"))
    return problems


def _number(kind: str, row: Any) -> str:
    from desktop.store.kinds import KINDS

    number = KINDS[kind].number
    return str(getattr(row, number)) if number else f"{row.year}-{row.month:02d}"


def _gap(session: Session, e: Any) -> Problem:
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
