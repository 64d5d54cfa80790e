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
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from desktop import __version__
from desktop.fileio import regular_file
from desktop.nibrs import model as m
from desktop.nibrs import serialize
from desktop.store import audit, crypto, pairing, users
from desktop.store import schema as s
from desktop.store.errors import InvalidReport
from desktop.store.kinds import KINDS, key_of
from desktop.store.lifecycle import (
    APPROVED, DRAFT, READY, REJECTED, STATUS_LABELS, STATUSES, SUBMITTED, ACCEPTED,
)
from desktop.store.lock import store_lock
from desktop.store.mapping import from_row, to_row
from desktop.store.unit import Unit

FORMAT = "nibrs-desk-transfer/1"
INCLUDED, OMITTED = "included", "omitted"  # meta "restricted": whether the file carries restricted fields
ENV_TRANSFER_PASSPHRASE = "NIBRS_DESK_TRANSFER_PASSPHRASE"
AUDIT_HEAD = "audit_head"  # meta: the writing machine's audit chain head (sequence and hash) when it wrote the file


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


def audit_head(store, file_name: str = "") -> dict[str, Any]:
    """This machine's audit chain head (the newest entry's sequence number and hash), for a transfer file's header:
    written to the anchor file beside the database first (issue 19), so the office can later compare it with the
    laptop's trail and the laptop's own trail cannot be cut back behind it unnoticed."""
    store.require(users.READ)
    from desktop.store import anchor

    return anchor.anchored_head(store.db, "transfer", file_name)


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
        try:
            return _write_transfer(store, Path(path), passphrase, kinds)
        except pairing.PairingError as exc:
            raise TransferError(str(exc)) from None


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
        code = pairing.pairing_code(store)
        meta = {"format": FORMAT, "created_at": datetime.now().isoformat(), "origin": origin,
                "app_version": __version__, "profile": store.profile, "profile_version": store.profile_version,
                "restricted": INCLUDED if included else OMITTED, "machine": pairing.fingerprint(code),
                pairing.PUBLIC_KEY: code, AUDIT_HEAD: json.dumps(audit_head(store, path.name), sort_keys=True)}
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
        pairing.sign(store, con)  # last: the signature covers every table and row written above
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
# A transfer file is a proposal: each record may change only what its author (the office user the writing
# machine is paired with) could change at the office, and only to statuses that author may set. The whole
# file is checked before anything is kept: one refused record and nothing of the file is imported (an office
# manager re-reads the file after the deputy fixes it, rather than sorting out half an import).
FILE_STATUSES = STATUSES  # the closed list a record's status must come from
OFFICE_ONLY = (SUBMITTED, ACCEPTED, REJECTED)  # set by export and state feedback, never by a transfer file
_COLUMNS = ("kind", "key", "data", "status", "revision", "created_by", "updated_by", "updated_at", "hash",
            "base_hash", "deleted")


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
    number: int = 0  # the record's place in the file (1, 2, ...), for messages


@dataclass
class TransferReport:
    origin: str = ""
    author: str = ""
    machine: str = ""
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


class TransferRefused(TransferError):
    """Records of a transfer file refused: one line each (file, record, why); nothing of the file was imported."""

    def __init__(self, path: Path, refusals: list[str]):
        self.refusals = refusals
        n = len(refusals)
        super().__init__("\n".join(refusals + [f"{path}: {n} record{'s' if n != 1 else ''} refused; nothing from "
                                                f"this file was imported"]))


