"""Each report row's checksum, kept by the store and recorded in the audit trail, so an edit outside the app shows.

``content_sum`` is a SHA-256 of the row's values and of every child row (offenses, victims, their codes...), in
order; ``checksum`` covers that with the row's status, revision, authors and deleted mark. The session keeps both up
to date at every flush (a status change alone does not read the children again), and the audit trail records the
new checksum in the entry that names the record (``audit.append``); a transaction that changed a record without an
entry naming it ends with a ``seal`` entry listing it. ``audit.verify`` works both out again from the tables and
compares them with the trail: a value, a status or a whole row changed, added or removed by hand is "changed outside
the app".
"""

from __future__ import annotations

import hashlib
import json
from types import SimpleNamespace
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import JSON, event, inspect, select
from sqlalchemy.orm import Session, selectinload

from desktop.store import schema as s

# What the checksum covers besides the values: what a person's or the system's action changes.
HEADER = ("status", "revision", "deleted_at", "created_by", "updated_by", "submitted_revision", "review_note")
# Kept beside the values but worked out or bookkeeping: not covered (a direct edit of these changes no report).
NOT_COVERED = {"id", "content_sum", "checksum", "findings", "error_count", "warning_count", "waiting_count",
               "wizard_page", "updated_at", "created_at", "sync_hash", "profile", "profile_version", *HEADER}
PENDING_KEY = "record_checksums"  # setting: rows saved before checksums existed wait to be sealed


def _kinds() -> dict[type, str]:
    from desktop.store.kinds import KINDS

    return {k.row: name for name, k in KINDS.items()}


_ROW_KINDS: dict[type, str] | None = None


def kind_of_row(obj: Any) -> str | None:
    global _ROW_KINDS
    if _ROW_KINDS is None:
        _ROW_KINDS = _kinds()
    return _ROW_KINDS.get(type(obj))


# A row's values as text (what json.dumps with these options gives: one encoder made once, not one per row).
_ROW_TEXT = json.JSONEncoder(sort_keys=True, default=str, separators=(",", ":")).encode


def _plain(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None), list, dict)) else str(value)


def _layout(cls: type, top: bool) -> tuple:
    """What the checksum reads of a row class: its covered columns (name, whether JSON) and its child relationships
    (name, child class) in name order; worked out once per class."""
    key = (cls, top)
    found = _LAYOUTS.get(key)
    if found is None:
        mapper = inspect(cls)
        cols = tuple((attr.key, isinstance(attr.columns[0].type, JSON)) for attr in mapper.column_attrs
                     if not (top and attr.key in NOT_COVERED)
                     and not (attr.columns[0].primary_key or attr.columns[0].foreign_keys))
        rels = tuple((rel.key, rel.mapper.class_) for rel in sorted(mapper.relationships, key=lambda r: r.key))
        found = _LAYOUTS[key] = (cols, rels)
    return found


_LAYOUTS: dict[tuple[type, bool], tuple] = {}


def _dump(h, cols: tuple, get: Callable[[str], Any]) -> None:
    """One row's covered values (``get(name)`` gives each) into the hash."""
    values = {}
    for key, is_json in cols:
        value = get(key)
        # an empty JSON value: None before its column default is applied, {} once stored
        values[key] = None if is_json and not value else _plain(value)
    h.update(_ROW_TEXT(values).encode("utf-8"))


def _feed(h, obj: Any, cls: type, top: bool) -> None:
    """``obj``: an ORM row of ``cls``, or a plain row read for it (``loading.plain_rows``: the same values under the
    same names, children attached); ids and positions are left out (the order of the children stands for them)."""
    cols, rels = _layout(cls, top)
    _dump(h, cols, lambda key: getattr(obj, key))
    for key, child_cls in rels:
        children = getattr(obj, key)
        h.update(f"[{key}:{len(children)}".encode())
        for child in children:
            _feed(h, child, child_cls, False)
        h.update(b"]")


def content_sum(row: Any, cls: type | None = None) -> str:
    """The row's values and every child row, in order (``cls``: the row class of a plain row)."""
    h = hashlib.sha256()
    _feed(h, row, cls or type(row), True)
    return h.hexdigest()


def written_sums(dictionary: Any, kind: str, values: dict[str, Any], segment: Any,
                 rows: dict[int, dict[str, Any]] | None = None) -> tuple[str, str]:
    """(content sum, checksum) of a record inserted by statements (``mapping.insert_records``: ``values`` its row's
    columns, ``segment`` the report whose children and codes go below it), worked out from what was written rather
    than read back: what ``content_sum`` and ``checksum`` of the stored rows give (``audit.verify`` compares them).
    ``rows``: the child segments' rows as written, by ``id()`` of the segment (``mapping.insert_below`` keeps them),
    else made again. A column the insert did not give counts with its scalar default (a callable one, JSON only
    here, as empty)."""
    h = hashlib.sha256()
    _feed_written(h, dictionary, kind, values, segment, True, rows or {})
    content = h.hexdigest()
    stored = dict(values)
    for col in s.ROW_CLASSES[kind].__table__.c:
        if col.key not in stored:
            stored[col.key] = col.default.arg if col.default is not None and col.default.is_scalar else None
    return content, checksum(kind, SimpleNamespace(**stored), content)


