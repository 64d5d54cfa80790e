"""Rule guards (``when=``) never hide a finding.

The engine skips a rule on a segment when the rule's guard says it can find nothing there (see
``desktop/nibrs/rules/engine``). A wrong guard would silently lose a check, so these tests run
every record twice, with guards and with every rule on every segment (``guards=False``), and
require the same findings:

* every case of the rules' test table (the record that triggers each FBI number and the one that
  does not), in its context;
* every clean record, changed field by field to each value a guard tests for, to blank, to an
  unknown code and to unreadable input (so each guard is seen both holding and not holding);
* the FBI's XML and flat samples, and the two real monthly files when ../shared is present.
"""

from __future__ import annotations

import copy
import dataclasses
import sys
from datetime import date

import pytest

from testpaths import DATA, TESTS, shared_path

sys.path.insert(0, str(TESTS / "rules"))  # the rules' case table

from cases import CASES  # noqa: E402
from nibrs_samples import clean_records  # noqa: E402
from desktop.nibrs import model as m  # noqa: E402
from desktop.nibrs.rules import REGISTRY, Context, validate  # noqa: E402
from desktop.nibrs.rules.engine.guards import CODE_SETS, Condition  # noqa: E402

RECORDS = clean_records()


def _key(findings):
    return [(f.error, f.path, f.value, f.message, f.severity, f.record) for f in findings]


def _same(report, ctx):
    guarded = validate(report, ctx)
    everything = validate(report, ctx, guards=False)
    assert _key(guarded) == _key(everything), "a guard hid a finding"
    return guarded


def test_some_rules_are_guarded():
    REGISTRY.load()
    guarded = [r for r in REGISTRY.rules if r.when]
    assert len(guarded) > 100, len(guarded)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_guards_keep_every_case(case):
    for change, ctx in ((case.bad, case.ctx), (case.ok, case.ok_ctx if case.ok_ctx is not None else case.ctx)):
        report = RECORDS[case.base]()
        if change is not None:
            change(report)
        _same(report, Context(**ctx))


