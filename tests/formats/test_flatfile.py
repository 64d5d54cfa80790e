"""The NIBRS flat file: reading real and hand-made files, writing, and what malformed input gives."""

from __future__ import annotations

import io
import random
from datetime import date
from decimal import Decimal

import pytest

from testpaths import DATA, shared_path
from desktop.nibrs import model as m
from desktop.nibrs.dictionary import dictionary
from desktop.nibrs.flatfile import (
    READER_ERRORS, FlatFileError, FlatFileReader, FlatWriteError, dumps, read_flat, segment_lines, write_flat,
)
from flat_helpers import lines_of, model_values, put, read, reference_values, text_of
from nibrs_samples import allfields_incident, group_b_sample, simple_incident, zero_report_sample

FLAT = DATA / "flat"
REAL = ("VTUCR0001_20200420_NIBRS_010.txt", "honolulupdNIBRSReport-2019-05.txt")


def all_segments(sub: m.Submission):
    r = sub.report
    return list(r.segments()) if isinstance(r, m.GroupAIncident) else [r]


def errors(subs) -> list[str]:
    return [f.error for s in subs for f in s.findings]


# ---------------------------------------------------------------------------- the FBI's small samples
def test_reads_the_hawaii_sample_field_by_field():
    subs = list(read_flat(FLAT / "Flatfile-XML_Test_1.txt"))
    assert len(subs) == 1
    sub = subs[0]
    assert (sub.action, sub.year, sub.month, sub.city_indicator) == ("I", 2019, 11, None)
    inc = sub.report
    assert isinstance(inc, m.GroupAIncident)
    assert (inc.ori, inc.incident_number, inc.incident_date, inc.incident_hour) == \
        ("HI0020000", "19263469-1", date(2019, 7, 13), 14)
    assert (inc.cleared_exceptionally, inc.cargo_theft, inc.report_date_indicator) == ("N", "N", None)
    [offense] = inc.offenses
    assert (offense.offense_code, offense.attempted_completed, offense.suspected_using, offense.location_type,
            offense.method_of_entry, offense.bias_motivations) == ("220", "C", ["N"], "20", "F", ["88"])
    stolen, recovered = inc.properties
    assert stolen.loss_type == "7" and recovered.loss_type == "5"
    assert [(i.description, i.value) for i in stolen.items][:3] == [("21", 53200), ("17", 1607), ("75", 200)]
    assert recovered.items[0].date_recovered == date(2019, 7, 13)
    [victim] = inc.victims
    assert (victim.sequence_number, victim.offense_codes, victim.victim_type, victim.age, victim.sex) == \
        (1, ["220"], "I", "74", "M")
    assert [(r.offender_number, r.relationship) for r in victim.relationships] == [(1, "RU")]
    [offender] = inc.offenders
    assert (offender.sequence_number, offender.age, offender.sex, offender.race, offender.ethnicity) == \
        (1, "29", "M", "B", "N")
    assert not sub.findings
    assert victim.source.line == 5 and victim.source.record == 5 and victim.source.path.endswith("Test_1.txt")


@pytest.mark.parametrize("name", sorted(p.name for p in FLAT.glob("*.txt")))
def test_small_samples_read_cleanly_and_write_back(name):
    path = FLAT / name
    reader = FlatFileReader(path)
    subs = list(reader)
    assert subs and not errors(subs) and not reader.findings
    assert reader.segments == reader.records == sum(1 for line in open(path, newline="") if line.strip())
    again = read(dumps(subs))
    assert [s.report for s in again] == [s.report for s in subs]
    assert [(s.action, s.year, s.month) for s in again] == [(s.action, s.year, s.month) for s in subs]


