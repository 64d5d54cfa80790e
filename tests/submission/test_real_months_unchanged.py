"""Behaviour unchanged by the faster import and export (issue 13): the two real months imported, imported again
(nothing new), imported once more with corrections and deletes, then exported as a flat file and as NIBRS XML,
give the same reports, statuses, import lines, audit trail (intact) and the same bytes as before.

"Before" is ``tests/data/real_months_before.json``: the SHA-256 of each of those, written by this very test run on
the code as it was before the import and export were rewritten (``NIBRS_DESK_WRITE_BEFORE=1`` writes it again, on
purpose only). Each part has its own digest, so a difference names what changed. Times (which the clock sets) and
the audit trail's hashes (which hash those times) are left out; the chain is checked whole with ``verify``.

Slow (a real month is thousands of reports): marked ``volume``; skipped without ../shared."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import shutil
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from testpaths import DATA, shared_path
from trails import without_checksum

from desktop.nibrs import flatfile, serialize
from desktop.nibrs.model import Submission
from desktop.nibrs.xmlio import XmlWriteError, to_xml
from desktop.store.service import AgencySettings, SearchFilter, Store
from desktop.submission.export import plan_export, run_export
from desktop.submission.importing import import_files
from desktop.submission.months import Month

BEFORE = DATA / "real_months_before.json"
KINDS = ("incident", "group_b", "zero_report")
REAL = ("nibrs", "samples", "flat", "realistic-unverified")
MONTHS = {
    "VTUCR0001_20200420_NIBRS_010.txt": ("VTUCR0001", Month(2020, 4)),
    "honolulupdNIBRSReport-2019-05.txt": ("HI0020000", Month(2019, 7)),
}
TODAY, NOW = date(2030, 1, 1), datetime(2030, 1, 1)


TMP = ["<tmp>"]  # the test's temporary folder, which differs from run to run: written as "<tmp>"


def _digest(value) -> str:
    text = json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha256(text.replace(TMP[0], "<tmp>").encode()).hexdigest()


def _named(text: str, path: Path, name: str) -> str:
    """A file's path as the test gave it, and the temporary folder, as the file's name: the same on every machine."""
    return text.replace(str(path), name).replace(str(path.parent), "<dir>")


def _lines(results, path: Path, name: str) -> list:
    ((result,), problems) = results
    assert problems == [] and result.error == "", result.error
    return [[ln.outcome, ln.what, _named(ln.where, path, name), ln.detail, ln.kind, ln.record_id]
            for ln in result.lines] + [["notes", *result.notes]]


def _records(store, path: Path, name: str) -> list:
    """Every record as stored; the paths in its findings (a history check names the file) as the file's name."""
    out = []
    for kind in KINDS:
        for i in store.ids(kind, include_deleted=True):
            r = store.get(kind, i, audited=False)
            out.append([kind, i, r.status, r.revision, r.submitted_revision, r.deleted, r.created_by, r.updated_by,
                        serialize.report_to_dict(r.report), r.invalid, [f.to_dict() for f in r.findings],
                        r.profile, r.profile_version])
    return json.loads(_named(json.dumps(out, default=str, sort_keys=True), path, name))


def _audit(store, path: Path, name: str) -> list:
    assert store.verify_audit() == []
    out = []
    offset = 0
    while True:
        page = store.audit_entries(limit=2000, offset=offset)
        if not page:
            break
        out += [[e["seq"], e["user"], e["action"], e["kind"], e["record_id"],
                 json.loads(_named(json.dumps(without_checksum(e["detail"]), sort_keys=True), path, name))]
                for e in page if e["action"] != "seal"]
        offset += len(page)
    # Issue 19 added each record's checksum to the entries naming it and "seal" entries: what this test compares
    # is the trail as it was before (numbered again without the seals); verify above checks the checksums.
    return [[n, *e[1:]] for n, e in enumerate(sorted(out, key=lambda e: e[0]), 1)]


