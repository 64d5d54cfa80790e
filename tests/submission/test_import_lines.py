"""The lines an import returns, kept compactly (ImportLines): every line reads back as the ImportLine it was."""

from __future__ import annotations

import pytest

from desktop.store.submissions import ImportLine, ImportLines

LINES = [
    ImportLine("imported", "Group A incident HI0020000 19-123456", "/data/May.txt, line 1 (record 1)",
               "as approved", "incident", 7),
    ImportLine("skipped", "Group B arrest HI0020000 ?", "/data/May.txt, line 12 (record 9)",
               "no arrest date: a report cannot be kept without it", "group_b", None),
    ImportLine("updated", "Group A incident HI0020000 19-123456", "/data/May.txt, line 13 (record 10)",
               "revision 2, 3 value(s) changed, now approved", "incident", 7),
    ImportLine("imported", "Incident ÉÑ-Ω 1", "archive.zip!m/c.xml", "", "incident", -3),  # no line: as XML says
    ImportLine("skipped", "bad \udcff bytes, line 4", "odd, line name.txt, line 2", "", "", None),
    ImportLine("deleted", "", "", "kept until its delete is sent to the state", "zero_report", 2 ** 40),
]


def test_every_line_reads_back_as_it_was_given():
    lines = ImportLines(LINES)
    assert len(lines) == len(LINES)
    assert list(lines) == LINES and lines == LINES and lines == ImportLines(LINES)
    assert [lines[i] for i in range(len(LINES))] == LINES
    assert lines[-1] == LINES[-1] and lines[1:4] == LINES[1:4] and lines[::-2] == LINES[::-2]
    assert str(lines[0]) == ("/data/May.txt, line 1 (record 1): imported Group A incident HI0020000 19-123456: "
                             "as approved")
    with pytest.raises(IndexError):
        lines[len(LINES)]
    assert lines != LINES[:-1] and lines != [*LINES[:-1], ImportLine("deleted", "", "", "", "zero_report", 1)]


def test_a_stand_in_id_is_replaced_by_the_record_id_once_known():
    lines = ImportLines()
    lines.add("imported", "Group A incident X 1", "f.txt, line 1 (record 1)", "as ready", "incident", -1)
    lines.add("skipped", "Group A incident X 2", "f.txt, line 2 (record 2)", "unchanged", "incident", None)
    assert lines.record_id(0) == -1 and lines.record_id(1) is None
    lines.set_record_id(0, 41)
    assert lines[0].record_id == 41 and lines[1].record_id is None and lines[0].what == "Group A incident X 1"


def test_texts_many_lines_share_are_kept_once():
    lines = ImportLines()
    for n in range(1, 1001):
        lines.add("imported", f"Group A incident X {n}", f"/a/long/folder/name/May.txt, line {n} (record {n})",
                  "as approved", "incident", n)
    assert lines[999].where == "/a/long/folder/name/May.txt, line 1000 (record 1000)"
    assert len(lines._words) == 6  # none, "Group A incident X ", the file's name, the outcome, kind, detail
    assert len(lines._text) < 1000 * 25  # the number, and the line's own place, nothing more


def test_texts_beyond_the_shared_ones_stay_with_their_lines(monkeypatch):
    monkeypatch.setattr(ImportLines, "SHARED", 8)
    given = [ImportLine("skipped", f"Group B arrest X ATN{n} arrestee 1", f"file{n}.txt, line {n} (record {n})",
                        f"value {n!r} could not be read", "group_b", None) for n in range(50)]
    lines = ImportLines(given)
    assert lines == given and len(lines._words) == 8


def test_arrests_share_their_title_and_agency_not_their_numbers():
    lines = ImportLines()
    for n in range(100):
        lines.add("imported", f"Group B arrest HI0020000 ATN{n:05d} arrestee 1", f"f.txt, line {n} (record {n})",
                  "as approved", "group_b", n)
    assert "Group B arrest HI0020000 " in lines._words and len(lines._words) == 6
    assert lines[42].what == "Group B arrest HI0020000 ATN00042 arrestee 1"
