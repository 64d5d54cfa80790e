"""Moving reports between machines: an encrypted transfer file, merged by ORI and number.

A deputy's laptop, offline, writes its reports to a transfer file — a small SQLCipher
database encrypted with a transfer passphrase — which the office machine imports. Each record
carries the hash of its content and the hash of the version both machines last shared
(``base_hash``). On import:

  same content                          nothing to do
  local unchanged since the shared one  the incoming version replaces it
  incoming is the version last shared   the local one is newer; nothing to do
  changed on both sides                 a conflict: the incoming version is kept beside the
                                        local one until a supervisor chooses (never overwritten)

The whole import is one transaction: a kill leaves the office database as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desktop import __version__
from desktop.nibrs import model as m
from desktop.nibrs import serialize
from desktop.store import audit, crypto, users
from desktop.store import schema as s
from desktop.store.mapping import from_row, to_row

FORMAT = "nibrs-desk-transfer/1"
ENV_TRANSFER_PASSPHRASE = "NIBRS_DESK_TRANSFER_PASSPHRASE"
_ROWS = {"incident": s.Incident, "group_b": s.GroupBArrestRow, "zero_report": s.ZeroReportRow}


class TransferError(RuntimeError):
    pass


def content_hash(report: m.Report) -> str:
    data = serialize.report_to_dict(report)
    return hashlib.sha256(json.dumps(data, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def key_of(report: m.Report) -> tuple:
    if isinstance(report, m.GroupAIncident):
        return (report.ori, report.incident_number)
    if isinstance(report, m.GroupBArrest):
        return (report.ori, report.arrest_transaction_number, report.sequence_number)
    return (report.ori, report.year, report.month)


def key_text(kind: str, key: tuple) -> str:
    return " ".join(str(k) for k in key)


def machine_id(store) -> str:
    value = store.get_setting("machine_id")
    if not value:
        value = str(uuid.uuid4())
        with store.db.write() as session:
            session.add(s.Setting(key="machine_id", value=value))
    return value


# ------------------------------------------------------------------------------------ writing
def write_transfer(store, path: Path, passphrase: str, *, kinds=("incident", "group_b", "zero_report")) -> int:
    """Write every live (and every deleted-but-shared) record to an encrypted transfer file."""
    store._require(users.TRANSFER)
    if not passphrase:
        raise TransferError("a transfer file needs a passphrase (the office must know it to read the file)")
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    if partial.exists():
        partial.unlink()
    origin = f"{machine_id(store)} {store.user}"
    con = crypto.connect(partial, passphrase)
    written: list[tuple[str, int, str]] = []
    try:
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        con.execute("CREATE TABLE record (kind TEXT, key TEXT, data TEXT, status TEXT, revision INTEGER, "
                    "created_by TEXT, updated_by TEXT, updated_at TEXT, hash TEXT, base_hash TEXT, deleted INTEGER)")
        meta = {"format": FORMAT, "created_at": datetime.now().isoformat(), "origin": origin,
                "app_version": __version__, "profile": store.profile, "profile_version": store.profile_version}
        con.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
        with store.db.read() as session:
            for kind in kinds:
                for row in session.scalars(select(_ROWS[kind])):
                    if row.deleted_at is not None and row.sync_hash is None:
                        continue  # deleted before it was ever shared: nothing to tell
                    report = from_row(row, store.dictionary, kind)
                    digest = content_hash(report)
                    con.execute("INSERT INTO record VALUES (?,?,?,?,?,?,?,?,?,?,?)", (
                        kind, json.dumps(key_of(report)), json.dumps(serialize.report_to_dict(report)), row.status,
                        row.revision, row.created_by, row.updated_by, row.updated_at.isoformat(), digest,
                        row.sync_hash, 1 if row.deleted_at is not None else 0))
                    written.append((kind, row.id, digest))
        con.commit()
    finally:
        con.close()
    with open(partial, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(partial, path)
    with store.db.write() as session:  # what was shared is now the common base
        for kind, record_id, digest in written:
            row = session.get(_ROWS[kind], record_id)
            if row is not None:
                row.sync_hash = digest
        audit.append(session, store.user, audit.TRANSFER, detail={"direction": "out", "file": str(path),
                                                                   "records": len(written)})
    return len(written)


# ------------------------------------------------------------------------------------ reading
@dataclass
class Incoming:
    kind: str
    key: tuple
    report: m.Report
    status: str
    created_by: str
    updated_by: str
    updated_at: str
    hash: str
    base_hash: str | None
    deleted: bool


@dataclass
class TransferReport:
    origin: str = ""
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_local: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        for label, items in (("created", self.created), ("updated", self.updated), ("deleted", self.deleted),
                             ("unchanged", self.unchanged), ("kept (this machine's copy is newer)", self.kept_local),
                             ("CONFLICT (both changed; a supervisor must choose)", self.conflicts)):
            for item in items:
                out.append(f"{label}: {item}")
        return out


def read_transfer(path: Path, passphrase: str, dictionary) -> tuple[dict[str, str], list[Incoming]]:
    path = Path(path)
    if not path.is_file():
        raise TransferError(f"{path}: no such transfer file")
    try:
        con = crypto.connect(path, passphrase)
    except crypto.PassphraseError:
        raise TransferError(f"{path}: the transfer passphrase does not open this file") from None
    try:
        meta = dict(con.execute("SELECT key, value FROM meta"))
        if meta.get("format") != FORMAT:
            raise TransferError(f"{path}: not a NIBRS Desk transfer file (format {meta.get('format')!r})")
        records = []
        for (kind, key, data, status, _rev, created_by, updated_by, updated_at, digest, base, deleted) in con.execute(
                "SELECT kind, key, data, status, revision, created_by, updated_by, updated_at, hash, base_hash, "
                "deleted FROM record ORDER BY rowid"):
            report = serialize.report_from_dict(json.loads(data), dictionary)
            if content_hash(report) != digest:
                raise TransferError(f"{path}: record {key} is damaged (its content does not match its hash)")
            records.append(Incoming(kind, tuple(json.loads(key)), report, status, created_by, updated_by, updated_at,
                                    digest, base, bool(deleted)))
    except Exception as exc:
        if isinstance(exc, TransferError):
            raise
        raise TransferError(f"{path}: cannot read the transfer file: {exc}") from None
    finally:
        con.close()
    return meta, records


def import_transfer(store, path: Path, passphrase: str) -> TransferReport:
    """Merge a transfer file into this machine's database, in one transaction."""
    store._require(users.IMPORT, "import transfer files")
    meta, records = read_transfer(path, passphrase, store.dictionary)
    result = TransferReport(origin=meta.get("origin", ""))
    now = datetime.now().replace(microsecond=0)
    with store.db.write() as session:
        for inc in records:
            store.check(inc.report)
            label = f"{inc.kind} {key_text(inc.kind, inc.key)}"
            row_cls = _ROWS[inc.kind]
            cols = {"incident": ("ori", "incident_number"),
                    "group_b": ("ori", "arrest_transaction_number", "sequence_number"),
                    "zero_report": ("ori", "year", "month")}[inc.kind]
            q = select(row_cls).where(*[getattr(row_cls, c) == v for c, v in zip(cols, inc.key)])
            local = session.scalars(q.order_by(row_cls.deleted_at.is_not(None), row_cls.id.desc())).first()
            if local is None or (local.deleted_at is not None and not inc.deleted):
                if inc.deleted:
                    result.unchanged.append(label)
                    continue
                row = to_row(inc.report, store.dictionary, inc.kind)
                _stamp_incoming(store, row, inc, now, created=True)
                session.add(row)
                session.flush()
                audit.append(session, store.user, audit.TRANSFER, kind=inc.kind, record_id=row.id,
                             detail={"direction": "in", "result": "created", "key": label, "origin": result.origin})
                result.created.append(label)
                continue
            current = from_row(local, store.dictionary, inc.kind)
            local_hash = content_hash(current)
            if local_hash == inc.hash and not inc.deleted:
                local.sync_hash = inc.hash
                result.unchanged.append(label)
            elif inc.base_hash is not None and local_hash == inc.base_hash:
                if inc.deleted:
                    if local.submitted_revision is not None:
                        local.deleted_at = now
                    else:
                        session.delete(local)
                    result.deleted.append(label)
                    action = "deleted"
                else:
                    changes = audit.diff(serialize.report_to_dict(current), serialize.report_to_dict(inc.report))
                    to_row(inc.report, store.dictionary, inc.kind, row=local)
                    _stamp_incoming(store, local, inc, now)
                    local.revision += 1
                    result.updated.append(label)
                    action = "updated"
                audit.append(session, store.user, audit.TRANSFER, kind=inc.kind, record_id=local.id,
                             detail={"direction": "in", "result": action, "key": label, "origin": result.origin,
                                     **({"changes": changes} if action == "updated" else {})})
            elif local.sync_hash is not None and local.sync_hash == inc.hash:
                result.kept_local.append(label)
            else:
                already = session.scalar(select(s.TransferConflict).where(
                    s.TransferConflict.kind == inc.kind, s.TransferConflict.record_id == local.id,
                    s.TransferConflict.incoming_hash == inc.hash, s.TransferConflict.resolved_at.is_(None)))
                if already is None:
                    session.add(s.TransferConflict(
                        kind=inc.kind, record_id=local.id, key=label[:60], origin=result.origin[:200],
                        received_at=now, incoming=_incoming_dict(inc), incoming_hash=inc.hash,
                        base_hash=inc.base_hash))
                    audit.append(session, store.user, audit.TRANSFER, kind=inc.kind, record_id=local.id,
                                 detail={"direction": "in", "result": "conflict", "key": label,
                                         "origin": result.origin})
                result.conflicts.append(label)
        audit.append(session, store.user, audit.TRANSFER, detail={
            "direction": "in", "file": str(path), "origin": result.origin, "created": len(result.created),
            "updated": len(result.updated), "conflicts": len(result.conflicts)})
    return result