def test_drug_quantities_and_arrestee_of_the_drug_sample():
    [sub] = read_flat(FLAT / "NIBRS_Test_Sample.txt")
    inc = sub.report
    [seized] = inc.properties
    assert seized.loss_type == "6"
    assert [i.description for i in seized.items] == ["25", "10", "20", "77", "06"]
    [arrestee] = inc.arrestees
    assert (arrestee.arrest_transaction_number, arrestee.arrest_date, arrestee.arrest_type,
            arrestee.arrest_offense_code, arrestee.armed_with) == ("4053D19", date(2019, 5, 1), "T", "35A", ["01"])


# ---------------------------------------------------------------------------- the reader agrees with values.from_flat
def _check_against_reference(subs):
    checked = 0
    for sub in subs:
        for seg in all_segments(sub):
            expected = reference_values(seg.KIND, seg.source.text)
            got = model_values(seg)
            for key, value in expected.items():
                assert got[key] == value, (seg.source.line, key)
                checked += 1
    return checked


def test_every_field_of_the_samples_matches_an_independent_reading():
    subs = [s for p in sorted(FLAT.glob("*.txt")) for s in read_flat(p)]
    assert _check_against_reference(subs) > 400


@pytest.mark.parametrize("kind", ["zero_report", "incident", "offense", "property", "victim", "offender",
                                  "arrestee", "group_b"])
def test_random_segments_read_as_values_from_flat_reads_them(kind):
    """Fuzz: random digits, letters and blanks in every position read as the reference reading says."""
    rng = random.Random(f"nibrs-{kind}")
    seg = dictionary().segments[kind]
    alphabet = "0123456789" * 4 + "ABCZ-" + " " * 12
    for _ in range(300):
        body = "".join(rng.choice(alphabet) for _ in range(seg.length - 37))
        line = f"{seg.length:04d}{seg.level}I032025    WVNDX0100{'25-0000001':<12}" + body
        [sub] = read(text_of([line]))
        segments = all_segments(sub)
        got = next(s for s in segments if s.KIND == kind)
        invalid: dict = {}
        expected = reference_values(kind, line, invalid)
        values = model_values(got)
        for key, value in expected.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                assert [{k: v for k, v in row.items()} for row in values[key]] == value, key
            else:
                assert values[key] == value, (key, line)
        assert {k: v for k, v in got.invalid.items() if k in invalid} == invalid


# ---------------------------------------------------------------------------- the two real monthly files
@pytest.mark.volume
@pytest.mark.parametrize("name", REAL)
def test_real_monthly_file_reads_to_the_end_and_every_segment_comes_back(name, tmp_path):
    path = shared_path("nibrs", "samples", "flat", "realistic-unverified", name)
    reader = FlatFileReader(path, today=date(2025, 1, 1))
    subs = list(reader)
    originals = [line.rstrip("\r\n") for line in open(path, newline="") if line.strip()]
    assert reader.segments == reader.records == len(originals)
    assert not reader.findings and not errors(subs)
    out = tmp_path / "out.txt"
    assert write_flat(subs, out) == len(originals)
    written = out.read_bytes().decode("ascii").split("\r\n")
    assert written[-1] == ""
    written = written[:-1]
    short_forms = 0
    for old, new in zip(originals, written, strict=True):
        declared = int(old[:4])
        assert new[4:declared] == old[4:].ljust(declared - 4)[:declared - 4], old
        assert not new[declared:].strip()
        short_forms += declared != len(new)
    if name.startswith("VT"):
        assert short_forms > 1000  # the Vermont file mixes 63/87/129/45 with the long forms
    again = list(read_flat(out))
    assert [s.report for s in again] == [s.report for s in subs]
    assert _check_against_reference(subs[:400]) > 5000


@pytest.mark.volume
def test_vermont_file_has_every_level_and_action():
    path = shared_path("nibrs", "samples", "flat", "realistic-unverified", REAL[0])
    seen = set()
    for sub in read_flat(path, today=date(2025, 1, 1)):
        seen.add((sub.kind, sub.action))
        if sub.kind == "zero_report":
            assert sub.report.year == 2020 and sub.report.month == 4
    assert seen == {("incident", "I"), ("incident", "D"), ("group_b", "A"), ("group_b", "D"),
                    ("zero_report", "A")}


