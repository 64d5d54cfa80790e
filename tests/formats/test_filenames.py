"""Submission file names by the FBI's convention."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.nibrs.filenames import SubmissionName, parse_submission_name, submission_name


def test_names_follow_the_convention():
    assert submission_name("VTUCR0001", date(2020, 4, 20), series=10) == "VTUCR0001_20200420_NIBRS_010"
    assert submission_name("TXUCR0001", date(2016, 11, 22), extra="Hate Crime") == "TXUCR0001_20161122_NIBRS_Hate Crime_001"
    assert submission_name("MO0950000", date(2025, 1, 5), extra="  Cargo   Theft ", format="SRS") == \
        "MO0950000_20250105_SRS_Cargo Theft_001"


@pytest.mark.parametrize("kw,message", [
    ({"submitter_id": "mo095"}, "submitter ID"),
    ({"submitter_id": "MO/0950000"}, "submitter ID"),
    ({"series": 0}, "series"),
    ({"series": 1000}, "series"),
    ({"extra": "Hate_Crime"}, "additional information"),
    ({"extra": "../etc"}, "additional information"),
    ({"format": "XML"}, "format"),
])
def test_parts_that_cannot_go_into_a_name_are_refused(kw, message):
    args = {"submitter_id": "MO0950000", "generated": date(2025, 4, 1), **kw}
    with pytest.raises(ValueError, match=message):
        submission_name(**args)


def test_names_parse_back():
    assert parse_submission_name("VTUCR0001_20200420_NIBRS_010.txt") == \
        SubmissionName("VTUCR0001", date(2020, 4, 20), "NIBRS", "", 10)
    name = submission_name("TXUCR0001", date(2016, 11, 22), extra="Hate Crime", series=7)
    assert parse_submission_name(name + ".zip") == SubmissionName("TXUCR0001", date(2016, 11, 22), "NIBRS",
                                                                   "Hate Crime", 7)
    assert parse_submission_name("honolulupdNIBRSReport-2019-05.txt") is None
    assert parse_submission_name("VTUCR0001_20201340_NIBRS_010") is None