def read_transfer(store, path: Path, passphrase: str) -> tuple[dict[str, str], dict[str, Any], list[Incoming]]:
    """The file's meta, the paired machine that signed it, and its records, each checked as if entered.

    Refused (TransferError) unless the file is signed by a paired machine and unchanged since; every malformed
    record is a line of :class:`TransferRefused`."""
    path = Path(path)
    try:  # a folder, a named pipe, a device: refused before anything opens it
        regular_file(path, "transfer file")
    except OSError as exc:
        raise TransferError(exc.strerror if isinstance(exc.strerror, str) else str(exc)) from None
    try:
        con = crypto.connect(path, passphrase)
    except crypto.PassphraseError:
        raise TransferError(f"{path}: the transfer passphrase does not open this file") from None
    except Exception as exc:  # noqa: BLE001 (whatever the file is, one line)
        raise TransferError(f"{path}: cannot open the transfer file: {exc}") from None
    try:
        try:
            meta = {str(k): str(v) for k, v in con.execute("SELECT key, value FROM meta")}
            rows = list(con.execute(f"SELECT {', '.join(_COLUMNS)} FROM record ORDER BY rowid"))
        except Exception as exc:  # noqa: BLE001
            raise TransferError(f"{path}: not a NIBRS Desk transfer file ({exc})") from None
        if meta.get("format") != FORMAT:
            raise TransferError(f"{path}: not a NIBRS Desk transfer file (format {meta.get('format')!r})")
        try:
            machine = pairing.check_signature(store, con, meta, str(path))
        except pairing.PairingError as exc:
            raise TransferError(str(exc)) from None
    finally:
        con.close()
    records, refusals, seen = [], [], {}
    for n, row in enumerate(rows, start=1):
        inc, problem = _parse_record(store, n, row)
        if inc is not None and problem is None:
            first = seen.setdefault((inc.kind, inc.key), n)
            if first != n:
                problem = f"the same report as record {first}"
        if problem is not None:
            refusals.append(f"{path.name}: record {n} ({_record_words(row)}): {problem}")
        else:
            records.append(inc)
    if refusals:
        raise TransferRefused(path, refusals)
    return meta, machine, records


def _record_words(row) -> str:
    kind, key = row[0], row[1]
    try:
        parts = json.loads(key)
        text = " ".join(str(k) for k in parts) if isinstance(parts, list) else str(key)
    except (TypeError, ValueError):
        text = str(key)
    return f"{kind} {text}"[:80]


def _parse_record(store, n: int, row) -> tuple[Incoming | None, str | None]:
    kind, key, data, status, _rev, created_by, updated_by, updated_at, digest, base, deleted = row
    if kind not in KINDS:
        return None, f"unknown record kind {kind!r} (one of {', '.join(KINDS)})"
    try:
        key_list = json.loads(key)
        values = json.loads(data)
    except (TypeError, ValueError) as exc:
        return None, f"cannot be read ({exc})"
    if not isinstance(key_list, list) or not isinstance(values, dict):
        return None, "cannot be read (its key or its report is not what a transfer file holds)"
    try:
        report = serialize.report_from_dict(values, store.dictionary)
    except Exception as exc:  # noqa: BLE001 (a crafted report: whatever fails, one line)
        return None, f"its report cannot be read ({type(exc).__name__}: {exc})"
    if report.KIND != kind:
        return None, f"says it is a {kind} but holds a {report.KIND}"
    inner = tuple(key_of(report))
    if tuple(key_list) != inner:
        return None, f"its key ({' '.join(map(str, key_list))}) does not match the report inside " \
                     f"({' '.join(map(str, inner))})"
    if content_hash(report) != digest:
        return None, "damaged: its content does not match its hash"
    if status not in FILE_STATUSES:
        return None, f"status {str(status)[:40]!r} is not one of {', '.join(FILE_STATUSES)}"
    if deleted not in (0, 1):
        return None, f"deleted must be 0 or 1, not {str(deleted)[:20]!r}"
    if base is not None and not (isinstance(base, str) and len(base) == 64):
        return None, "its shared-version hash is damaged"
    try:
        store.check(report)
    except InvalidReport as exc:
        return None, "values a report cannot hold: " + "; ".join(str(p) for p in exc.problems)
    return Incoming(kind, inner, report, status, str(created_by or ""), str(updated_by or ""), str(updated_at or ""),
                    digest, base, bool(deleted), n), None