# ---------------------------------------------------------------------------- leniency
def test_short_forms_trailing_blanks_blank_lines_and_line_ends():
    admin, offense, victim, offender = lines_of(simple_incident())
    short_admin = "0087" + admin[4:87]
    short_offense = "0063" + offense[4:63]
    short_victim = "0129" + victim[4:129]
    short_offender = "0045" + offender[4:45]
    text = ("\n" + short_admin + "\r\n" + short_offense + "\n\n   \r\n" + short_victim + "\n"
            + short_offender)
    reader = FlatFileReader(io.BytesIO(text.encode()), name="mixed.txt")
    [sub] = list(reader)
    assert not sub.findings
    expected = simple_incident()
    expected.offenders[0].ethnicity = None  # the 45-character offender segment has no ethnicity
    assert sub.report == expected
    inc = sub.report
    assert [s.source.line for s in inc.segments()] == [2, 3, 6, 7]
    assert [s.source.record for s in inc.segments()] == [1, 2, 3, 4]
    assert (reader.lines, reader.records, reader.segments) == (7, 4, 4)
    rewritten = segment_lines(sub)
    assert [len(x) for x in rewritten] == [88, 71, 141, 46]
    assert rewritten[1][:63] == "0071" + short_offense[4:] and not rewritten[1][63:].strip()


def test_a_leading_byte_order_mark_and_a_dos_end_of_file_mark_are_tolerated():
    text = text_of(lines_of(zero_report_sample(), action="A", year=2016, month=3))
    data = b"\xef\xbb\xbf" + text.encode() + b"\x1a"
    [sub] = read_flat(io.BytesIO(data), name="bom.txt")
    assert sub.report == zero_report_sample() and not sub.findings


def test_blank_slots_between_repeated_values_are_written_back_where_they_were():
    inc = simple_incident()
    admin, offense, victim, offender = lines_of(inc)
    victim = put(victim, 90, " " * 8)  # no relationship in the first two slots
    victim = put(victim, 98, "01BG")
    offense = put(offense, 53, "40 " + "   " + "90 ")  # weapons with a blank slot
    [sub] = read(text_of([admin, offense, victim, offender]))
    assert sub.report.offenses[0].weapons == ["40", "90"]
    assert [r.relationship for r in sub.report.victims[0].relationships] == ["BG"]
    assert segment_lines(sub) == [admin, offense, victim, offender]
    # once the lists change, the values are packed again
    sub.report.offenses[0].weapons.append("95")
    assert segment_lines(sub)[1][52:61] == "40 90 95 "


def test_values_that_cannot_be_read_are_kept_and_unknown_codes_stay():
    admin, offense, victim, offender = lines_of(simple_incident())
    admin = put(admin, 38, "20161340")  # no 40th day
    admin = put(admin, 47, "2X")
    offense = put(offense, 38, "ZZZ")
    victim = put(victim, 90, "0XBG")
    [sub] = read(text_of([admin, offense, victim, offender]))
    inc = sub.report
    assert inc.incident_date is None and inc.invalid == {"incident_date": "20161340", "incident_hour": "2X"}
    assert inc.offenses[0].offense_code == "ZZZ"
    rel = inc.victims[0].relationships[0]
    assert rel.offender_number is None and rel.invalid == {"offender_number": "0X"} and rel.relationship == "BG"
    assert not sub.findings  # value problems are the validator's to report
    assert segment_lines(sub) == [admin, offense, victim, offender]  # and nothing is lost on the way back


def test_deprecated_window_fields_are_kept_when_not_blank():
    admin, offense, victim, offender = lines_of(simple_incident())
    admin = put(admin, 58, "13B")
    [sub] = read(text_of([admin, offense, victim, offender]))
    assert sub.report.invalid == {"clearance_offense_codes": "13B"}
    assert segment_lines(sub)[0] == admin


