"""The agency's own values (local elements: names, address, narrative...) found by the search box.

Local values are kept in each segment's ``extras``, as a state's are (desktop.nibrs.local). What the search box
finds of them is kept in ``local_text`` (one row per segment and kind of value: "victims[0]" name "SMITH, John"),
rebuilt for a record whenever a save changes its local values: a hook on the unit of work's session, after its
flush, so every writer (the wizard's saves, imports, transfer files) keeps it without knowing of it. A record
with no local values costs nothing there. Searching is one query over the full-text index (SQLite FTS5 where
the build has it, PostgreSQL's full text on a server), words matched by their start ("smi jo" finds
"Smith, John").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Sequence

from sqlalchemy import Integer, bindparam, column, delete, event, insert, literal_column, select, text as sql_text
from sqlalchemy.orm import Session

from desktop.nibrs.local import PERSON_PARTS, is_local, person_name
from desktop.store import schema as s
from desktop.store import users

# Record rows and the segment rows local values live in: kind -> (row class, {list field: row class}).
_RECORDS = {"incident": s.Incident, "group_b": s.GroupBArrestRow}
_SEGMENTS = {s.VictimRow: "victims", s.OffenderRow: "offenders", s.ArresteeRow: "arrestees"}
_WORD = re.compile(r"\w+", re.UNICODE)
SNIPPET = 60  # characters of a long text shown around a match


@dataclass(frozen=True)
class LocalMatch:
    """Where a record's local values matched the words searched: the segment, what it is, the text around."""

    kind: str
    record_id: int
    path: str  # "" (the report) or "victims[0]"
    what: str  # name, address, narrative...
    text: str  # the value (a long one cut around the match)


@dataclass(frozen=True)
class Person:
    """A person entered in a report before, found by name: where, their local values and NIBRS fields."""

    kind: str
    record_id: int
    number: str  # the report's number
    path: str  # "victims[0]", "offenders[1]", "arrestees[0]" or "" (a Group B arrest)
    segment: str  # victim, offender, arrestee, group_b
    name: str  # "SMITH, John Q"
    extras: dict[str, Any]  # the person's local values (names, date of birth)
    fields: dict[str, Any]  # the person's NIBRS fields: age, sex, race, ethnicity, resident_status
    when: date | None  # the report's date


PERSON_FIELDS = ("age", "sex", "race", "ethnicity", "resident_status")


def words_of(typed: str) -> list[str]:
    """The words of what was typed, as the index holds them (letters and digits, lower case)."""
    return [w.lower() for w in _WORD.findall(typed or "")][:8]


def local_rows(extras_by_path: Iterable[tuple[str, dict[str, Any]]], dictionary) -> list[tuple[str, str, str]]:
    """(path, what, text) rows for the index from each segment's local values."""
    local = [e for e in dictionary.elements.values() if is_local(e)]
    what_of = {e.id: str(e.attrs["search"]) for e in local if e.attrs.get("search")}
    persons = [e for e in local if e.attrs.get("person") in PERSON_PARTS]
    out: list[tuple[str, str, str]] = []
    for path, extras in extras_by_path:
        if not extras:
            continue
        groups: dict[str, list[str]] = {}
        for eid, what in what_of.items():
            value = extras.get(eid)
            if value in (None, "", []) or eid in {e.id for e in persons}:
                continue
            groups.setdefault(what, []).append(str(value))
        name = person_name(extras, persons)
        if name:
            out.append((path, what_of.get(persons[0].id, "name"), name))
        for what, values in groups.items():
            out.append((path, what, ", ".join(values)))
    return out


def _local_ids(dictionary) -> frozenset[str]:
    return frozenset(e.id for e in dictionary.elements.values() if is_local(e) and e.attrs.get("search"))


def _has_local(extras: Any, ids: frozenset[str]) -> bool:
    return bool(extras) and any(extras.get(k) not in (None, "", []) for k in ids)


def _record_key(obj: Any) -> tuple[str, int] | None:
    for kind, cls in _RECORDS.items():
        if isinstance(obj, cls):
            return kind, obj.id
    if type(obj) in _SEGMENTS:
        return "incident", obj.incident_id
    return None


