"""A state's own flat-file layout from a profile: written and read, FBI part untouched."""

from __future__ import annotations

import io

from nibrs_samples import simple_incident
from testpaths import DATA
from desktop.nibrs import flatfile
from desktop.nibrs import model as m
from desktop.nibrs.profiles import parse_profile
from desktop.nibrs.state_flat import read_state_flat, state_segment_lines


def test_state_layout_round_trip_and_fbi_part_unchanged(tmp_path):
    zulu = parse_profile(DATA / "profiles" / "zulu.yaml")
    inc = simple_incident()
    inc.extras["zz_case_kind"] = "D"
    inc.offenders[0].extras["zz_weight"] = 185
    sub = m.Submission(report=inc, action="I", year=2025, month=3)
    lines = state_segment_lines(sub, zulu)
    fbi = flatfile.segment_lines(sub)
    admin, offender = lines[0], lines[3]
    assert admin.startswith("0090") and admin[89] == "D" and len(admin) == 90
    assert offender.startswith("0049") and offender[46:49] == "185"
    assert [line[4:fbi_len] for line, fbi_len in zip(lines, map(len, fbi))] == [f[4:] for f in fbi]
    path = tmp_path / "state.txt"
    path.write_text("\r\n".join(lines) + "\r\n")
    back = list(read_state_flat(path, zulu))
    assert len(back) == 1 and back[0].report == inc and back[0].findings == []
    assert "zz_" not in "".join(flatfile.segment_lines(m.Submission(report=back[0].report, action="I",
                                                                    year=2025, month=3)))