def test_reading_is_streamed():
    one = text_of(lines_of(simple_incident()))
    data = (one * 20000).encode()

    class Counting(io.BytesIO):
        consumed = 0

        def read(self, n=-1):
            out = super().read(n)
            Counting.consumed += len(out)
            return out

        def read1(self, n=-1):
            out = super().read1(n)
            Counting.consumed += len(out)
            return out

        def readinto(self, b):
            got = super().readinto(b)
            Counting.consumed += got
            return got

    subs = read_flat(Counting(data), name="big.txt")
    first = next(subs)
    assert first.report == simple_incident()
    assert Counting.consumed < len(data) // 10
    assert sum(1 for _ in subs) == 19999


# ---------------------------------------------------------------------------- structure findings
def _one_error(subs_or_findings, number):
    found = [f for f in subs_or_findings if f.error == number]
    assert found, f"no {number} in {[f.error for f in subs_or_findings]}"
    return found[0]


@pytest.mark.parametrize("level_line,length,number", [
    (0, "0090", "178"), (1, "0064", "284"), (2, "0130", "484"), (3, "0044", "584"), (0, "00X8", "178"),
])
def test_segment_lengths_that_are_not_allowed(level_line, length, number):
    lines = lines_of(simple_incident())
    lines[level_line] = length + lines[level_line][4:]
    [sub] = read(text_of(lines))
    f = _one_error(sub.findings, number)
    assert f.element == "segment_length" and f.value == length and f.record == level_line + 1
    assert "Line" in f.message and f.file == "test.txt"
    assert sub.report == simple_incident()  # the segment is still read, in its long form


def test_wrong_lengths_of_levels_without_their_own_error_number_are_x01():
    inc = allfields_incident()
    lines = lines_of(inc)
    prop = next(i for i, x in enumerate(lines) if x[4] == "3")
    arrestee = next(i for i, x in enumerate(lines) if x[4] == "6")
    lines[prop] = "0300" + lines[prop][4:]
    lines[arrestee] = "0111" + lines[arrestee][4:]
    zero = lines_of(zero_report_sample(), action="A")[0]
    group_b = lines_of(group_b_sample(), action="A")[0]
    subs = read(text_of(lines, ["0044" + zero[4:]], ["0067" + group_b[4:]]))
    assert sorted(errors(subs)) == ["001", "301", "601", "701"]
    prop_finding = _one_error(subs[0].findings, "301")
    assert prop_finding.path == "properties[0]" and prop_finding.loss_type == "1"


def test_unknown_segment_level_is_051():
    admin, offense, victim, offender = lines_of(simple_incident())
    texas_level_8 = "0050" + "8" + admin[5:37] + "Y" * 13
    stray = "00509I032025    WVNDX0100OTHER-NUMBER" + " " * 13
    reader = FlatFileReader(io.BytesIO(text_of([admin, offense, texas_level_8, victim, offender, stray]).encode()),
                            name="t.txt")
    [sub] = list(reader)
    f = _one_error(sub.findings, "051")  # same incident: the finding goes with it
    assert f.value == "8" and f.record == 3 and f.incident == "25-000001"
    [orphan] = reader.findings  # belongs to no report
    assert orphan.error == "051" and orphan.value == "9" and orphan.record == 6 and orphan.incident == "OTHER-NUMBER"
    assert sub.report == simple_incident()


def test_levels_out_of_order_is_050():
    admin, offense, victim, offender = lines_of(simple_incident())
    [sub] = read(text_of([admin, offense, offender, victim]))
    f = _one_error(sub.findings, "050")
    assert f.path == "victims[0]" and f.segment == "victim" and f.record == 4 and f.sequence == "001"
    assert sub.report == simple_incident()