def _after_flush(session: Session, _context: Any) -> None:
    """Keep local_text for the records whose local values this flush wrote (see the module's docstring)."""
    store = session.info.get("local_index")
    if store is None:
        return
    ids = _local_ids(store.dictionary)
    if not ids:
        return
    from sqlalchemy import inspect as sa_inspect

    touched: set[tuple[str, int]] = set()
    gone: set[tuple[str, int]] = set()
    for obj in session.new:
        key = _record_key(obj)
        if key is not None and _has_local(obj.extras, ids):
            touched.add(key)
    for obj in session.dirty:
        key = _record_key(obj)
        if key is None:
            continue
        hist = sa_inspect(obj).attrs.extras.history
        if hist.has_changes() and (_has_local(obj.extras, ids) or any(_has_local(x, ids) for x in hist.deleted)):
            touched.add(key)
    for obj in session.deleted:
        key = _record_key(obj)
        if key is None:
            continue
        if type(obj) in _SEGMENTS:
            if _has_local(obj.extras, ids):
                touched.add(key)
        else:
            gone.add(key)
    touched -= gone
    if not touched and not gone:
        return
    conn = session.connection()
    for kind, record_id in gone | touched:
        conn.execute(delete(s.LocalText).where(s.LocalText.kind == kind, s.LocalText.record_id == record_id))
    rows = []
    for kind, record_id in touched:
        for path, what, text in local_rows(_extras_of(conn, kind, record_id), store.dictionary):
            rows.append({"kind": kind, "record_id": record_id, "path": path, "what": what, "text": text})
    if rows:
        conn.execute(insert(s.LocalText), rows)


def _extras_of(conn, kind: str, record_id: int) -> list[tuple[str, dict[str, Any]]]:
    """(path, extras) of a record's segments that can hold local values, read from the database."""
    cls = _RECORDS[kind]
    out = [("", conn.execute(select(cls.extras).where(cls.id == record_id)).scalar() or {})]
    if kind == "incident":
        for seg_cls, field_name in _SEGMENTS.items():
            q = select(seg_cls.extras).where(seg_cls.incident_id == record_id).order_by(seg_cls.position)
            out += [(f"{field_name}[{i}]", extras or {}) for i, extras in enumerate(conn.execute(q).scalars())]
    return out


event.listen(Session, "after_flush", _after_flush)