def _feed_written(h, dictionary: Any, kind: str, values: dict[str, Any], segment: Any, top: bool,
                  rows: dict[int, dict[str, Any]]) -> None:
    from desktop.store.mapping import columns, shape

    cols, rels = _layout(s.ROW_CLASSES[kind], top)
    _dump(h, cols, values.get)
    sh = shape(dictionary, kind)
    codes = {name for name, _table in sh.codes}
    children = {name: child_kind for child_kind, name, _parent in sh.children}
    for key, child_cls in rels:
        items = getattr(segment, key) or []
        h.update(f"[{key}:{len(items)}".encode())
        if key in codes:
            code_cols = _layout(child_cls, False)[0]
            for i, code in enumerate(items):
                _dump(h, code_cols, {"position": i, "code": code}.get)
        else:
            for i, child in enumerate(items):
                row = rows.get(id(child))
                if row is None:
                    row = columns(child, dictionary, children[key])
                    row["position"] = i
                _feed_written(h, dictionary, children[key], row, child, False, rows)
        h.update(b"]")


def checksum(kind: str, row: Any, content: str | None = None) -> str:
    """The row's checksum: its content sum with its status, revision, authors and deleted mark."""
    head = [kind, content if content is not None else row.content_sum] + [_plain(getattr(row, c)) for c in HEADER]
    return hashlib.sha256(json.dumps(head, default=str, separators=(",", ":")).encode("utf-8")).hexdigest()


def _content_changed(obj: Any) -> bool:
    state = inspect(obj)
    for attr in state.mapper.attrs:
        if attr.key in NOT_COVERED:
            continue
        if state.attrs[attr.key].history.has_changes():
            return True
    return False


# ------------------------------------------------------------------------------------------ the session's part
@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context, _instances) -> None:
    changed = session.info.setdefault("_checksum_rows", [])
    for obj in list(session.new) + list(session.dirty):
        kind = kind_of_row(obj)
        if kind is None:
            continue
        before = None if obj in session.new else obj.checksum
        if obj in session.new or obj.content_sum is None or _content_changed(obj):
            obj.content_sum = content_sum(obj)
        obj.checksum = checksum(kind, obj)
        if obj.checksum != before:  # a change of bookkeeping alone (a transfer's shared hash) changes no checksum
            changed.append((kind, obj))
    gone = session.info.setdefault("_checksum_gone", [])
    for obj in session.deleted:
        kind = kind_of_row(obj)
        if kind is not None and obj.id is not None:
            gone.append((kind, obj.id))


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:
    sums = session.info.setdefault("checksums", {})
    for kind, obj in session.info.pop("_checksum_rows", []):
        if obj.id is not None:
            sums[(kind, obj.id)] = obj.checksum
    for key in session.info.pop("_checksum_gone", []):
        sums[key] = None


@event.listens_for(Session, "before_commit")
def _seal_uncovered(session: Session) -> None:
    """Records changed in this transaction whose new checksum no entry recorded: one ``seal`` entry lists them."""
    if session.new or session.dirty or session.deleted:
        session.flush()
    sums = session.info.get("checksums") or {}
    covered = session.info.get("covered") or {}
    missing = sorted((k, v) for k, v in sums.items() if covered.get(k, "none") != v)
    if not missing:
        return
    from desktop.store import audit

    audit.append(session, session.info.get("user") or "system", audit.SEAL,
                 detail={"records": [[kind, record_id, value] for (kind, record_id), value in missing]})


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    head = session.info.pop("audit_head", None)
    for name in ("checksums", "covered", "_checksum_rows", "_checksum_gone"):
        session.info.pop(name, None)
    if head is not None:
        from desktop.store import anchor

        anchor.append(session.info.get("data_dir"), session.info.get("audit_key"), head[0], head[1])


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    for name in ("audit_head", "checksums", "covered", "_checksum_rows", "_checksum_gone"):
        session.info.pop(name, None)


def forget_covered(session: Session) -> None:
    """Let go of the records whose latest checksum an entry has recorded (nothing left for the seal to list): a long
    import keeps only what is still uncovered, not a checksum per record of the whole file."""
    sums, covered = session.info.get("checksums"), session.info.get("covered")
    if not sums or not covered:
        return
    for key, value in list(covered.items()):
        if key in sums and sums[key] == value:
            del sums[key], covered[key]


# ------------------------------------------------------------------------------------------ reading them all back
def _eager(cls: type) -> list:
    """Load options reaching every child table of a record (so a whole table is read in a few queries)."""
    out = []

    def walk(mapper, path):
        for rel in mapper.relationships:
            option = path.selectinload(getattr(mapper.class_, rel.key)) if path is not None else \
                selectinload(getattr(mapper.class_, rel.key))
            out.append(option)
            walk(rel.mapper, option)

    walk(inspect(cls), None)
    return out


