"""Done when: each FBI XML sample (IEPD 2019.1) imported and exported again as XML is schema-valid and carries the
same data elements; the same records exported as a flat file and imported into a fresh database compare equal."""

from __future__ import annotations

import copy
import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from lxml import etree
from testpaths import DATA

from desktop.nibrs import serialize
from desktop.nibrs.flatfile import read_flat
from desktop.nibrs.xmlio import read_xml, schema_errors, to_xml
from desktop.store.service import AgencySettings, Store
from desktop.submission.export import plan_export, run_export
from desktop.submission.importing import import_files
from desktop.submission.months import Month

XML = DATA / "xml"
FEB_2016 = Month(2016, 2)
TODAY = date(2016, 3, 15)


def _incident_to_delete(tmp: Path) -> Path:
    """The incident the FBI's delete sample deletes, as sent before (the add sample renumbered and redated)."""
    (sub,) = read_xml(XML / "nibrs_GroupAIncident_Sample.xml")
    report = copy.deepcopy(sub.report)
    report.incident_number, report.incident_date, report.incident_hour = "020160005029", date(2016, 2, 16), 10
    sub.report = report
    path = tmp / "sent-before.xml"
    path.write_bytes(to_xml(sub, message_id="before", timestamp=datetime(2016, 3, 1)))
    return path


# sample -> what was sent to the state before it (imported as submitted)
SENT_BEFORE = {
    "nibrs_GroupAReplace_Sample.xml": lambda tmp: XML / "nibrs_GroupAIncident_Sample.xml",
    "nibrs_GroupBArrestDelete_Sample.xml": lambda tmp: XML / "nibrs_GroupBArrest_Sample.xml",
    "nibrs_IncidentDelete_Sample.xml": _incident_to_delete,
}
SAMPLES = sorted(p.name for p in XML.glob("*.xml"))


def _store(folder: Path) -> Store:
    store = Store.open(folder)
    if store.agency() is None:
        store.save_agency(AgencySettings(ori="WVNDX0100", name="Sample County"))
    return store


def _prepare(store: Store, sample: str, tmp: Path) -> None:
    before = SENT_BEFORE.get(sample)
    if before is not None:
        (result,), _ = import_files(store, [str(before(tmp))], status="submitted")
        assert result.error == "" and [line.outcome for line in result.lines] == ["imported"]
    (result,), _ = import_files(store, [str(XML / sample)], status="approved")
    assert result.error == "", result.error
    assert [line.outcome for line in result.lines] in (["imported"], ["updated"], ["deleted"]), result.lines
    for kind in ("incident", "group_b", "zero_report"):
        for record_id in store.ids(kind):
            if store.get(kind, record_id).status in ("draft", "ready"):  # a supervisor approves it as it is
                store.set_status(kind, record_id, "approved")


def _documents(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as z:
        return [(n, z.read(n)) for n in sorted(z.namelist()) if n.endswith(".xml")]


def _comparable(report) -> dict:
    data = serialize.report_to_dict(report)
    data.pop("extras", None)
    return data


@pytest.mark.parametrize("sample", SAMPLES)
def test_fbi_sample_exported_as_xml_and_as_flat(tmp_path, sample):
    (expected,) = read_xml(XML / sample)
    first = tmp_path / "db"
    store = _store(first)
    _prepare(store, sample, tmp_path)
    store.close()
    shutil.copytree(first, tmp_path / "db-flat")

    # XML: one schema-valid document carrying the sample's data elements
    store = _store(first)
    plan = plan_export(store, FEB_2016, fmt="xml", today=TODAY, allow_errors=True)
    result = run_export(store, plan, tmp_path / "xml", now=datetime(2016, 3, 2, 10))
    ((name, data),) = _documents(result.path)
    assert schema_errors(etree.fromstring(data)) == []
    (got,) = read_xml(data, name=name)
    assert (got.kind, got.action, got.year, got.month) == (expected.kind, expected.action, 2016, 2)
    assert got.report == expected.report
    store.close()

    # flat: the same records written as a flat file, imported into a fresh database, compare equal
    store = _store(tmp_path / "db-flat")
    plan = plan_export(store, FEB_2016, fmt="flat", today=TODAY, allow_errors=True)
    result = run_export(store, plan, tmp_path / "flat", now=datetime(2016, 3, 2, 10))
    sent = [(e.kind, e.action, e.record_id) for e in plan.entries]
    flat_subs = list(read_flat(result.path))
    if expected.action == "D":
        assert [s.action for s in flat_subs] == ["D"] and flat_subs[0].report == expected.report
        store.close()
        return
    fresh = _store(tmp_path / "db-fresh")
    (imported,), _ = import_files(fresh, [str(result.path)], status="approved")
    assert imported.error == ""
    for kind, action, record_id in sent:
        if action == "D":
            continue
        original = store.get(kind, record_id)
        again = fresh.find(kind, *(getattr(original.report, c) for c in
                                   {"incident": ("ori", "incident_number"),
                                    "group_b": ("ori", "arrest_transaction_number", "sequence_number"),
                                    "zero_report": ("ori", "year", "month")}[kind]))
        assert again is not None, f"{kind} {record_id} did not come back"
        assert _comparable(again.report) == _comparable(original.report)
        assert again.invalid == original.invalid
    store.close()
    fresh.close()
