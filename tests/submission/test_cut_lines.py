"""A flat line that is not a whole segment is never a report: a line shorter than its length field (cut off) or
longer is an error naming the file and the line, in validate, import and convert; its report is not imported."""

from __future__ import annotations

from datetime import date

import pytest

from generate import incident
from nibrs_samples import simple_incident

from desktop.cli import main
from desktop.nibrs import flatfile
from desktop.nibrs import model as m
from desktop.store.service import SearchFilter


def _lines() -> list[str]:
    first = flatfile.segment_lines(m.Submission(report=incident(1), action="I", year=2025, month=3))
    second = flatfile.segment_lines(m.Submission(report=simple_incident("19273-0001"), action="I", year=2025,
                                                 month=3))
    return first + second


@pytest.mark.parametrize("how", ["short", "long"])
def test_a_line_cut_after_30_characters_or_too_long_is_an_error_not_a_report(store, tmp_path, capsys, how):
    lines = _lines()
    offense = next(i for i, line in enumerate(lines) if line[4] == "2" and i > 0)
    length = int(lines[offense][:4])
    if how == "short":
        lines[offense] = lines[offense][:30]  # "its length field says 0063 (or 0071)", the line has 30
    else:
        lines[offense] = lines[offense] + "EXTRA-TEXT"
    path = tmp_path / "month.txt"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("ascii"))
    before = store.count(SearchFilter())
    store.close()

    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"line {offense + 1}" in out.lower() and (f"says {length:04d}" in out)

    assert main(["import", str(path)]) == 2
    printed = capsys.readouterr()
    assert f"line {offense + 1}" in printed.out and "nothing of" in printed.out
    from desktop.store.service import Store

    again = Store.open(store.db.data_dir)
    try:
        assert again.count(SearchFilter()) == before  # no report of the file, and no fragment as a new incident
    finally:
        again.close()

    out_dir = tmp_path / "xml"
    assert main(["convert", str(path), "--to", "xml", "--out", str(out_dir)]) == 1
    printed = capsys.readouterr()
    assert "NOT CONVERTED" in printed.out and f"line {offense + 1}" in printed.out


def test_the_fbi_sample_whose_arrestee_line_lacks_only_unread_positions_still_reads(capsys):
    """NIBRS_Test_Sample.txt writes its Arrestee segment in 80 of its 110 characters: every field read is there,
    only the old window fields (81-110) are missing, so it is a whole segment."""
    from testpaths import DATA

    assert main(["validate", str(DATA / "flat" / "NIBRS_Test_Sample.txt")]) == 0
    assert "0 errors" in capsys.readouterr().out


def test_a_line_trimmed_of_blanks_that_were_fields_is_cut_off():
    [admin, *rest] = flatfile.segment_lines(m.Submission(report=simple_incident(), action="I", year=2025, month=3))
    text = "\r\n".join([admin.rstrip(), *rest]) + "\r\n"
    [sub] = flatfile.read_flat_text(text, name="trimmed.txt")
    [finding] = [f for f in sub.findings if f.element == "segment_length"]
    assert finding.error == "178" and "line 1" in finding.message.lower() and "cut off" in finding.message