# ---------------------------------------------------------------------------- mutations
def _guard_values() -> dict[tuple[str, str], set]:
    """(segment kind, field) -> the values the guards of that kind's rules test for."""
    REGISTRY.load()
    out: dict[tuple[str, str], set] = {}
    for r in REGISTRY.rules:
        conditions = [Condition.parse(text, r.segment) for text in r.when]
        for c in [p for c in conditions for p in (c.parts or (c,))]:
            values = c.values if c.minimum is None else frozenset({c.minimum - 1, c.minimum, c.minimum + 1})
            if c.value_set:  # a declared code set: a few of its values (the age sets hold thousands)
                found = sorted((v for v in CODE_SETS[c.value_set](Context()) if v), key=str)
                values = frozenset(found[:3] + found[len(found) // 2:len(found) // 2 + 2] + found[-3:])
            if values is None or not c.field:
                continue
            kind = "incident" if c.on_report else r.segment
            if c.rows:
                kind = next(child for child, (parent, lf) in m.CHILD_FIELDS.items()
                            if parent == kind and lf == c.rows)
            out.setdefault((kind, c.field), set()).update(v for v in values if v)
    return out


GUARD_VALUES = _guard_values()
_SKIP = {"extras", "invalid", "source"}
_ROW_LISTS = {(parent, list_field) for parent, list_field in m.CHILD_FIELDS.values()}


def _variants(kind: str, name: str, value):
    """Values to try in one field: blank, the guard values, an unknown code, and the value as a list entry."""
    tried = [None, "", "ZZ"] if not isinstance(value, list) else [[], ["ZZ"]]
    for v in sorted(GUARD_VALUES.get((kind, name), ())):
        tried.append([v] if isinstance(value, list) else v)
        if isinstance(value, list) and value:
            tried.append([value[0], v])
    if isinstance(value, int) and not isinstance(value, bool):
        tried += [0, 99]
    return tried


def _segments(report):
    """(kind, segment) of every segment and row of a report."""
    yield report.KIND, report
    if isinstance(report, m.GroupAIncident):
        for kind, (parent, list_field) in m.CHILD_FIELDS.items():
            if parent != "incident":
                continue
            for seg in getattr(report, list_field):
                yield kind, seg
                for row_kind, (p2, rows) in m.CHILD_FIELDS.items():
                    if p2 == kind:
                        for row in getattr(seg, rows):
                            yield row_kind, row


def _mutations(make):
    """Copies of a record, each with one field changed (or made unreadable)."""
    base = make()
    for index, (kind, seg) in enumerate(_segments(base)):
        for fld in dataclasses.fields(seg):
            if fld.name in _SKIP:
                continue
            value = getattr(seg, fld.name)
            if (kind, fld.name) in _ROW_LISTS:
                # a list of rows (their fields are changed one by one): none, and one row twice
                for rows in ([], [value[0], copy.deepcopy(value[0])]) if value else ([],):
                    report = make()
                    target = list(_segments(report))[index][1]
                    setattr(target, fld.name, copy.deepcopy(rows))
                    yield report
                continue
            for v in _variants(kind, fld.name, value):
                report = make()
                target = list(_segments(report))[index][1]
                setattr(target, fld.name, copy.deepcopy(v))
                yield report
            report = make()
            target = list(_segments(report))[index][1]
            target.invalid[fld.name + ("[0]" if isinstance(value, list) else "")] = "?"
            yield report


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_guards_keep_every_field_mutation(name):
    contexts = [Context(), Context(spec_version="2025.0", submission_year=2025, submission_month=3,
                                   nibrs_start=date(2024, 1, 1)),
                Context(action="D"), Context(action="R")]
    n = 0
    for report in _mutations(RECORDS[name]):
        for ctx in contexts:
            _same(report, ctx)
            n += 1
    assert n > 40


# ---------------------------------------------------------------------------- files
@pytest.mark.parametrize("folder", ["xml", "xml-hawaii"])
def test_guards_keep_the_fbi_xml_samples(folder):
    from desktop.nibrs.xmlio import read_xml

    for path in sorted((DATA / folder).glob("*.xml")):
        for sub in read_xml(path):
            _same(sub.report, Context(action=sub.action, submission_year=sub.year, submission_month=sub.month))


@pytest.mark.parametrize("path", sorted((DATA / "flat").glob("*.txt")), ids=lambda p: p.name)
def test_guards_keep_the_flat_samples(path):
    from desktop.nibrs.flatfile import FlatFileReader

    for sub in FlatFileReader(path, today=date(2030, 1, 1)):
        _same(sub.report, Context(action=sub.action, submission_year=sub.year, submission_month=sub.month))


@pytest.mark.volume
@pytest.mark.parametrize("name", ["VTUCR0001_20200420_NIBRS_010.txt", "honolulupdNIBRSReport-2019-05.txt"])
def test_guards_keep_the_real_monthly_files(name):
    from desktop.nibrs.flatfile import FlatFileReader

    path = shared_path("nibrs", "samples", "flat", "realistic-unverified", name)
    for spec in ("2019.1", "2025.0"):
        for sub in FlatFileReader(path, today=date(2030, 1, 1)):
            _same(sub.report, Context(spec_version=spec, action=sub.action, submission_year=sub.year,
                                      submission_month=sub.month, nibrs_start=date(2019, 1, 1)))


def test_the_age_code_sets_are_what_the_checks_say():
    """The age guards' sets, built by arithmetic, agree with the checks' own reading of every candidate."""
    from desktop.nibrs.rules import _facts as f
    from desktop.nibrs.rules import ages

    candidates = [f"{n:02d}" for n in range(100)] + [f"{n:04d}" for n in range(10000)] + ["NN", "NB", "BB", "N",
                                                                                         " 25", "25 5", "XX"]
    for infants in (True, False):
        assert ages._well_formed(infants) == {a for a in candidates if ages._shape(a, infants) == ""} | {None}
    assert ages._under_18() == {a for a in candidates if (f.age_years(a) if f.age_years(a) is not None else 99) < 18}
