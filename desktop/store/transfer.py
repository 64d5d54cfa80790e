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
from desktop.fileio import regular_file
from desktop.nibrs import model as m
from desktop.nibrs import serialize
from desktop.store import audit, crypto, users
from desktop.store import schema as s
from desktop.store.kinds import KINDS, key_of
from desktop.store.lock import store_lock
from desktop.store.mapping import from_row, to_row
from desktop.store.unit import Unit

FORMAT = "nibrs-desk-transfer/1"
INCLUDED, OMITTED = "included", "omitted"  # meta "restricted": whether the file carries restricted fields
ENV_TRANSFER_PASSPHRASE = "NIBRS_DESK_TRANSFER_PASSPHRASE"


class TransferError(RuntimeError):
    pass


def content_hash(report: m.Report) -> str:
    data = serialize.report_to_dict(report)
    return hashlib.sha256(json.dumps(data, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


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
    store.require(users.TRANSFER)
    if not passphrase:
        raise TransferError("a transfer file needs a passphrase (the office must know it to read the file)")
    path = Path(path)
    if path.is_dir():
        raise TransferError(f"{path} is a folder: name the transfer file to write (for example {path / 'laptop.ndt'})")
    if not path.parent.is_dir():
        raise TransferError(f"{path}: there is no folder {path.parent}; nothing was written")
    if path.exists() and not path.is_file():
        raise TransferError(f"{path} is not a regular file; nothing was written")
    with store_lock(store, "transfer"):
        return _write_transfer(store, Path(path), passphrase, kinds)


def _write_transfer(store, path: Path, passphrase: str, kinds) -> int:
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    if partial.exists():
        partial.unlink()
    origin = f"{machine_id(store)} {store.user}"
    # Restricted fields travel only in a file written by someone who may see them: anyone else's file leaves
    # them out (says so in its meta), and the office keeps its own values when it reads the file.
    included = store.may_see_restricted() or not store.restricted_elements()
    con = crypto.connect(partial, passphrase)
    written: list[tuple[str, int, str]] = []
    try:
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        con.execute("CREATE TABLE record (kind TEXT, key TEXT, data TEXT, status TEXT, revision INTEGER, "
                    "created_by TEXT, updated_by TEXT, updated_at TEXT, hash TEXT, base_hash TEXT, deleted INTEGER)")
        meta = {"format": FORMAT, "created_at": datetime.now().isoformat(), "origin": origin,
                "app_version": __version__, "profile": store.profile, "profile_version": store.profile_version,
                "restricted": INCLUDED if included else OMITTED}
        con.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
        with store.db.read() as session:
            for kind in kinds:
                for row in session.scalars(select(KINDS[kind].row)):
                    if row.deleted_at is not None and row.sync_hash is None:
                        continue  # deleted before it was ever shared: nothing to tell
                    report = from_row(row, store.dictionary, kind)
                    if not included:
                        report = store.without_restricted(report)
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
    with store.unit(users.TRANSFER) as u:  # what was shared is now the common base
        for kind, record_id, digest in written:
            row = u.session.get(KINDS[kind].row, record_id)
            if row is not None:
                row.sync_hash = digest
        u.audit(audit.TRANSFER, detail={"direction": "out", "file": str(path), "records": len(written)})
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
    try:  # a folder, a named pipe, a device: refused before anything opens it
        regular_file(path, "transfer file")
    except OSError as exc:
        raise TransferError(exc.strerror if isinstance(exc.strerror, str) else str(exc)) from None
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
    store.require(users.IMPORT, "import transfer files")
    with store_lock(store, "transfer import"):
        return _import_transfer(store, Path(path), passphrase)


def _import_transfer(store, path: Path, passphrase: str) -> TransferReport:
    meta, records = read_transfer(path, passphrase, store.dictionary)
    result = TransferReport(origin=meta.get("origin", ""))
    omitted = meta.get("restricted") == OMITTED
    if omitted:  # whatever such a file holds, it never sets a restricted field here
        for inc in records:
            inc.report = store.without_restricted(inc.report)
    with store.unit(users.IMPORT, "import transfer files") as u:
        session, now = u.session, u.now
        for inc in records:
            store.check(inc.report)
            label = f"{inc.kind} {key_text(inc.kind, inc.key)}"
            row_cls = KINDS[inc.kind].row
            q = select(row_cls).where(*[getattr(row_cls, c) == v for c, v in zip(KINDS[inc.kind].key, inc.key)])
            local = session.scalars(q.order_by(row_cls.deleted_at.is_not(None), row_cls.id.desc())).first()
            if local is None or (local.deleted_at is not None and not inc.deleted):
                if inc.deleted:
                    result.unchanged.append(label)
                    continue
                row = to_row(inc.report, store.dictionary, inc.kind)
                _stamp_incoming(u, row, inc, created=True)
                session.add(row)
                session.flush()
                u.audit(audit.TRANSFER, kind=inc.kind, record_id=row.id,
                        detail={"direction": "in", "result": "created", "key": label, "origin": result.origin})
                result.created.append(label)
                continue
            current = from_row(local, store.dictionary, inc.kind)
            local_hash = content_hash(current)
            # a file without restricted fields is compared with this machine's report without them too
            seen_hash = content_hash(store.without_restricted(current)) if omitted else local_hash
            if seen_hash == inc.hash and not inc.deleted:
                local.sync_hash = inc.hash
                result.unchanged.append(label)
            elif inc.base_hash is not None and inc.base_hash in (local_hash, seen_hash):
                if inc.deleted:
                    if local.submitted_revision is not None:
                        local.deleted_at = now
                    else:
                        session.delete(local)
                    result.deleted.append(label)
                    action = "deleted"
                else:
                    incoming = store.with_restricted_of(inc.report, current) if omitted else inc.report
                    changes = audit.diff(serialize.report_to_dict(current), serialize.report_to_dict(incoming))
                    to_row(incoming, store.dictionary, inc.kind, row=local)
                    _stamp_incoming(u, local, inc)
                    local.revision += 1
                    result.updated.append(label)
                    action = "updated"
                u.audit(audit.TRANSFER, kind=inc.kind, record_id=local.id,
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
                        received_at=now, incoming={**_incoming_dict(inc), "restricted_omitted": omitted},
                        incoming_hash=inc.hash,
                        base_hash=inc.base_hash))
                    u.audit(audit.TRANSFER, kind=inc.kind, record_id=local.id,
                            detail={"direction": "in", "result": "conflict", "key": label, "origin": result.origin})
                result.conflicts.append(label)
        u.audit(audit.TRANSFER, detail={
            "direction": "in", "file": str(path), "origin": result.origin, "created": len(result.created),
            "updated": len(result.updated), "conflicts": len(result.conflicts)})
    return result


def _incoming_dict(inc: Incoming) -> dict[str, Any]:
    return {"report": serialize.report_to_dict(inc.report), "status": inc.status, "created_by": inc.created_by,
            "updated_by": inc.updated_by, "updated_at": inc.updated_at, "deleted": inc.deleted}


def _stamp_incoming(u: Unit, row, inc: Incoming, *, created: bool = False) -> None:
    u.stamp(row, u.store.findings_for(inc.report), created=created)
    if created:
        row.created_by = inc.created_by or u.user
        row.revision = 1
    row.status = inc.status
    row.updated_by = inc.updated_by or u.user
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
    out = []
    with store.unit(users.READ, write=False) as u:
        rows = u.session.scalars(select(s.TransferConflict).where(s.TransferConflict.resolved_at.is_(None))
                               .order_by(s.TransferConflict.id)).all()
        for c in rows:
            local_row = u.session.get(KINDS[c.kind].row, c.record_id) if c.record_id is not None else None
            local = from_row(local_row, store.dictionary, c.kind) if local_row is not None else None
            incoming = serialize.report_from_dict(c.incoming["report"], store.dictionary)
            if not store.may_see_restricted():  # both versions as this person may see them
                local = store.without_restricted(local) if local is not None else None
                incoming = store.without_restricted(incoming)
            out.append(Conflict(c.id, c.kind, c.record_id, c.key, c.origin, c.received_at, local, incoming,
                                c.incoming.get("status", "draft"), bool(c.incoming.get("deleted"))))
    return out


def resolve_conflict(store, conflict_id: int, choice: str, merged: m.Report | None = None) -> None:
    """Keep this machine's version, take the incoming one, or save a merged report."""
    with store.unit(users.RESOLVE_CONFLICTS) as u:
        if choice not in ("local", "incoming", "merged"):
            raise TransferError("choose local, incoming or merged")
        if choice == "merged" and merged is None:
            raise TransferError("a merged resolution needs the merged report")
        c = u.session.get(s.TransferConflict, conflict_id)
        if c is None or c.resolved_at is not None:
            raise TransferError(f"no open conflict {conflict_id}")
        row = u.session.get(KINDS[c.kind].row, c.record_id) if c.record_id is not None else None
        chosen = None
        if choice == "incoming":
            chosen = serialize.report_from_dict(c.incoming["report"], store.dictionary)
        elif choice == "merged":
            chosen = merged
        if chosen is not None and row is not None:
            before = from_row(row, store.dictionary, c.kind)
            if (choice == "incoming" and c.incoming.get("restricted_omitted")) or not store.may_see_restricted():
                chosen = store.with_restricted_of(chosen, before)  # never lose the office's restricted values
            store.check(chosen)
            to_row(chosen, store.dictionary, c.kind, row=row)
            u.stamp(row, store.findings_for(chosen))
            row.revision += 1
            if row.status not in ("draft",):
                row.status = "draft"  # a changed report goes through review again
            row.sync_hash = c.incoming_hash
            changes = audit.diff(serialize.report_to_dict(before), serialize.report_to_dict(chosen))
        else:
            if row is not None:
                row.sync_hash = c.incoming_hash  # the incoming version is known here now
            changes = {}
        c.resolved_at = u.now
        c.resolved_by = u.user
        c.resolution = choice
        u.audit(audit.TRANSFER, kind=c.kind, record_id=c.record_id,
                detail={"result": "conflict resolved", "choice": choice, "key": c.key, "changes": changes})