def import_transfer(store, path: Path, passphrase: str) -> TransferReport:
    """Merge a transfer file into this machine's database, in one transaction: all of it, or nothing."""
    store.require(users.IMPORT, "import transfer files")
    with store_lock(store, "transfer import"):
        return _import_transfer(store, Path(path), passphrase)


def _author_store(store, session, machine: dict[str, Any], path: Path):
    """The service layer as the file's author: the office user the writing machine is paired with."""
    from desktop.store.service import Store  # the store's own facade (imported here: it imports this module's kin)

    owner = str(machine.get("owner") or "")
    if machine.get("kind") == pairing.OFFICE:  # the office's machine, paired here by this machine's administrator
        actor = users.Actor(owner or "office", users.SYSTEM)
    elif store.has_users():
        row = session.scalar(select(s.UserAccount).where(s.UserAccount.username == owner))
        if row is None or not row.active:
            raise TransferError(f"{path}: machine {machine['fingerprint']} is paired with {owner!r}, who has no "
                                "active account at this office: refused (pair the machine again)")
        actor = store.actor_for(row.username, row.role, row.display_name, row.id)
    else:  # an office without accounts: everyone acts as the system there
        actor = users.Actor(owner or "system", users.SYSTEM)
    author = Store(store.db, actor=actor, dictionary=store.dictionary, validator=store.validator,
                   profile=store.profile, profile_version=store.profile_version)
    author.migrate_extras = store.migrate_extras
    return author


def _spoof_words(claimed: list[str], who: str, fp: str) -> str:
    return (f"the file says {' and '.join(claimed)} wrote it, but machine {fp} is paired with {who}: a transfer file "
            "speaks only for the person its machine is paired with")


def _whose(row, author) -> str:
    return "their own" if row.created_by == author.user else f"{row.created_by}'s"


def _edit_refusal(author, row) -> str | None:
    """Why the author could not change this stored report (as ``Records._require_edit``), or None."""
    actor = author.actor
    own = row.created_by == author.user and row.status in (DRAFT, READY, REJECTED)
    if actor.can(users.EDIT_ANY) or (own and actor.can(users.EDIT_OWN_DRAFT)):
        return None
    return (f"{author.user} ({users.ROLE_LABELS.get(actor.role, actor.role)}) may not change {_whose(row, author)} "
            f"report ({STATUS_LABELS.get(row.status, row.status).lower()}): a transfer file changes only what its "
            "author could change at the office")


def _status_refusal(author, old: str, new: str, created_by: str, findings, office: bool = False) -> str | None:
    """Why the author could not move a report from ``old`` to ``new`` (the steps of ``Lifecycle.TRANSITIONS``);
    ``office``: the file comes from the office's own machine (paired as such), which carries its decisions."""
    if new == old or office:
        return None
    if new in OFFICE_ONLY:
        return f"status {new!r} is set at the office (export, state feedback), never by a transfer file"
    actor = author.actor
    if actor.is_system:
        return None
    steps = [(old, new)] if (old, new) in author.TRANSITIONS else \
        [(DRAFT, READY), (READY, APPROVED)] if (old, new) == (DRAFT, APPROVED) else None
    if steps is None:
        return f"a report that is {old} cannot become {new} directly"
    who = f"{author.user} ({users.ROLE_LABELS.get(actor.role, actor.role)})"
    for a, b in steps:
        need = author.TRANSITIONS[(a, b)]
        if (a, b) == (READY, DRAFT) and created_by != author.user:
            need = users.REVIEW
        if not actor.can(need) or ((a, b) in ((REJECTED, DRAFT), (DRAFT, READY)) and created_by != author.user
                                   and not actor.can(users.EDIT_ANY)):
            return f"{who} may not make it {b} ({users.PERMISSION_WORDS.get(need, need)} is not theirs to do)"
        if b == APPROVED and created_by == author.user and not author.self_approval_allowed():
            return f"{who} wrote this report and may not approve it"
    blocking = author.blocking_errors(SimpleNamespace(findings=[f.to_dict() for f in findings]), new)
    if blocking:
        return f"it has {blocking} error{'s' if blocking != 1 else ''}, so it cannot become {new}; fix them first"
    return None


