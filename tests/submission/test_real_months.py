"""Done when: the two real monthly flat files, imported and written again as a flat file, give back every segment
(short forms as long forms with the added fields blank); exported as XML, every document is schema-valid.

Slow-ish (a real month is thousands of reports): marked ``volume``; skipped without ../shared."""

from __future__ import annotations

import shutil
import zipfile
from collections import Counter
from datetime import date, datetime

import pytest
from lxml import etree
from testpaths import shared_path

from desktop.nibrs.dictionary import dictionary
from desktop.nibrs.model import Submission
from desktop.nibrs.xmlio import XmlWriteError, schema_errors, to_xml
from desktop.store.service import AgencySettings, SearchFilter, Store
from desktop.store.submissions import describe
from desktop.submission.export import plan_export, run_export
from desktop.submission.importing import import_files
from desktop.submission.months import Month

KINDS = ("incident", "group_b", "zero_report")
REAL = ("nibrs", "samples", "flat", "realistic-unverified")
MONTHS = {
    "VTUCR0001_20200420_NIBRS_010.txt": ("VTUCR0001", Month(2020, 4)),
    "honolulupdNIBRSReport-2019-05.txt": ("HI0020000", Month(2019, 7)),
}


def _long(line: str, lengths: dict[str, int]) -> str:
    """A segment as the writer writes it: the long form, blank-filled, its length field saying so."""
    length = lengths[line[4]]
    return (f"{length:04d}" + line[4:]).ljust(length)


def _key(line: str) -> tuple[str, str]:
    return line[16:25], line[25:37].rstrip()


@pytest.mark.volume
@pytest.mark.parametrize("name", sorted(MONTHS))
def test_a_real_month_imported_and_written_again(data_dir, tmp_path, name):
    path = shared_path(*REAL, name)
    ori, month = MONTHS[name]
    store = Store.open(data_dir)
    store.save_agency(AgencySettings(ori=ori, name="Real month"))
    (result,), problems = import_files(store, [str(path)], status="approved")
    assert problems == [] and result.error == ""
    assert result.count("imported") > 1000
    # every report the file holds is kept, drafts (FBI errors) and all; the office approves them as they are
    for row in store.search(SearchFilter(status=("draft", "ready"), kinds=KINDS), limit=None):
        store.set_status(row.kind, row.id, "approved")
    store.close()
    copy = tmp_path / "copy"
    shutil.copytree(data_dir, copy)

    lengths = {seg.level: seg.length for seg in dictionary().segments.values()}
    lines = [raw.rstrip("\r\n") for raw in path.read_text(encoding="ascii").splitlines() if raw.strip()]
    # what the file leaves in a database: every report as last sent in the file (a report sent twice, or
    # deleted and sent again as a correction, is the later one); deletes leave nothing
    expected: dict[tuple, list[str]] = {}
    current: tuple | None = None
    for line in lines:
        level, action, (ori_, number) = line[4], line[5], _key(line)
        if level in "017":
            key = {"1": ("A", ori_, number), "7": ("B", ori_, number, line[37:39]),
                   "0": ("Z", ori_, line[37:43])}[level]
            current = None
            if action == "D":
                if level == "7" and not line[37:39].strip():  # every arrestee of the arrest
                    for k in [k for k in expected if k[:3] == key[:3]]:
                        del expected[k]
                expected.pop(key, None)
                continue
            expected[key] = [_long(line, lengths)]
            current = key
        else:
            assert current is not None and current[1:3] == (ori_, number), f"a segment without its incident: {line}"
            expected[current].append(_long(line, lengths))
    want = Counter(seg for segs in expected.values() for seg in segs)

    store = Store.open(data_dir)
    plan = plan_export(store, month, today=date(2030, 1, 1), allow_errors=True)
    flat = run_export(store, plan, tmp_path / "flat", now=datetime(2030, 1, 1))
    got = Counter(flat.path.read_bytes().decode("ascii").split("\r\n")[:-1])
    zero = f"00430A{month.month:02d}{month.year}    {ori}000000000000{month.month:02d}{month.year}"
    extra = got - want
    assert set(extra) <= {zero}, f"segments not in the file: {list(extra)[:3]}"
    assert want - got == Counter(), f"segments lost: {list(want - got)[:3]}"
    store.close()

    # the same reports as NIBRS XML: every document schema-valid. XML has no place for a value that could not be
    # read, nor for some structures flat files allow (a relationship to an offender the incident lacks): such
    # reports are named by the writer; here they go back to draft, as an office would fix them first.
    store = Store.open(copy)
    plan = plan_export(store, month, fmt="xml", today=date(2030, 1, 1), allow_errors=True)
    unfit = []
    for e in plan.entries:
        try:
            to_xml(Submission(report=e.report, action=e.action, year=month.year, month=month.month))
        except XmlWriteError:
            unfit.append(e)
    for e in unfit:
        store.update(e.kind, e.record_id, store.get(e.kind, e.record_id).report, status="draft")
    assert len(unfit) < len(plan.entries) / 100, [describe(e.report) for e in unfit]
    plan = plan_export(store, month, fmt="xml", today=date(2030, 1, 1), allow_errors=True)
    written = run_export(store, plan, tmp_path / "xml", now=datetime(2030, 1, 1))
    with zipfile.ZipFile(written.path) as z:
        names = [n for n in z.namelist() if n.endswith(".xml")]
        assert len(names) == len(plan.entries) > 1000
        for n in names:
            assert schema_errors(etree.fromstring(z.read(n))) == [], n
    store.close()