class LocalValues:
    """The Store's local values in the search (a part of :class:`desktop.store.service.Store`)."""

    def local_index_on(self, session: Session) -> None:
        """Keep the index in this session's saves (the unit of work calls it)."""
        if _local_ids(self.dictionary):
            session.info["local_index"] = self

    # ------------------------------------------------------------------ the query
    def _fts(self) -> bool:
        cached = getattr(self, "_fts5", None)
        if cached is None:
            with self.db.read() as session:
                cached = bool(session.execute(sql_text(
                    "SELECT count(*) FROM sqlite_master WHERE name = :n"), {"n": s.LOCAL_TEXT_FTS}).scalar()) \
                    if self.db.is_sqlite else False
            self._fts5 = cached
        return cached

    def local_match(self, words: Sequence[str]):
        """A condition on local_text: its text holds every word (by its start)."""
        lt = s.LocalText
        if not words:
            return lt.id.is_(None)
        if self.db.is_sqlite and self._fts():
            query = " AND ".join(f'"{w}"*' for w in words)
            return lt.id.in_(sql_text(f"SELECT rowid FROM {s.LOCAL_TEXT_FTS} WHERE {s.LOCAL_TEXT_FTS} MATCH :q")
                             .bindparams(bindparam("q", query, unique=True)).columns(column("rowid", Integer)))
        if not self.db.is_sqlite:
            query = " & ".join(f"{w}:*" for w in words)
            return sql_text("to_tsvector('simple', local_text.text) @@ to_tsquery('simple', :q)").bindparams(
                bindparam("q", query, unique=True))
        from sqlalchemy import and_, func

        return and_(*[func.lower(lt.text).contains(w, autoescape=True) for w in words])

    def local_record_ids(self, kind: str, words: Sequence[str]):
        """A select of the ids of ``kind`` records whose local values hold every word."""
        lt = s.LocalText
        if self.db.is_sqlite and self._fts():
            # driven by the index's rows, a rowid lookup each: "+" keeps SQLite from reading every row of the
            # kind through ix_local_text_record (a name over 50,000 reports: 23 ms that way, 0.5 ms this way)
            return select(lt.record_id).where(self.local_match(words), literal_column("+local_text.kind") == kind)
        return select(lt.record_id).where(lt.kind == kind, self.local_match(words))

    def local_matches(self, kind: str, record_ids: Iterable[int], typed: str) -> dict[int, LocalMatch]:
        """Where each record's local values hold the words typed (the first place: names, then the rest)."""
        words = words_of(typed)
        wanted = sorted(set(record_ids))
        if not words or not wanted:
            return {}
        lt = s.LocalText
        out: dict[int, LocalMatch] = {}
        order = {"name": 0, "address": 1}
        # the few rows of these records, matched here as the index matches (each word the start of a word of
        # the text): asking the full-text index instead reads every row holding a common word (seconds for
        # "garage" over 50,000 narratives), where these are a page of the list's rows
        with self.unit(users.READ, write=False) as u:
            q = select(lt.record_id, lt.path, lt.what, lt.text).where(lt.kind == kind, lt.record_id.in_(wanted))
            found = sorted((r for r in u.session.execute(q) if _holds(r.text, words)),
                           key=lambda r: (r.record_id, order.get(r.what, 2), r.path))
        hidden = self._hidden_local()
        for r in found:
            if r.record_id in out or r.what in hidden:
                continue
            out[r.record_id] = LocalMatch(kind, r.record_id, r.path, r.what, _around(r.text, words))
        return out

    def _hidden_local(self) -> set[str]:
        """What the signed-in person may not be shown of local values (restricted ones, when not granted)."""
        if self.sees_restricted():
            return set()
        return {str(e.attrs["search"]) for e in self.dictionary.elements.values()
                if is_local(e) and e.restricted and e.attrs.get("search")}

    # ------------------------------------------------------------------ people entered before
    def people(self, typed: str, *, limit: int = 20) -> list[Person]:
        """People entered before whose name holds the words typed, newest report first (one entry per name and
        date of birth)."""
        words = words_of(typed)
        if not words:
            return []
        lt = s.LocalText
        with self.unit(users.READ, write=False) as u:
            q = (select(lt.kind, lt.record_id, lt.path).where(lt.what == "name", self.local_match(words))
                 .order_by(lt.record_id.desc()).limit(limit * 4))
            hits = list(u.session.execute(q))
        out: list[Person] = []
        seen: set[tuple] = set()
        for kind, record_id, path in hits:
            try:
                stored = self.get(kind, record_id, audited=False)
            except Exception:  # removed meanwhile
                continue
            segment = _segment_at(stored.report, path)
            if segment is None:
                continue
            extras = {k: v for k, v in segment.extras.items() if k in {e.id for e in self.dictionary.elements.values()
                                                                        if is_local(e)}}
            persons = [e for e in self.dictionary.elements.values() if is_local(e) and e.attrs.get("person")]
            name = person_name(extras, persons)
            born = next((extras.get(e.id) for e in self.dictionary.elements.values()
                         if is_local(e) and e.attrs.get("fills")), None)
            if not name or (name.upper(), born) in seen:
                continue
            seen.add((name.upper(), born))
            from desktop.store.kinds import KINDS

            k = KINDS[kind]
            out.append(Person(kind, record_id, str(getattr(stored.report, k.number, "") or ""), path,
                              segment.KIND if hasattr(segment, "KIND") else kind, name, extras,
                              {f: getattr(segment, f, None) for f in PERSON_FIELDS if hasattr(segment, f)},
                              getattr(stored.report, "incident_date", None) or getattr(stored.report, "arrest_date",
                                                                                        None)))
            if len(out) >= limit:
                break
        return out

    def rebuild_local_index(self) -> int:
        """Index every record's local values again (after the local profile changed what is searched)."""
        ids = _local_ids(self.dictionary)
        count = 0
        with self.unit(users.SETTINGS) as u:
            conn = u.session.connection()
            conn.execute(delete(s.LocalText))
            rows = []
            for kind, cls in _RECORDS.items():
                for record_id in conn.execute(select(cls.id)).scalars():
                    extras = _extras_of(conn, kind, record_id)
                    if not any(_has_local(x, ids) for _p, x in extras):
                        continue
                    for path, what, text in local_rows(extras, self.dictionary):
                        rows.append({"kind": kind, "record_id": record_id, "path": path, "what": what, "text": text})
                        count += 1
            if rows:
                conn.execute(insert(s.LocalText), rows)
        return count


def _segment_at(report: Any, path: str) -> Any:
    if not path:
        return report
    m = re.fullmatch(r"(\w+)\[(\d+)\]", path)
    if m is None:
        return None
    items = getattr(report, m.group(1), None) or []
    i = int(m.group(2))
    return items[i] if i < len(items) else None


_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)  # a word as the full-text index cuts text (letters and digits)


def _fold(word: str) -> str:
    """A word as the index compares it: lower case, accents dropped ("José" as "jose")."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def _holds(text: str, words: Sequence[str]) -> bool:
    """Whether every word typed starts a word of the text (what the index's prefix query finds)."""
    tokens = [_fold(t) for t in _TOKEN.findall(text or "")]
    return all(any(t.startswith(w) for t in tokens) for w in (_fold(w) for w in words) if w)


def _around(text: str, words: Sequence[str]) -> str:
    """A long value cut around the first word found ("...broke the rear window and..."), a short one whole."""
    if len(text) <= SNIPPET * 2:
        return " ".join(text.split())
    low = text.lower()
    at = min((i for i in (low.find(w) for w in words) if i >= 0), default=0)
    start = max(0, at - SNIPPET // 2)
    end = min(len(text), start + SNIPPET * 2)
    part = " ".join(text[start:end].split())
    return ("…" if start else "") + part + ("…" if end < len(text) else "")