def test_incident_segments_without_administrative_segment_first_is_055():
    admin, offense, victim, offender = lines_of(simple_incident())
    other = lines_of(simple_incident("25-000002"))
    subs = read(text_of([admin, offense], other[1:], [victim, offender]))
    assert [s.report.incident_number for s in subs] == ["25-000001", "25-000002", "25-000001"]
    assert errors(subs) == ["055", "055"]
    orphan = subs[1].report
    assert orphan.incident_date is None and len(orphan.offenses) == 1 and len(orphan.victims) == 1
    # a delete takes no other segments: what follows it begins a new, headless, incident
    delete = lines_of(simple_incident(), action="D")
    subs = read(text_of(delete, [offense]))
    assert [s.action for s in subs] == ["D", "I"] and errors(subs) == ["055"]


def test_submission_month_state_and_future_checks_058_059_060():
    first = lines_of(simple_incident("A-1"), year=2025, month=3)
    other_month = lines_of(simple_incident("A-2"), year=2025, month=4)
    other_state = lines_of(simple_incident("A-3", ori="MO0950000"))
    subs = read(text_of(first, other_month, other_state), today=date(2025, 3, 31))
    assert errors(subs) == ["058", "060", "059"]  # once per report, on its first segment
    assert subs[1].findings[0].record == 5 and subs[2].findings[0].value == "MO"
    assert not errors(read(text_of(first, other_state), federal=True, today=date(2026, 1, 1)))


def test_action_type_not_valid_for_the_level_is_x01():
    admin, offense, victim, offender = lines_of(simple_incident())
    group_b = lines_of(group_b_sample(), action="A")[0]
    subs = read(text_of([admin, put(offense, 6, "D"), victim, offender], [put(group_b, 6, "I")]))
    assert errors(subs) == ["201", "701"]
    assert subs[0].findings[0].element == "action_type" and subs[0].findings[0].path == "offenses[0]"


def test_month_and_year_of_submission_not_valid_is_x01():
    admin, offense, victim, offender = lines_of(simple_incident())
    [sub] = read(text_of([put(admin, 7, "13"), offense, victim, offender]), today=date(2030, 1, 1))
    assert "101" in errors([sub]) and sub.month is None
    [sub] = read(text_of([put(admin, 9, "20X5")]))
    assert errors([sub])[0] == "101" and sub.year is None


def test_zero_report_checks_090_091_092_094():
    line = lines_of(zero_report_sample(), action="A", year=2016, month=3)[0]
    assert not errors(read(text_of([line])))
    bad = put(put(put(line, 26, "000000000001"), 38, "13"), 40, "20X6")
    [sub] = read(text_of([bad]))
    assert sorted(errors([sub])) == ["090", "091", "092"]
    assert sub.report.invalid == {"zero_identifier": "000000000001", "year": "20X6"}
    assert segment_lines(sub) == [bad]
    later = put(line, 38, "04")
    assert errors(read(text_of([later]))) == ["094"]


def test_every_number_the_reader_raises_is_declared():
    raised = {"001", "050", "051", "055", "058", "059", "060", "090", "091", "092", "094", "101", "178", "201",
              "284", "301", "484", "584", "601", "701"}
    assert raised <= READER_ERRORS


# ---------------------------------------------------------------------------- input that is not a flat file
def test_a_line_cut_off_inside_a_date_raises_naming_file_and_line():
    admin, offense, victim, offender = lines_of(simple_incident())
    text = text_of([admin, offense, victim[:74]])  # stops inside the victim's age? no: inside nothing rigid
    assert read(text)  # a victim line trimmed after the victim type is only short
    cut = text_of([admin, offense, admin[:41]])  # an Administrative segment cut inside its incident date
    with pytest.raises(FlatFileError) as err:
        read(cut)
    assert "test.txt, line 3" in str(err.value) and "cut off" in str(err.value)
    assert err.value.line == 3


