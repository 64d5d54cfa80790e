"""Spec versions as data: one declaration per version, read by the dictionary, the pickers, the engine and
the writers; no rule module tests a version; the catalogue says per number what each version says, and whence."""

from __future__ import annotations

import ast
import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from testpaths import REPO
from nibrs_samples import group_b_sample, simple_incident
from desktop import forms
from desktop.cli import main
from desktop.forms import entry
from desktop.nibrs import model as m
from desktop.nibrs.dictionary import dictionary, load_dictionary
from desktop.nibrs.flatfile import segment_lines
from desktop.nibrs.rules import REGISTRY, SPEC_VERSIONS, Context, catalogue, validate
from desktop.nibrs.specs import SpecError, load_specs

SPECS = REPO / "resources" / "dictionary" / "specs"
RULES = REPO / "desktop" / "nibrs" / "rules"


def numbers(report, **ctx) -> set[str]:
    return {f.error for f in validate(report, Context(**ctx))}


# ----------------------------------------------------------------------------- the declarations
def test_one_declaration_per_version_in_order():
    files = sorted(p.name for p in SPECS.glob("*.yaml"))
    assert files == ["2019.1.yaml", "2023.0.yaml", "2025.0.yaml"]
    d = dictionary()
    assert d.specs.names == SPEC_VERSIONS == ("2019.1", "2023.0", "2025.0")
    assert d.specs.default == "2019.1"
    for v in d.specs:
        raw = yaml.safe_load((SPECS / f"{v.version}.yaml").read_text(encoding="utf-8"))
        assert raw["version"] == v.version
        assert isinstance(raw["statement"]["known_by_name"], bool) and raw["statement"]["source"]
    assert not d.specs["2019.1"].known_by_name  # the FBI document is in ../shared
    assert d.specs["2023.0"].known_by_name and d.specs["2025.0"].known_by_name


def test_every_change_names_its_source():
    for v in dictionary().specs:
        for change in (*v.codes, *v.edits):
            assert len(change.statement.source) > 20, (v.version, change)


def test_a_version_must_follow_one_other_and_date_its_retirements(tmp_path):
    shutil.copytree(SPECS, tmp_path / "specs")
    broken = tmp_path / "specs" / "2023.0.yaml"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace("    date: 2021-01-01\n", ""), encoding="utf-8")
    with pytest.raises(SpecError, match="date"):
        load_specs(tmp_path / "specs")
    broken.write_text(text.replace('follows: "2019.1"', 'follows: "2018.9"'), encoding="utf-8")
    with pytest.raises(SpecError, match="follow"):
        load_specs(tmp_path / "specs")


# ----------------------------------------------------------------------------- rule modules hold no version
def _rule_modules() -> list[Path]:
    """The modules that declare rules and the facts they read (the catalogue describes them; the engine plans)."""
    return sorted(p for p in RULES.glob("*.py") if p.name != "catalogue.py")