def _incoming_dict(inc: Incoming) -> dict[str, Any]:
    return {"report": serialize.report_to_dict(inc.report), "status": inc.status, "created_by": inc.created_by,
            "updated_by": inc.updated_by, "updated_at": inc.updated_at, "deleted": inc.deleted}


def _stamp_incoming(store, row, inc: Incoming, now: datetime, *, created: bool = False) -> None:
    found = store.findings_for(inc.report)
    store._stamp(row, found, now, created=created)
    if created:
        row.created_by = inc.created_by or store.user
        row.revision = 1
    row.status = inc.status
    row.updated_by = inc.updated_by or store.user
    row.sync_hash = inc.hash


# ------------------------------------------------------------------------------------ conflicts
@dataclass
class Conflict:
    id: int
    kind: str
    record_id: int | None
    key: str
    origin: str
    received_at: datetime
    local: m.Report | None
    incoming: m.Report
    incoming_status: str
    incoming_deleted: bool


def open_conflicts(store) -> list[Conflict]:
    store._require(users.READ)
    out = []
    with store.db.read() as session:
        rows = session.scalars(select(s.TransferConflict).where(s.TransferConflict.resolved_at.is_(None))
                               .order_by(s.TransferConflict.id)).all()
        for c in rows:
            local_row = session.get(_ROWS[c.kind], c.record_id) if c.record_id is not None else None
            local = from_row(local_row, store.dictionary, c.kind) if local_row is not None else None
            out.append(Conflict(c.id, c.kind, c.record_id, c.key, c.origin, c.received_at, local,
                                serialize.report_from_dict(c.incoming["report"], store.dictionary),
                                c.incoming.get("status", "draft"), bool(c.incoming.get("deleted"))))
    return out


