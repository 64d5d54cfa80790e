"""The data dictionary is complete and agrees with the FBI's own tables."""

from __future__ import annotations

import csv
import dataclasses
import re
from pathlib import Path

import pytest

from testpaths import REPO, SHARED
from desktop.nibrs import model
from desktop.nibrs.dictionary import dictionary

CODE_TABLES = REPO / "resources" / "fbi" / "code-tables"
AGGREGATES = {"cjis.csv", "justice.csv", "nibrs.csv", "Index.csv"}


def read_tables(path: Path) -> dict[str, list[tuple[str, str]]]:
    """FBI code-table CSV -> {qualified table name: [(code, description)]} (one or several tables)."""
    rows = list(csv.reader(open(path, encoding="utf-8-sig")))
    tables: dict[str, list[tuple[str, str]]] = {}
    current = None
    expect_header = False
    for r in rows:
        cells = [c.strip() for c in r] + ["", ""]
        if re.fullmatch(r"[a-z]+:\w+", cells[0]) and not cells[1]:
            current = cells[0]
            tables[current] = []
            expect_header = True
            continue
        if cells[:2] == ["Code", "Description"]:
            expect_header = False
            continue
        if current and not expect_header and cells[0]:
            tables[current].append((cells[0], " ".join(cells[1].split())))
    return tables


def all_fbi_tables() -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(CODE_TABLES.glob("*.csv")):
        if path.name == "Index.csv":
            continue
        for name, rows in read_tables(path).items():
            out.setdefault(name, [])
            for row in rows:
                if row not in out[name]:
                    out[name].append(row)
    return out


def test_code_table_copies_match_shared():
    src = SHARED / "nibrs" / "codes" / "csv" / "iepd-2019.1-code-tables"
    if not src.exists():
        pytest.skip("../shared is not beside this checkout; the copies in resources/ are used as they are")
    for path in src.glob("*.csv"):
        assert (CODE_TABLES / path.name).read_bytes() == path.read_bytes(), path.name


def _described_by_the_elements_tables() -> set[tuple[str, str]]:
    """(list, code) of the codes an element's own table in the 2019.1 specification describes (test_code_tables)."""
    from test_code_tables import coded_elements, read, table_file

    out = set()
    for e in coded_elements():
        out |= {(e.codes, r["Code"]) for r in read(table_file(e.id))}
    return out


def test_every_fbi_code_is_present_with_the_same_meaning():
    """Every code of the IEPD's XML tables is in the dictionary under its XML value; its description is the
    XML table's where no element's own table in the specification describes the code (those win: see
    test_code_tables.py; the XML table for DE 13 repeats the arrestee's weapon words)."""
    d = dictionary()
    by_table = {cl.fbi_table: cl for cl in d.code_lists.values() if cl.fbi_table}
    tables = all_fbi_tables()
    assert len(tables) == 30, sorted(tables)
    own = _described_by_the_elements_tables()
    checked = described = 0
    for table, rows in tables.items():
        assert table in by_table, f"no code list declares FBI table {table}"
        codes = by_table[table]
        for fbi_code, fbi_desc in rows:
            m = re.match(r"NIBRS CODE:\s*(\S+)\s*\|\s*(.*)", fbi_desc)
            ours = codes.from_xml(fbi_code)
            assert ours is not None, f"{table}: code {fbi_code!r} ({fbi_desc}) is missing"
            if m:  # XML word whose description carries the flat-file code
                assert ours.code == m.group(1), (table, fbi_code)
                fbi_desc = " ".join(m.group(2).split())
            checked += 1
            if (codes.id, ours.code) in own:
                continue
            assert fbi_desc in (ours.description, *ours.get("also", ())), (table, fbi_code)
            described += 1
    assert checked > 400 and described > 15  # the automatic weapons, the XML-only words (report categories...)


def test_offense_codes_for_local_agencies():
    codes = dictionary().code_list("offense_code")
    local_a = [c for c in codes if c.get("group") == "A" and not c.federal_only]
    assert len(local_a) == 52
    assert "09C" in {c.code for c in local_a}
    group_b = {c.code for c in codes if c.get("group") == "B"}
    assert {"90B", "90C", "90D", "90F", "90G", "90J", "90Z", "90A", "90E", "90H"} <= group_b
    federal = {c.code for c in codes if c.federal_only}
    assert federal == {"101", "103", "26H", "30A", "30B", "30C", "30D", "360", "49A", "49B", "49C", "521",
                       "522", "526", "58A", "58B", "61A", "61B", "620", "90K", "90L", "90M"}
    for c in codes:
        assert c.get("against") in ("Person", "Property", "Society", "Not a Crime", "Person, Property, or Society")
        assert c.get("category")
    assert codes["09C"].get("against") == "Not a Crime"
    assert codes["90I"].retired and codes["90A"].retired
    assert dictionary().code_list("location_type")["22"].deprecated


def test_every_numbered_element_is_declared():
    d = dictionary()
    numbers = {e.number for e in d.numbered()}
    expected = {str(n) for n in range(1, 53)} | {"2A", "8A", "25A", "25B", "25C", "39A"}
    assert expected <= numbers
    for e in d.elements.values():
        assert e.help, e.id
        if any(p.flat is not None for p in e.placements):  # a flat-file field has a width
            assert e.length > 0, e.id
        if e.type in ("date", "hour", "month", "year"):  # fixed forms: YYYYMMDD, HH, MM, YYYY
            assert e.length == {"date": 8, "hour": 2, "month": 2, "year": 4}[e.type], e.id
        if e.type == "code":
            assert e.codes, e.id