def _import_transfer(store, path: Path, passphrase: str) -> TransferReport:
    meta, machine, records = read_transfer(store, path, passphrase)
    fp = machine["fingerprint"]
    refusals: list[str] = []
    with store.unit(users.IMPORT, "import transfer files") as u:
        session, now = u.session, u.now
        author = _author_store(store, session, machine, path)
        who = author.user
        office = machine.get("kind") == pairing.OFFICE
        result = TransferReport(origin=f"{machine.get('name') or fp} {who}".strip(), author=who, machine=fp)
        # Restricted fields count only from an author who may set them, whatever the file says it carries.
        omitted = meta.get("restricted") == OMITTED or not author.may_see_restricted()
        if omitted:  # whatever such a file holds, it never sets a restricted field here
            for inc in records:
                inc.report = store.without_restricted(inc.report)
        # Office users the file names in place of its author: refused wherever the file would change something.
        people = set() if office or author.actor.is_system else set(session.scalars(select(s.UserAccount.username)))
        trail = {"direction": "in", "origin": result.origin, "author": who, "machine": fp}
        for inc in records:
            label = f"{inc.kind} {key_text(inc.kind, inc.key)}"

            def refuse(why: str, inc=inc, label=label) -> None:
                refusals.append(f"{path.name}: record {inc.number} ({label}): {why}")

            # who the file says made this version (its creator is whoever first wrote it: not a claim about this file)
            spoofed = [inc.updated_by] if inc.updated_by in people and inc.updated_by != who else []
            row_cls = KINDS[inc.kind].row
            q = select(row_cls).where(*[getattr(row_cls, c) == v for c, v in zip(KINDS[inc.kind].key, inc.key)])
            local = session.scalars(q.order_by(row_cls.deleted_at.is_not(None), row_cls.id.desc())).first()
            if local is None or (local.deleted_at is not None and not inc.deleted):
                if inc.deleted:
                    result.unchanged.append(label)
                    continue
                if spoofed:
                    refuse(_spoof_words(spoofed, who, fp))
                    continue
                if not author.actor.can(users.CREATE):
                    refuse(f"{who} may not enter reports")
                    continue
                findings = store.findings_for(inc.report)
                why = _status_refusal(author, DRAFT, inc.status, who, findings, office)
                if why:
                    refuse(why)
                    continue
                row = to_row(inc.report, store.dictionary, inc.kind)
                _stamp_incoming(u, row, inc, who, findings, created=True, office=office)
                session.add(row)
                try:
                    session.flush()
                except IntegrityError:
                    raise TransferError(f"{path.name}: record {inc.number} ({label}): it clashes with a report "
                                        "stored here; nothing from this file was imported") from None
                if row.status in (APPROVED, SUBMITTED):
                    store.snapshot_revision(u, inc.kind, row)  # what was approved is kept as it was (as ``set_status``)
                u.audit(audit.TRANSFER, kind=inc.kind, record_id=row.id,
                        detail={**trail, "result": "created", "key": label, "status": inc.status})
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
                    own_draft = (local.created_by == who and local.status == DRAFT and local.submitted_revision is None
                                 and local.deleted_at is None)
                    if not author.actor.is_system and not (own_draft and author.actor.can(users.DELETE_OWN_DRAFT)):
                        refuse(f"a transfer file deletes only its author's own unsent drafts; this is "
                               f"{_whose(local, author)} report ({STATUS_LABELS.get(local.status, local.status).lower()}):"
                               " delete it at the office")
                        continue
                    if local.submitted_revision is not None:
                        local.deleted_at = now
                        local.updated_by = who
                    else:
                        session.delete(local)
                    result.deleted.append(label)
                    action = "deleted"
                    changes = {}
                else:
                    why = None if author.actor.is_system else _edit_refusal(author, local)
                    why = why or (_spoof_words(spoofed, who, fp) if spoofed else None)
                    # a changed report past review goes through review again (as ``Records.update``)
                    base_status = local.status if author.actor.is_system or local.status == DRAFT else DRAFT
                    findings = store.findings_for(inc.report, local.id)
                    why = why or _status_refusal(author, base_status, inc.status, local.created_by, findings, office)
                    if why:
                        refuse(why)
                        continue
                    incoming = store.with_restricted_of(inc.report, current) if omitted else inc.report
                    changes = audit.diff(serialize.report_to_dict(current), serialize.report_to_dict(incoming))
                    to_row(incoming, store.dictionary, inc.kind, row=local)
                    if incoming is not inc.report:
                        findings = store.findings_for(incoming, local.id)
                    _stamp_incoming(u, local, inc, who, findings, office=office)
                    local.revision += 1
                    if local.status in (APPROVED, SUBMITTED):
                        store.snapshot_revision(u, inc.kind, local)
                    result.updated.append(label)
                    action = "updated"
                u.audit(audit.TRANSFER, kind=inc.kind, record_id=local.id,
                        detail={**trail, "result": action, "key": label,
                                **({"changes": changes, "status": local.status} if action == "updated" else {})})
            elif local.sync_hash is not None and local.sync_hash == inc.hash:
                result.kept_local.append(label)
            else:
                why = None if author.actor.is_system else _edit_refusal(author, local)
                why = why or (_spoof_words(spoofed, who, fp) if spoofed else None)
                if why:
                    refuse(why)
                    continue
                if inc.status in OFFICE_ONLY and not office:
                    refuse(_status_refusal(author, DRAFT, inc.status, local.created_by, []))
                    continue
                already = session.scalar(select(s.TransferConflict).where(
                    s.TransferConflict.kind == inc.kind, s.TransferConflict.record_id == local.id,
                    s.TransferConflict.incoming_hash == inc.hash, s.TransferConflict.resolved_at.is_(None)))
                if already is None:
                    session.add(s.TransferConflict(
                        kind=inc.kind, record_id=local.id, key=label[:60], origin=result.origin[:200],
                        received_at=now, incoming={**_incoming_dict(inc, who), "restricted_omitted": omitted},
                        incoming_hash=inc.hash,
                        base_hash=inc.base_hash))
                    u.audit(audit.TRANSFER, kind=inc.kind, record_id=local.id,
                            detail={**trail, "result": "conflict", "key": label})
                result.conflicts.append(label)
        if refusals:
            raise TransferRefused(path, refusals)  # the unit rolls back: nothing of the file is kept
        u.audit(audit.TRANSFER, detail={
            **trail, "file": str(path), "created": len(result.created), "updated": len(result.updated),
            "deleted": len(result.deleted), "conflicts": len(result.conflicts),
            "their_audit_head": meta.get(AUDIT_HEAD, "")})
    return result


def _incoming_dict(inc: Incoming, author: str) -> dict[str, Any]:
    return {"report": serialize.report_to_dict(inc.report), "status": inc.status, "created_by": author,
            "updated_by": author, "updated_at": inc.updated_at, "deleted": inc.deleted}


def _stamp_incoming(u: Unit, row, inc: Incoming, author: str, findings, *, created: bool = False,
                    office: bool = False) -> None:
    u.stamp(row, findings, created=created)
    if created:
        # the author the office recorded for the machine, never the file's claim; only the office's own machine
        # (paired as such) tells a laptop who wrote its reports
        row.created_by = (inc.created_by[:64] or author) if office else author
        row.revision = 1
    row.status = inc.status
    row.updated_by = (inc.updated_by[:64] or author) if office else author
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