def resolve_conflict(store, conflict_id: int, choice: str, merged: m.Report | None = None) -> None:
    """Keep this machine's version, take the incoming one, or save a merged report."""
    store._require(users.RESOLVE_CONFLICTS)
    if choice not in ("local", "incoming", "merged"):
        raise TransferError("choose local, incoming or merged")
    if choice == "merged" and merged is None:
        raise TransferError("a merged resolution needs the merged report")
    with store.db.write() as session:
        c = session.get(s.TransferConflict, conflict_id)
        if c is None or c.resolved_at is not None:
            raise TransferError(f"no open conflict {conflict_id}")
        row = session.get(_ROWS[c.kind], c.record_id) if c.record_id is not None else None
        now = datetime.now().replace(microsecond=0)
        chosen = None
        if choice == "incoming":
            chosen = serialize.report_from_dict(c.incoming["report"], store.dictionary)
        elif choice == "merged":
            chosen = merged
        if chosen is not None and row is not None:
            store.check(chosen)
            before = from_row(row, store.dictionary, c.kind)
            to_row(chosen, store.dictionary, c.kind, row=row)
            found = store.findings_for(chosen)
            store._stamp(row, found, now)
            row.revision += 1
            if row.status not in ("draft",):
                row.status = "draft"  # a changed report goes through review again
            row.sync_hash = c.incoming_hash
            changes = audit.diff(serialize.report_to_dict(before), serialize.report_to_dict(chosen))
        else:
            if row is not None:
                row.sync_hash = c.incoming_hash  # the incoming version is known here now
            changes = {}
        c.resolved_at = now
        c.resolved_by = store.user
        c.resolution = choice
        audit.append(session, store.user, audit.TRANSFER, kind=c.kind, record_id=c.record_id,
                     detail={"result": "conflict resolved", "choice": choice, "key": c.key, "changes": changes})