def _corrected(path: Path, target: Path) -> None:
    """The month again as an office would send corrections: every 5th incident with its first victim's age changed,
    every 13th deleted."""
    subs = list(flatfile.FlatFileReader(path))
    out = []
    n = 0
    for sub in subs:
        if sub.kind != "incident" or sub.action == "D":
            continue
        n += 1
        if n % 13 == 0:
            out.append(Submission(report=copy.deepcopy(sub.report), action="D", year=sub.year, month=sub.month))
        elif n % 5 == 0 and sub.report.victims and sub.report.victims[0].victim_type in ("I", "L"):
            report = copy.deepcopy(sub.report)
            report.victims[0].age = "77"
            out.append(Submission(report=report, action=sub.action, year=sub.year, month=sub.month))
    target.write_text(flatfile.dumps(out), encoding="ascii", newline="")


def _zip_digest(path: Path) -> str:
    """The zip's own bytes, and each member's (so a difference says whether the documents differ)."""
    with zipfile.ZipFile(path) as z:
        members = {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()}
    return _digest([hashlib.sha256(path.read_bytes()).hexdigest(), members])


def figures(data_dir: Path, tmp_path: Path, name: str) -> dict[str, str]:
    path = shared_path(*REAL, name)
    TMP[0] = str(tmp_path)
    ori, month = MONTHS[name]
    out: dict[str, str] = {}
    store = Store.open(data_dir)
    store.save_agency(AgencySettings(ori=ori, name="Real month"))
    out["import"] = _digest(_lines(import_files(store, [str(path)], status="approved", today=TODAY), path, name))
    out["records after import"] = _digest(_records(store, path, name))
    out["import again"] = _digest(_lines(import_files(store, [str(path)], status="approved", today=TODAY),
                                         path, name))
    corrected = tmp_path / f"corrected-{name}"
    _corrected(path, corrected)
    out["import corrections"] = _digest(_lines(import_files(store, [str(corrected)], status="approved",
                                                            today=TODAY), corrected, "corrected"))
    out["records after corrections"] = _digest(_records(store, path, name))
    for row in store.search(SearchFilter(status=("draft", "ready"), kinds=KINDS), limit=None):
        store.set_status(row.kind, row.id, "approved")
    store.close()
    copy_dir = tmp_path / "copy"
    shutil.copytree(data_dir, copy_dir)

    store = Store.open(data_dir)
    plan = plan_export(store, month, today=TODAY, allow_errors=True)
    flat = run_export(store, plan, tmp_path / "flat", now=NOW)
    out["flat export"] = hashlib.sha256(flat.path.read_bytes()).hexdigest()
    out["records after the flat export"] = _digest(_records(store, path, name))
    out["audit"] = _digest(_audit(store, path, name))
    store.close()

    store = Store.open(copy_dir)
    plan = plan_export(store, month, fmt="xml", today=TODAY, allow_errors=True)
    for e in plan.entries:  # what XML has no place for goes back to draft, as an office would fix it first
        try:
            to_xml(Submission(report=e.report, action=e.action, year=month.year, month=month.month))
        except XmlWriteError:
            store.update(e.kind, e.record_id, store.get(e.kind, e.record_id).report, status="draft")
    plan = plan_export(store, month, fmt="xml", today=TODAY, allow_errors=True)
    written = run_export(store, plan, tmp_path / "xml", now=NOW)
    out["xml export"] = _zip_digest(written.path)
    out["records after the XML export"] = _digest(_records(store, path, name))
    out["audit (XML)"] = _digest(_audit(store, path, name))
    store.close()
    return out


@pytest.mark.slow
@pytest.mark.volume
@pytest.mark.parametrize("name", sorted(MONTHS))
def test_a_real_month_imports_and_exports_as_before(data_dir, tmp_path, name):
    got = figures(data_dir, tmp_path, name)
    if os.environ.get("NIBRS_DESK_WRITE_BEFORE") == "1":
        before = json.loads(BEFORE.read_text()) if BEFORE.exists() else {}
        before[name] = got
        BEFORE.write_text(json.dumps(before, indent=1, sort_keys=True) + "\n")
    before = json.loads(BEFORE.read_text())[name]
    assert {k: v for k, v in got.items() if v != before.get(k)} == {}