def test_rule_modules_hold_no_spec_version_test():
    """No `if spec == ...`, no version literal, no specs= / severity_by_spec= in a rule module (engine aside)."""
    versions = set(SPEC_VERSIONS) | {"2019.2", "2019.0", "3.1", "3.2"}
    for path in _rule_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                      and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            where = f"{path.name}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Compare):
                names = {n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)} | \
                        {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
                assert "spec_version" not in names, f"{where}: a rule module compares the spec version"
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                assert node.value not in versions, f"{where}: version literal {node.value!r}"
            if isinstance(node, ast.keyword):
                assert node.arg not in ("specs", "severity_by_spec"), f"{where}: {node.arg}= in a rule module"
            if isinstance(node, ast.Dict):
                keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
                assert not set(keys) & versions, f"{where}: a table keyed by version"
    assert all(not hasattr(r, "specs") and not hasattr(r, "severity_by_spec") for r in REGISTRY.rules)


def test_the_engine_reads_the_declarations():
    inc = simple_incident()
    inc.offenses[0].weapons = ["20A"]  # 258, a warning from 2025.0
    for spec, severity in (("2019.1", "error"), ("2023.0", "error"), ("2025.0", "warning")):
        assert {f.error: f.severity for f in validate(inc, Context(spec_version=spec))}["258"] == severity
    officer = simple_incident()
    officer.victims[0].victim_type, officer.victims[0].officer_activity = "L", "01"
    officer.victims[0].officer_assignment = "G"
    officer.incident_hour = None  # 106 needs the hour for an officer victim: removed by 2025.0
    assert "106" in numbers(officer) and "106" in numbers(officer, spec_version="2023.0")
    assert "106" not in numbers(officer, spec_version="2025.0")
    b = group_b_sample()
    b.arrest_offense_code = "90K"  # federal only, added by 2023.0 (from 2019.2)
    assert "704" in numbers(b) and "750" not in numbers(b)
    assert "750" in numbers(b, spec_version="2023.0") and "704" not in numbers(b, spec_version="2023.0")


def test_a_change_to_a_declaration_changes_the_engine(tmp_path, monkeypatch):
    """Move 258's relaxation from 2025.0 to 2023.0 in a copy of the declarations: the engine follows the data."""
    folder = tmp_path / "dictionary"
    shutil.copytree(REPO / "resources" / "dictionary", folder)
    text = (folder / "specs" / "2025.0.yaml").read_text(encoding="utf-8")
    (folder / "specs" / "2025.0.yaml").write_text(text.replace('numbers: ["258"]', 'numbers: []'), encoding="utf-8")
    (folder / "specs" / "2023.0.yaml").write_text(
        (folder / "specs" / "2023.0.yaml").read_text(encoding="utf-8")
        + "  severity:\n  - numbers: [\"258\"]\n    severity: warning\n    source: a test's own statement\n",
        encoding="utf-8")
    d = load_dictionary(folder)
    inc = simple_incident()
    inc.offenses[0].weapons = ["20A"]
    sev = {s: {f.error: f.severity for f in validate(inc, Context(spec_version=s, dictionary=d))}["258"]
           for s in ("2019.1", "2023.0", "2025.0")}
    assert sev == {"2019.1": "error", "2023.0": "warning", "2025.0": "warning"}


# ----------------------------------------------------------------------------- retired codes: pickers and edits
def _retired():
    d = dictionary()
    return [(c.list, c.code, c.date, c.version) for v in d.specs for c in v.codes if c.date is not None]


def test_the_retired_group_b_codes_are_declared_with_their_dates():
    retired = {(lst, code): (day, version) for lst, code, day, version in _retired()}
    assert retired[("offense_code", "90I")][1] == "2019.1"
    for code in ("90A", "90E", "90H"):
        assert retired[("offense_code", code)] == (date(2021, 1, 1), "2023.0")
    assert dictionary().code_list("offense_code")["90A"].retired == "2021-01-01"


@pytest.mark.parametrize("list_id, code, day, version", _retired(), ids=[r[1] for r in _retired()])
def test_a_retired_code_is_never_offered_and_always_flagged(list_id, code, day, version):
    d = dictionary()
    c = d.code_list(list_id)[code]
    # the pickers: not offered from its day on, whoever the agency
    for agency in (forms.Agency(today=day), forms.Agency(today=date.today(), federal=True)):
        assert forms.allowed_everywhere(c, agency) == "retired"
    assert forms.allowed_everywhere(c, forms.Agency(today=day - timedelta(days=1))) in (None, "retired")
    # words never resolve to it (only its code typed as such, which the edits then flag)
    for e in (d.element("45"), d.element("6")):
        for word in c.description.split():
            if len(word) > 3:
                assert entry.parse(e, word.lower(), d).value != code, (word, code)
    # the edits: flagged from its day on in every version, and in its version and later on any day
    b = group_b_sample()
    b.arrest_offense_code = code
    for spec in SPEC_VERSIONS:
        assert "704" in numbers(b, spec_version=spec, submission_year=day.year, submission_month=day.month)
        assert "704" in numbers(b, spec_version=spec)  # today
    later = SPEC_VERSIONS[SPEC_VERSIONS.index(version):]
    before = day - timedelta(days=1)
    for spec in SPEC_VERSIONS:
        flagged = "704" in numbers(b, spec_version=spec, submission_year=before.year, submission_month=before.month)
        assert flagged is (spec in later), (code, spec)


def test_runaway_is_not_offered_by_words():
    d = dictionary()
    assert entry.parse(d.element("45"), "runaway", d).value is None
    assert entry.parse(d.element("45"), "peeping tom", d).value is None
    assert entry.parse(d.element("45"), "disorderly", d).value == "90C"


# ----------------------------------------------------------------------------- segment lengths
def test_each_version_declares_or_keeps_the_segment_lengths():
    d = dictionary()
    for v in d.specs:
        assert set(v.segments) == set(d.segments), v.version
    assert d.specs["2019.1"].declares_segments
    for kind, s in d.segments.items():
        assert s.lengths == d.specs.segment_lengths()[kind]


def test_the_flat_writer_writes_the_declared_lengths(tmp_path):
    folder = tmp_path / "dictionary"
    shutil.copytree(REPO / "resources" / "dictionary", folder)
    p = folder / "specs" / "2019.1.yaml"
    p.write_text(p.read_text(encoding="utf-8").replace("incident: [88, 87]", "incident: [91, 88, 87]"),
                 encoding="utf-8")
    d = load_dictionary(folder)
    assert d.segments["incident"].lengths == (91, 88, 87)
    lines = segment_lines(m.Submission(report=simple_incident(), action="I", year=2025, month=3), d)
    assert len(lines[0]) == 91 and lines[0][:4] == "0091"
    lines = segment_lines(m.Submission(report=simple_incident(), action="I", year=2025, month=3))
    assert len(lines[0]) == 88 and lines[0][:4] == "0088"


# ----------------------------------------------------------------------------- the catalogue
def test_rules_json_lists_versions_severities_and_sources(capsys):
    assert main(["rules", "--format", "json"]) == 0
    data = {e["number"]: e for e in json.loads(capsys.readouterr().out)}
    for e in data.values():
        assert [v["version"] for v in e["versions"]] == list(SPEC_VERSIONS) or e["status"] == "not in the spec", e
        for v in e["versions"]:
            assert v["source"] and isinstance(v["known_by_name"], bool)
            assert (v["severity"] in ("error", "warning")) is v["applies"] or e["status"] != "implemented"
        assert e["spec_versions"] == [v["version"] for v in e["versions"] if v["applies"]]
    by = {n: {v["version"]: v for v in data[n]["versions"]} for n in ("258", "265", "106", "250", "401")}
    assert by["258"]["2025.0"]["severity"] == "warning" and by["258"]["2025.0"]["known_by_name"]
    assert "Beyond 20/20" in by["258"]["2025.0"]["source"]
    assert by["258"]["2019.1"]["severity"] == "error" and not by["258"]["2019.1"]["known_by_name"]
    assert "Technical Specification 2019.1" in by["258"]["2019.1"]["source"]
    assert "assumed" in by["265"]["2025.0"]["source"]  # a change known only by name says so
    assert not by["106"]["2025.0"]["applies"] and by["106"]["2025.0"]["change"] == "removed"
    assert not by["250"]["2019.1"]["applies"] and by["250"]["2023.0"]["change"] == "added"
    assert all(by["401"][v]["applies"] for v in SPEC_VERSIONS)
    assert data["342"]["status"] == "renumbered" and data["342"]["see"] == "1342"


def test_the_catalogue_renumbered_entries_come_from_the_declaration():
    declared = {c.number: c.to for c in dictionary().specs.renumbered()}
    shown = {e.number: e.see for e in catalogue.entries() if e.status == catalogue.RENUMBERED}
    assert shown == declared and declared["052"] == "952"
