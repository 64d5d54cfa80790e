"""The FBI Error Data Set: its layout (spec 2019.1 Table 5-1 / Figure 6-9), writer and reader."""

from __future__ import annotations

import io
from datetime import date

import pytest

from desktop.nibrs import eds
from desktop.nibrs.findings import Finding

# Table 5-1, as printed in the specification.
TABLE_5_1 = [
    ("year", 1, 4), ("month", 5, 6), ("record", 7, 13), ("action", 14, 14), ("ori", 15, 23),
    ("incident", 24, 35), ("segment_level", 36, 36), ("offense_code", 37, 39), ("sequence", 40, 42),
    ("loss_type", 43, 43), ("data_element", 44, 46), ("error", 47, 49), ("value", 50, 61),
    ("message", 62, 140), ("unused", 141, 146),
]


def test_the_layout_is_table_5_1():
    assert [(f.name, f.start, f.end) for f in eds.FIELDS] == TABLE_5_1
    assert eds.RECORD_LENGTH == 146


def sample() -> eds.EdsRecord:
    return eds.EdsRecord(year=2019, month=7, record=600, action="I", ori="HI0020000", incident="19170682-1",
                         segment_level="4", sequence=1, data_element="26", error="410", value="3025",
                         message="FIRST AGE MUST BE LESS THAN SECOND FOR AGE RANGE")


def test_a_record_has_its_fields_where_the_fbi_puts_them():
    line = eds.format_record(sample())
    assert len(line) == 146
    assert line[0:6] == "201907"
    assert line[6:13] == "0000600"  # "when the 600th record has an invalid value ... 0000600"
    assert line[13] == "I" and line[14:23] == "HI0020000" and line[23:35] == "19170682-1  "
    assert line[35] == "4" and line[36:39] == "   " and line[39:42] == "001" and line[42] == " "
    assert line[43:46] == "26 " and line[46:49] == "410" and line[49:61] == "3025        "
    assert line[61:140].rstrip() == "FIRST AGE MUST BE LESS THAN SECOND FOR AGE RANGE"
    assert line[140:] == " " * 6


def test_records_read_back_as_written():
    records = [sample(), eds.EdsRecord(year=2019, month=7, record=12, action="I", ori="HI0020000",
                                       incident="19050804-1", segment_level="2", offense_code="13A",
                                       data_element="9", error="205", value="58", message="X" * 100),
               eds.trailer(2019, 7, date(2026, 1, 2))]
    buf = io.StringIO()
    assert eds.write_records(records, buf) == 3
    back = eds.read_records_text(buf.getvalue())
    assert [r.line for r in back] == [1, 2, 3]
    assert [dataclass_without_line(r) for r in back[:1]] == [dataclass_without_line(records[0])]
    assert back[1].message == "X" * 79  # cut to the field
    assert back[2].is_trailer and back[2].processed_on == date(2026, 1, 2)
    assert back[2].message == "NIBRS DESK CHECKED SUBMISSION ON 01/02/2026"
    assert not back[0].is_trailer and back[0].processed_on is None


def dataclass_without_line(r: eds.EdsRecord) -> tuple:
    import dataclasses

    return tuple(v for k, v in dataclasses.asdict(r).items() if k != "line")


def test_the_reader_takes_files_as_they_come_back():
    """LF or CRLF, trailing blanks trimmed, blank lines, an old 147-byte record with FLOPPY, a BOM."""
    line = eds.format_record(sample())
    fbi_trailer = eds.format_record(eds.EdsRecord(year=2019, month=7, ori="999999999",
                                                  message="FBI processed submission on 08/03/2019"))
    text = "\ufeff" + line.rstrip() + "\n\n" + line[:140] + "FLOPPY " + "\r\n" + fbi_trailer + "\r\n"
    records = list(eds.iter_records(io.BytesIO(text.encode("utf-8")), name="back.eds"))
    assert [r.error for r in records] == ["410", "410", ""]
    assert records[1].unused == "FLOPPY"
    assert records[2].is_trailer and records[2].processed_on == date(2019, 8, 3)
    assert [r.line for r in records] == [1, 3, 4]


@pytest.mark.parametrize("data, words", [
    (b"2019070000600IHI0020000\x00\x01binary", "position 24"),
    ("cut", "ends before the error number"),
    ("month", "month of submission"),
])
def test_what_is_not_an_eds_names_the_file_and_line(tmp_path, data, words):
    line = eds.format_record(sample()).encode()
    data = {"cut": line[:48], "month": line[:4] + b"XX" + line[6:]}.get(data, data)
    path = tmp_path / "bad.eds"
    path.write_bytes(eds.format_record(sample()).encode() + b"\r\n" + data + b"\r\n")
    with pytest.raises(eds.EdsError) as exc:
        list(eds.iter_records(path))
    assert f"{path}, line 2" in str(exc.value) and words in str(exc.value)
    assert exc.value.line == 2


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(eds.EdsError, match="nothing.eds: cannot be opened"):
        list(eds.iter_records(tmp_path / "nothing.eds"))