def current(session: Session, kinds: Iterable[str] | None = None, *, batch: int = 500) -> Iterator[tuple]:
    """Every stored record as (kind, id, stored content_sum, stored checksum, worked-out content_sum, worked-out
    checksum, the row)."""
    from desktop.store.kinds import KINDS

    for kind in kinds or KINDS:
        cls = KINDS[kind].row
        ids = list(session.scalars(select(cls.id).order_by(cls.id)))
        options = _eager(cls)
        for start in range(0, len(ids), batch):
            rows = session.scalars(select(cls).where(cls.id.in_(ids[start:start + batch])).options(*options)
                                   .execution_options(populate_existing=True))
            for row in rows:
                content = content_sum(row)
                yield kind, row.id, row.content_sum, row.checksum, content, checksum(kind, row, content), row


def refresh(session: Session, written: dict[str, list[int]], removed: dict[str, list[int]] | None = None,
            known: dict[tuple[str, int], tuple[str, str]] | None = None) -> None:
    """Records written by SQL statements rather than through the ORM (the bulk import): their checksums worked out
    from the tables (or, for those in ``known``, the (content sum, checksum) worked out from what was written),
    stored, and kept for the audit entries that name them (as a flush does for ORM rows)."""
    from sqlalchemy import bindparam, update

    from desktop.store.kinds import KINDS
    from desktop.store.submissions.loading import plain_rows

    known = known or {}
    sums = session.info.setdefault("checksums", {})
    for kind, ids in (removed or {}).items():
        for record_id in ids:
            sums[(kind, record_id)] = None
    for kind, ids in written.items():
        if not ids:
            continue
        cls = KINDS[kind].row
        table = cls.__table__
        values = [{"id_": record_id, "content_": known[(kind, record_id)][0],
                   "checksum_": known[(kind, record_id)][1]} for record_id in ids if (kind, record_id) in known]
        for v in values:
            sums[(kind, v["id_"])] = v["checksum_"]
        if values:
            session.execute(update(table).where(table.c.id == bindparam("id_"))
                            .values(content_sum=bindparam("content_"), checksum=bindparam("checksum_")), values)
        ids = sorted({record_id for record_id in ids if (kind, record_id) not in known})
        for start in range(0, len(ids), 500):
            # read as plain rows (a few Core queries, no ORM objects): the same values the ORM would give
            rows = plain_rows(session, cls, table.c.id, ids[start:start + 500])
            values = []
            for row in rows:
                content = content_sum(row, cls)
                total = checksum(kind, row, content)
                values.append({"id_": row.id, "content_": content, "checksum_": total})
                sums[(kind, row.id)] = total
            if values:
                session.execute(update(table).where(table.c.id == bindparam("id_"))
                                .values(content_sum=bindparam("content_"), checksum=bindparam("checksum_")), values)


def refresh_header(session: Session, ids_by_kind: dict[str, list[int]]) -> None:
    """Records whose status, revision or authors were changed by SQL statements (an export marking them submitted):
    their values did not change, so each checksum is worked out again from the stored content sum and the new
    header, without reading the children; stored, and kept for the audit entries that name them."""
    from types import SimpleNamespace

    from sqlalchemy import bindparam, update

    from desktop.store.kinds import KINDS

    sums = session.info.setdefault("checksums", {})
    for kind, ids in ids_by_kind.items():
        table = KINDS[kind].row.__table__
        ids = sorted(set(ids))
        for start in range(0, len(ids), 500):
            values = []
            for r in session.execute(select(table.c.id, table.c.content_sum, *(table.c[c] for c in HEADER))
                                     .where(table.c.id.in_(ids[start:start + 500]))):
                row = SimpleNamespace(**r._mapping)
                if row.content_sum is None:
                    continue  # not sealed yet (a database just migrated): the seal reads it whole
                total = checksum(kind, row)
                values.append({"id_": row.id, "checksum_": total})
                sums[(kind, row.id)] = total
            if values:
                session.execute(update(table).where(table.c.id == bindparam("id_"))
                                .values(checksum=bindparam("checksum_")), values)


def seal_all(session: Session, user: str = "system", reason: str = "checksums", *, entry_if_empty: bool = True) -> int:
    """Give every record its checksums and record them all in one ``seal`` entry (a baseline): rows saved before
    checksums existed, or the records of a restored backup. Returns how many records it lists."""
    from desktop.store import audit

    records = []
    for kind, record_id, _c, _s, content, total, row in list(current(session)):
        if row.content_sum != content or row.checksum != total:
            row.content_sum, row.checksum = content, total
        records.append([kind, record_id, total])
    session.flush()
    session.info["checksums"] = {}
    if records or entry_if_empty:
        audit.append(session, user, audit.SEAL, detail={"baseline": reason, "records": records})
    return len(records)


def seal_pending(session: Session) -> bool:
    """Whether rows saved before checksums existed wait to be sealed."""
    return session.get(s.Setting, PENDING_KEY) is not None


def seal_if_pending(session: Session) -> bool:
    """Seal the rows of a database just brought to checksums (the migration leaves ``record_checksums`` pending)."""
    pending = session.get(s.Setting, PENDING_KEY)
    if pending is None:
        return False
    seal_all(session, "system", "rows saved before checksums existed", entry_if_empty=False)
    session.delete(pending)
    return True