def test_model_fields_and_dictionary_agree():
    d = dictionary()
    for kind, cls in model.SEGMENT_CLASSES.items():
        fields = {f.name for f in dataclasses.fields(cls)} - {"extras", "invalid", "source"}
        children = {f for child, (parent, f) in model.CHILD_FIELDS.items() if parent == kind}
        declared = {p.field for e, p in d.model_elements(kind)}
        assert fields - children == declared, kind


@pytest.mark.parametrize("segment", ["zero_report", "incident", "offense", "property", "victim", "offender",
                                     "arrestee", "group_b"])
def test_flat_positions_tile_the_segment(segment):
    """Header + elements + groups cover every position of the long form once."""
    d = dictionary()
    kind = d.segments[segment]
    covered: dict[int, str] = {}

    def cover(start: int, length: int, who: str) -> None:
        for pos in range(start, start + length):
            assert pos not in covered, f"{segment}: position {pos} used by {covered[pos]} and {who}"
            covered[pos] = who

    for e, p in d.in_segment("header"):
        if p.flat is not None:
            cover(p.flat, e.length, e.id)
    placed = d.in_segment(segment)
    if not any(e.id == "1" for e, _ in placed):  # levels 2-6 repeat the incident's ORI and number
        cover(17, 9, "ORI (header)")
        cover(26, 12, "incident number (header)")
    for e, p in placed:
        if p.flat is not None:
            cover(p.flat, e.length * e.max, e.id)
    for g in d.groups_of(segment):
        members = d.in_segment(g.id)
        width = sum(e.length for e, _ in members)
        assert width == g.flat_stride, g.id
        for i in range(g.max):
            for e, p in members:
                cover(g.flat_start + i * g.flat_stride + p.flat, e.length, f"{e.id}[{i}]")
    assert sorted(covered) == list(range(1, kind.length + 1)), segment


def test_xml_code_translations_are_two_way():
    d = dictionary()
    for cl in d.code_lists.values():
        xml_values = [c.xml_value for c in cl]
        assert len(xml_values) == len(set(xml_values)), cl.id
        for c in cl:
            assert cl.from_xml(cl.to_xml(c.code)) is c


def test_segment_kinds_declare_their_list_level_and_words():
    d = dictionary()
    # the Group A incident's segments: the incident's list that holds each, in level order
    lists = [(k, s.list, s.level) for k, s in sorted(d.segments.items(), key=lambda i: i[1].level)
             if s.parent == "incident"]
    assert lists == [("offense", "offenses", "2"), ("property", "properties", "3"), ("victim", "victims", "4"),
                     ("offender", "offenders", "5"), ("arrestee", "arrestees", "6")]
    for kind, seg in d.segments.items():
        assert seg.word and seg.words and seg.words != seg.word, kind
        if seg.parent:  # the list is a field of the parent's model class, and the kind's class is what it holds
            assert seg.list in {f.name for f in dataclasses.fields(model.SEGMENT_CLASSES[seg.parent])}
        else:
            assert seg.list is None, kind
    for g in d.groups.values():
        assert g.word and g.words and g.field in {f.name for f in dataclasses.fields(model.SEGMENT_CLASSES[g.parent])}
    assert model.CHILD_FIELDS == d.child_fields()  # the model reads them from the dictionary
    assert model.CHILD_FIELDS["relationship"] == ("victim", "relationships")
    assert (d.list_of("victims").word, d.list_of("items").word, d.list_of("drugs").words) == \
        ("Victim", "Description", "Drugs")
    assert d.list_of("weapons") is None
    assert d.segment_for_level("7").word == "Group B Arrest"


def test_the_dictionary_keeps_what_is_derived_from_it_once_per_dictionary():
    d = dictionary()
    made = []

    def make(kind):
        made.append(kind)
        return [e.id for e, _p in d.in_segment(kind)]

    first = d.cached(("test ids", "victim"), make, "victim")
    assert d.cached(("test ids", "victim"), make, "victim") is first and made == ["victim"]
    assert d.cached(("test ids", "offense"), make, "offense") != first and made == ["victim", "offense"]
    other = d.extend()  # a profile's dictionary has its own
    assert other.cached(("test ids", "victim"), lambda: ["other"]) == ["other"]
    assert d.cached(("test ids", "victim"), make, "victim") is first
    from desktop.nibrs.flatfile.layout import layouts

    assert layouts(d) is layouts(d) and layouts(other) is not layouts(d)


def test_segment_look_ups_are_worked_out_once_and_cannot_be_spoiled_by_callers(monkeypatch):
    """in_segment, model_elements and profile_elements are kept per dictionary (an import asked them millions
    of times, scanning every element each time); what they return is the scan's answer, a fresh list each call."""
    d = dictionary()
    kinds = [*d.segments, *d.groups]
    for kind in kinds:
        scanned = [(e, e.placement(kind)) for e in d.elements.values() if e.placement(kind) is not None]
        assert d.in_segment(kind) == scanned
        assert d.in_segment(kind, stored_only=True) == [(e, p) for e, p in scanned if p.field]
        assert d.model_elements(kind) == [(e, p) for e, p in scanned if p.field and p.profile is None]
        assert d.profile_elements(kind) == [(e, p) for e, p in scanned if p.profile is not None]
    calls = []
    cls = type(next(iter(d.elements.values())))
    original = cls.placement
    monkeypatch.setattr(cls, "placement", lambda self, segment: calls.append(segment) or original(self, segment))
    for kind in kinds:
        before = d.in_segment(kind)
        d.in_segment(kind).clear()  # a caller's list is its own
        d.model_elements(kind).clear()
        d.profile_elements(kind).clear()
        assert d.in_segment(kind) == before
    assert calls == []  # nothing scanned again
    assert d.in_segment("incident") and d.in_segment("incident") is not d.in_segment("incident")