def test_a_finding_becomes_a_record():
    f = Finding(error="406", severity="error", message="Injury 'M' is entered twice.", segment="victim",
                element="33", value="M", ori="WVNDX0100", incident="25-000001", segment_level="4", record=3,
                action="I", sequence="001")
    rec = eds.from_finding(f, year=2025, month=3, message="ERROR - DUPLICATE VALUE = [value]", data_element="33")
    assert rec.message == "ERROR - DUPLICATE VALUE = M"
    assert (rec.year, rec.month, rec.record, rec.sequence, rec.error) == (2025, 3, 3, 1, "406")
    with pytest.raises(ValueError, match="three positions"):
        eds.from_finding(Finding(error="1220", severity="warning", message="w"), year=2025, month=3, message="W")


# ---------------------------------------------------------------------------- exactly as the FBI writes it
def _fbi_record(**fields) -> str:
    """One EDS line put together by hand from Table 5-1 / Figure 6-9: each field at its positions."""
    out = [" "] * 146
    for name, start, end in TABLE_5_1:
        text = fields.get(name, "")
        width = end - start + 1
        assert len(text) <= width
        out[start - 1:end] = list(text.ljust(width))
    return "".join(out)


def test_validate_writes_the_fbis_layout_golden(tmp_path):
    """A victim of type B with an offender number to be related (00): 458 on DE 34, its value 00, the FBI's
    message with straight quotes, every field where Figure 6-9 puts it."""
    from validate_helpers import lines_of, run_cli, write
    from nibrs_samples import simple_incident
    from desktop.nibrs.model import Relationship

    inc = simple_incident()
    v = inc.victims[0]
    v.victim_type, v.age, v.sex, v.race, v.ethnicity, v.resident_status, v.injuries = "B", None, None, None, \
        None, None, []
    v.relationships = [Relationship(offender_number=0, relationship=None)]
    path = write(tmp_path / "eds.txt", lines_of(inc, year=2025, month=3))
    proc = run_cli("validate", "--format", "eds", "--today", "2026-01-02", str(path))
    assert proc.returncode == 1, proc.stderr
    lines = proc.stdout.encode("ascii").decode("ascii").splitlines()  # nothing but ASCII
    assert all(len(line) == 146 for line in lines)
    golden = _fbi_record(year="2025", month="03", record="0000003", action="I", ori="WVNDX0100",
                         incident="25-000001", segment_level="4", sequence="001", data_element="34", error="458",
                         value="00", message='VICTIM TYPE (25) MUST BE "I" OR "L" FOR DATA TO BE ENTERED')
    assert golden in lines, "\n".join(line for line in lines if "458" in line[46:49])
    assert lines[-1] == _fbi_record(year="2025", month="03", ori="999999999",
                                    message="NIBRS DESK CHECKED SUBMISSION ON 01/02/2026")


@pytest.mark.parametrize("text, ascii_", [
    ("REPORT INDICATOR MUST BE BLANK OR “R”", 'REPORT INDICATOR MUST BE BLANK OR "R"'),
    ("VICTIM’S AGE MUST BE LESS THAN 18", "VICTIM'S AGE MUST BE LESS THAN 18"),
    ("MUST BE POPULATED WITH A VALID DATA VALUE–MANDATORY FIELD",
     "MUST BE POPULATED WITH A VALID DATA VALUE-MANDATORY FIELD"),
    ("MUST BE PRESENT—MANDATORY FIELD", "MUST BE PRESENT-MANDATORY FIELD"),
    ("Café…", "Cafe..."),
])
def test_the_fbis_typographic_quotes_and_dashes_are_written_as_ascii(text, ascii_):
    rec = eds.EdsRecord(year=2025, month=3, record=1, error="151", message=text)
    line = eds.format_record(rec)
    assert line.isascii() and "?" not in line
    assert line[61:140].rstrip() == ascii_


def test_every_fbi_message_of_the_catalogue_is_written_without_question_marks():
    from desktop.nibrs.rules import catalogue

    for e in catalogue.entries():
        if e.title and "?" not in e.title:
            line = eds.format_record(eds.EdsRecord(year=2025, month=3, error=e.number[-3:], message=e.title))
            assert "?" not in line, (e.number, e.title)


def test_the_value_in_error_is_written_as_the_element_is_in_the_file():
    f = Finding(error="458", severity="error", message="m", element="34", value="0", record=3)
    assert eds.from_finding(f, year=2025, month=3).value == "00"
    f = Finding(error="451", severity="error", message="m", element="23", value="1", record=3)
    assert eds.from_finding(f, year=2025, month=3).value == "001"
    f = Finding(error="410", severity="error", message="m", element="26", value="3025", record=3)
    assert eds.from_finding(f, year=2025, month=3).value == "3025"
    f = Finding(error="355", severity="error", message="m", element="17", value="6", record=3)  # the loss type
    assert eds.from_finding(f, year=2025, month=3).value == "6"