def test_a_line_shorter_than_its_ori_raises():
    with pytest.raises(FlatFileError, match=r"test.txt, line 2: .*ends before the end of the ORI"):
        read(text_of(lines_of(zero_report_sample(), action="A"), ["00430A022016    WV"]))


@pytest.mark.parametrize("garbage,what", [
    (b"\x00\x01\x02binary\xff\xfe", "NUL byte"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "0x89, which is not ASCII"),
    ("00430A022016    WVNDX0100000000000000022016 caf\u00e9".encode("utf-8"), "0xC3, which is not ASCII"),
])
def test_binary_or_non_ascii_input_raises(garbage, what, tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(text_of(lines_of(zero_report_sample(), action="A")).encode() + garbage)
    with pytest.raises(FlatFileError) as err:
        list(read_flat(path))
    assert f"{path}, line 2:" in str(err.value) and what in str(err.value)


def test_a_missing_file_raises_naming_it(tmp_path):
    with pytest.raises(FlatFileError, match="nothere.txt: cannot be opened"):
        list(read_flat(tmp_path / "nothere.txt"))


# ---------------------------------------------------------------------------- writing
def test_writer_uses_long_forms_crlf_and_the_month_of_submission(tmp_path):
    subs = [
        m.Submission(allfields_incident(), "I", 2016, 2),
        m.Submission(m.GroupAIncident(ori="WVNDX0100", incident_number="020160005029",
                                      incident_date=date(2016, 2, 16)), "D", 2016, 2),
        m.Submission(group_b_sample(), "A", 2016, 2),
        m.Submission(m.GroupBArrest(ori="WVNDX0100", arrest_transaction_number="12345",
                                    arrest_date=date(2016, 2, 28)), "D", 2016, 2),
        m.Submission(zero_report_sample(), "A", 2016, 3),
        m.Submission(zero_report_sample(), "D", 2016, 3),
    ]
    path = tmp_path / "month.txt"
    count = write_flat(subs, path)
    data = path.read_bytes()
    assert data.isascii() and data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    lines = data.decode().split("\r\n")[:-1]
    assert count == len(lines) == 11 + 1 + 2 + 2
    lengths = {"0": 43, "1": 88, "2": 71, "3": 307, "4": 141, "5": 46, "6": 110, "7": 66}
    for line in lines:
        assert len(line) == lengths[line[4]] == int(line[:4])
    assert [line[4:6] for line in lines] == ["1I", "2I", "3I", "3I", "3I", "3I", "3I", "4I", "4I", "5I", "6I",
                                             "1D", "7A", "7D", "0A", "0D"]
    assert {line[6:12] for line in lines[:-2]} == {"022016"} and lines[-1][6:12] == "032016"
    delete = lines[11]
    assert delete[16:37] == "WVNDX0100020160005029" and delete[37:45] == "20160216" and not delete[45:].strip()
    assert lines[13][25:47] == "12345         20160228" and not lines[13][47:].strip()
    assert lines[14] == "00430A032016    WVNDX0100000000000000022016"
    back = list(read_flat(path, today=date(2025, 1, 1)))
    assert [(s.report, s.action) for s in back] == [(s.report, s.action) for s in subs]
    assert errors(back) == ["058", "058"]  # the zero reports carry another month of submission


def test_replace_is_written_as_delete_then_incident():
    lines = segment_lines(m.Submission(simple_incident(), "R", 2025, 3))
    assert [x[4:6] for x in lines] == ["1D", "1I", "2I", "4I", "5I"]
    lines = segment_lines(m.Submission(group_b_sample(), "R", 2025, 3))
    assert [x[4:6] for x in lines] == ["7D", "7A"]


def test_drug_quantity_is_written_with_three_implied_decimals():
    inc = allfields_incident()
    line = next(x for x in lines_of(inc) if x[4] == "3" and x[37] == "5")
    assert line[232:247] == "X000000001500XX"
    assert read(text_of([x for x in lines_of(inc)]))[0].report.properties[4].drugs[0].quantity == Decimal("1.500")


@pytest.mark.parametrize("change,message", [
    (lambda s: setattr(s.report, "incident_number", "X" * 13), "does not fit in 12"),
    (lambda s: setattr(s.report, "incident_number", "25-\u00e9"), "plain ASCII"),
    (lambda s: setattr(s, "month", None), "month and year of submission are missing"),
    (lambda s: s.report.offenses[0].weapons.extend(["11", "12", "13"]), "at most 3 values"),
    (lambda s: setattr(s.report.victims[0], "sequence_number", "first"), "cannot be written"),
    (lambda s: setattr(s, "action", "A"), "action 'A' cannot be written"),
])
def test_reports_that_cannot_be_written_are_refused_by_name(change, message, tmp_path):
    sub = m.Submission(simple_incident(), "I", 2025, 3)
    change(sub)
    path = tmp_path / "out.txt"
    with pytest.raises(FlatWriteError) as err:
        write_flat([m.Submission(simple_incident("OK-1"), "I", 2025, 3), sub], path)
    assert message in str(err.value) and "WVNDX0100" in str(err.value)
    assert not path.exists() and not list(tmp_path.iterdir())  # nothing half-written


def test_random_garbage_either_reads_or_raises_flat_file_error():
    rng = random.Random("garbage")
    printable = [chr(c) for c in range(0x20, 0x7F)]
    outcomes = {"read": 0, "refused": 0}
    for _ in range(400):
        lines = []
        for _ in range(rng.randint(1, 6)):
            head = f"{rng.choice(['0088', '0071', '0307', '0141', '0046', '0110', '0066', '0043', '9999', 'AB12'])}" \
                   f"{rng.choice('0123456789X ')}{rng.choice('IADRW ')}"
            lines.append(head + "".join(rng.choice(printable) for _ in range(rng.randint(0, 320))))
        try:
            subs = read("\r\n".join(lines))
        except FlatFileError as exc:
            assert "test.txt, line" in str(exc)
            outcomes["refused"] += 1
            continue
        outcomes["read"] += 1
        for sub in subs:
            assert all(f.error in READER_ERRORS for f in sub.findings)
            try:
                segment_lines(sub)
            except FlatWriteError:
                pass
    assert outcomes["read"] and outcomes["refused"]


# ---------------------------------------------------------------------------- the generated parsers
def test_the_generated_parser_prints_and_is_the_code_the_reader_runs():
    import subprocess
    import sys

    from desktop.nibrs.flatfile import flatgen
    from desktop.nibrs.flatfile.layout import layouts

    done = subprocess.run([sys.executable, "-m", "desktop.nibrs.flatfile.flatgen", "victim"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    source = done.stdout
    assert source.startswith("# flat parser for level 4 (victim)\n")
    age = dictionary().element("26")  # positions come from the dictionary
    start = age.placement("victim").flat - 1
    assert f"v_age = body[{start}:{start + age.length}].rstrip() or None" in source
    assert "def row_relationships(chunk):" in source
    # the printed code, run, reads a victim line as the reader's own parser does
    layout = layouts(dictionary()).by_kind["victim"]
    _src, names = flatgen.generate(layout)
    exec(compile(source, "<printed>", "exec"), names)
    line = next(x for x in segment_lines(m.Submission(report=allfields_incident(), action="I", year=2025, month=3))
                if x[4] == "4")
    printed = names["parse"](line, m.SourceRef("x", 1, 1, line))
    assert printed == layout.parse(line, m.SourceRef("x", 1, 1, line)) == allfields_incident().victims[0]
    assert flatgen.parser_source("4") == source  # a level names the same parser


def test_printing_the_parser_of_an_unknown_kind_fails_naming_the_kinds():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "desktop.nibrs.flatfile.flatgen", "vehicle"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert "'vehicle'" in done.stderr and "victim" in done.stderr
