"""``nibrs-desk convert``: flat files to XML documents and back, with every refusal named."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from datetime import date

import pytest
from lxml import etree

from testpaths import DATA, REPO, shared_path
from desktop.cli import main
from desktop.nibrs import model as m
from desktop.nibrs.flatfile import read_flat, write_flat
from desktop.nibrs.xmlio import read_manifest, read_xml, schema_errors
from flat_helpers import lines_of, put, text_of
from nibrs_samples import group_b_sample, simple_incident, zero_report_sample

FLAT = DATA / "flat"
XML = DATA / "xml"


def convert(*args) -> int:
    return main(["convert", *map(str, args)])


def test_flat_to_xml_writes_one_valid_document_per_report_with_a_manifest(tmp_path, capsys):
    out = tmp_path / "out"
    assert convert(FLAT / "Flatfile-XML_Test_2.txt", FLAT / "NIBRS_Test_Sample.txt", "--to", "xml", "--out", out) == 0
    text = capsys.readouterr().out
    assert "converted 2, not converted 0, unreadable inputs 0" in text
    for stem, source in (("Flatfile-XML_Test_2", "Flatfile-XML_Test_2.txt"), ("NIBRS_Test_Sample", "NIBRS_Test_Sample.txt")):
        [entry] = read_manifest(out / stem / "manifest.csv")
        assert entry.file == f"{stem}_000001.xml"
        data = (out / stem / entry.file).read_bytes()
        assert not schema_errors(etree.fromstring(data))
        [flat] = read_flat(FLAT / source)
        [back] = read_xml(data)
        assert back.report.incident_number == flat.report.incident_number
        assert len(back.report.victims) == len(flat.report.victims)


def test_xml_to_flat_and_back(tmp_path, capsys):
    out = tmp_path / "out"
    assert convert(XML, "--to", "flat", "--out", out, "--name", "month.txt") == 0
    assert "converted 7, not converted 0" in capsys.readouterr().out
    subs = list(read_flat(out / "month.txt", today=date(2030, 1, 1)))
    # the replace sample becomes a delete and the incident again
    assert [(s.kind, s.action) for s in subs] == [
        ("incident", "I"), ("incident", "I"), ("incident", "D"), ("incident", "I"), ("group_b", "D"),
        ("group_b", "A"), ("incident", "D"), ("zero_report", "A")]
    assert subs[0].report == read_xml(XML / "nibrs_AllFields_Sample.xml")[0].report
    # and the flat file converts back to documents
    again = tmp_path / "again"
    assert convert(out / "month.txt", "--to", "xml", "--out", again) == 0
    assert len(read_manifest(again / "month" / "manifest.csv")) == 8


def test_records_that_cannot_be_represented_are_named_and_exit_1(tmp_path, capsys):
    good = lines_of(simple_incident("25-000001"))
    city = [put(line, 13, "GAA7") for line in lines_of(simple_incident("25-000002"))]
    bad_date = lines_of(simple_incident("25-000003"))
    bad_date[0] = put(bad_date[0], 38, "20251340")
    zero_other_month = lines_of(zero_report_sample(), action="A")  # zero report for 02/2016, sent 03/2025
    source = tmp_path / "month.txt"
    source.write_text(text_of(good, city, bad_date, zero_other_month, lines_of(group_b_sample(), action="A")))
    out = tmp_path / "out"
    assert convert(source, "--to", "xml", "--out", out) == 1
    text = capsys.readouterr().out
    assert f"{source}, line 5 (record 5): NOT CONVERTED: Group A incident WVNDX0100 25-000002: city indicator" in text
    assert f"{source}, line 9 (record 9): NOT CONVERTED: Group A incident WVNDX0100 25-000003: incident_date " \
           "holds '20251340' (line 9), which could not be read" in text
    assert f"{source}, line 13 (record 13): NOT CONVERTED: zero report WVNDX0100 2016-02: the zero report is for " \
           "2/2016 but the month of submission is 3/2025" in text
    assert "converted 2, not converted 3" in text
    entries = read_manifest(out / "month" / "manifest.csv")
    assert [(e.report, e.number) for e in entries] == [("GROUP A INCIDENT REPORT", "25-000001"),
                                                      ("GROUP B ARREST REPORT", "12345/1")]


def test_reader_findings_are_reported_on_the_way(tmp_path, capsys):
    admin, offense, victim, offender = lines_of(simple_incident())
    source = tmp_path / "f.txt"
    source.write_text(text_of([admin, offense, offender, victim]))
    assert convert(source, "--to", "xml", "--out", tmp_path / "out") == 0
    text = capsys.readouterr().out
    assert f"{source}, line 4 (record 4): error 050:" in text and "findings 1" in text


def test_the_fbi_edits_can_be_run_on_the_way(tmp_path, capsys):
    inc = simple_incident()
    inc.exceptional_clearance_date = date(2025, 3, 20)  # with cleared exceptionally N: FBI edit 153
    source = tmp_path / "f.txt"
    write_flat([m.Submission(inc, "I", 2025, 3)], source)
    assert convert(source, "--to", "xml", "--out", tmp_path / "out", "--check") == 0
    assert "error 153" in capsys.readouterr().out


def test_an_unreadable_file_exits_2_and_the_others_are_still_converted(tmp_path, capsys):
    broken = tmp_path / "broken.txt"
    broken.write_bytes(text_of(lines_of(simple_incident())).encode() + b"\x00\x01garbage\r\n")
    out = tmp_path / "out"
    assert convert(broken, FLAT / "Flatfile-XML_Test_1.txt", tmp_path / "missing.txt", "--to", "xml", "--out", out) == 2
    captured = capsys.readouterr()
    assert f"{broken}, line 5: position 1 holds a NUL byte" in captured.err
    assert "nothing was converted from this file" in captured.err and "missing.txt: no such file" in captured.err
    assert not (out / "broken").exists() and not list(out.glob(".*"))
    assert (out / "Flatfile-XML_Test_1" / "manifest.csv").exists()


def test_hostile_xml_exits_2_without_reading_the_entity(tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4410")
    hostile = (XML / "nibrs_GroupBArrest_Sample.xml").read_bytes().replace(
        b"<nibrs:Submission", f'<!DOCTYPE x [<!ENTITY s SYSTEM "file://{secret}">]><nibrs:Submission'.encode(), 1
    ).replace(b">12345<", b">&s;<")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hostile.xml").write_bytes(hostile)
    shutil.copy(XML / "nibrs_ZeroReport_Sample.xml", tmp_path / "in")
    assert convert(tmp_path / "in", "--to", "flat", "--out", tmp_path / "out") == 2
    captured = capsys.readouterr()
    assert "hostile.xml: the document carries a DOCTYPE" in captured.err
    assert "TOP-SECRET" not in captured.out + captured.err
    assert "TOP-SECRET" not in (tmp_path / "out" / "nibrs-converted.txt").read_text()


def test_a_zip_of_documents_is_read(tmp_path, capsys):
    archive = tmp_path / "month.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for p in sorted(XML.glob("*.xml")):
            z.write(p, f"month/{p.name}")
        z.writestr("month/manifest.csv", "file,report\r\n")
    assert convert(archive, "--to", "flat", "--out", tmp_path / "out") == 0
    assert "converted 7" in capsys.readouterr().out


def test_existing_output_is_not_replaced_without_overwrite(tmp_path, capsys):
    out = tmp_path / "out"
    assert convert(XML / "nibrs_ZeroReport_Sample.xml", "--to", "flat", "--out", out) == 0
    assert convert(XML / "nibrs_ZeroReport_Sample.xml", "--to", "flat", "--out", out) == 2
    assert "is not empty" in capsys.readouterr().err  # a folder with anything in it needs --overwrite
    assert convert(XML / "nibrs_ZeroReport_Sample.xml", "--to", "flat", "--out", out, "--overwrite") == 0


def test_convert_runs_from_the_command_line(tmp_path):
    out = subprocess.run([sys.executable, "-m", "desktop", "convert", str(XML / "nibrs_GroupBArrest_Sample.xml"),
                          "--to", "flat", "--out", str(tmp_path)], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "nibrs_GroupBArrest_Sample.txt").read_bytes().startswith(b"00667A022016    WVNDX0100")
    out = subprocess.run([sys.executable, "-m", "desktop", "convert", "x.txt"], capture_output=True, text=True,
                         cwd=REPO, timeout=60)
    assert out.returncode == 2 and "--to" in out.stderr


@pytest.mark.volume
def test_a_real_monthly_file_converts_to_xml(tmp_path, capsys):
    path = shared_path("nibrs", "samples", "flat", "realistic-unverified", "VTUCR0001_20200420_NIBRS_010.txt")
    assert convert(path, "--to", "xml", "--out", tmp_path) == 1  # three incidents use property code 99
    text = capsys.readouterr().out
    refused = [line for line in text.splitlines() if "NOT CONVERTED" in line]
    assert len(refused) == 3 and all("ItemCategoryNIBRSPropertyCategoryCode" in r and "'99'" in r for r in refused)
    entries = read_manifest(tmp_path / path.stem / "manifest.csv")
    assert len(entries) == 1789
