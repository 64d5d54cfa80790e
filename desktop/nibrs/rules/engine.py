"""The rule engine: FBI edits declared as functions with metadata, run on reports.

A rule is a function decorated with :func:`rule`, which records its FBI error number,
severity, plain-words message, how to fix it, the segment kind it runs on, the data
elements it points at, and the spec versions and state profiles it applies to. Rules are
found by declaration: every module of the ``desktop.nibrs.rules`` package is imported once
and its decorated functions register themselves. Nothing keeps a hand-written list.

Rule functions yield :class:`Hit` objects (or nothing) for what they find:

    @rule("153", segment="incident", elements=("5",), message=..., fix=...)
    def clearance_date_without_clearance(incident, ctx):
        if incident.cleared_exceptionally == "N" and incident.exceptional_clearance_date:
            yield hit("5", incident.exceptional_clearance_date)

Signatures by segment kind:
  "incident"                                   f(incident, ctx)       whole Group A report
  "offense", "property", "victim",
  "offender", "arrestee"                       f(segment, incident, ctx)   once per segment
  "group_b"                                    f(arrest, ctx)
  "zero_report"                                f(zero_report, ctx)
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable, Protocol

from desktop.nibrs import model as m
from desktop.nibrs.dictionary import Dictionary, dictionary as fbi_dictionary
from desktop.nibrs.findings import ERROR, WARNING, Finding

SPEC_VERSIONS = ("2019.1", "2025.0")
DEFAULT_SPEC = "2019.1"

# segment kind -> (model list field on the incident, flat segment level)
SEGMENT_LISTS = {
    "offense": ("offenses", "2"),
    "property": ("properties", "3"),
    "victim": ("victims", "4"),
    "offender": ("offenders", "5"),
    "arrestee": ("arrestees", "6"),
}
REPORT_KINDS = ("incident", "group_b", "zero_report")
RULE_SEGMENTS = (*REPORT_KINDS, *SEGMENT_LISTS)


class History(Protocol):
    """What the agency's own database knows; stands in for the FBI's history checks."""

    def incident_on_file(self, ori: str, incident_number: str) -> bool: ...  # 056
    def group_b_atn_on_file(self, ori: str, atn: str) -> bool: ...  # 088 (Group A arrestee vs Group B)
    def group_a_atn_on_file(self, ori: str, atn: str) -> bool: ...  # 088 (Group B vs Group A incident)
    def group_b_arrest_on_file(self, ori: str, atn: str, sequence: int | None) -> bool: ...  # 759
    def zero_report_on_file(self, ori: str, year: int, month: int) -> bool: ...  # 028-031
    def data_on_file_for_month(self, ori: str, year: int, month: int) -> bool: ...  # 028, 029


@dataclass
class Context:
    """What rules may know besides the report itself."""

    spec_version: str = DEFAULT_SPEC
    profile: str = "fbi"
    federal_agency: bool = False
    nibrs_start: date | None = None  # agency's NIBRS start date (173, 093, 720)
    submission_year: int | None = None  # when checking for a file: its month of submission
    submission_month: int | None = None
    action: str = "I"  # segment action type of the record being checked
    today: date = field(default_factory=date.today)
    history: History | None = None
    # The record being checked already lives in the database (so "already on file" means itself).
    stored_id: int | None = None
    dictionary: Dictionary = field(default_factory=fbi_dictionary)


@dataclass(frozen=True)
class Hit:
    """One thing a rule found. ``element`` overrides the rule's first element."""

    element: str | None = None
    value: Any = None
    index: int | None = None  # position in a multi-valued element or a group (0-based)
    detail: str = ""  # fills {detail} in the rule's message
    path: str | None = None  # path relative to the segment, when ``element`` and ``index`` are not enough
    segment_path: str | None = None  # for "incident" rules: the segment the finding belongs to ("victims[1]")


def hit(element: str | None = None, value: Any = None, *, index: int | None = None, detail: str = "",
        path: str | None = None, segment_path: str | None = None) -> Hit:
    return Hit(element, value, index, detail, path, segment_path)


@dataclass(frozen=True)
class Rule:
    number: str
    segment: str
    message: str
    fix: str
    func: Callable[..., Iterable[Hit] | None]
    elements: tuple[str, ...] = ()
    severity: str = ERROR
    fbi_message: str = ""
    specs: frozenset[str] | None = None  # spec versions the rule exists in; None = all
    severity_by_spec: tuple[tuple[str, str], ...] = ()
    profiles: frozenset[str] | None = None  # profiles the rule applies to; None = all
    not_profiles: frozenset[str] = frozenset()

    @property
    def name(self) -> str:
        return getattr(self.func, "__name__", self.number)

    def applies(self, ctx: Context) -> bool:
        if self.specs is not None and ctx.spec_version not in self.specs:
            return False
        if self.profiles is not None and ctx.profile not in self.profiles:
            return False
        return ctx.profile not in self.not_profiles

    def severity_for(self, ctx: Context) -> str:
        return dict(self.severity_by_spec).get(ctx.spec_version, self.severity)


class Registry:
    def __init__(self) -> None:
        self.rules: list[Rule] = []
        self._loaded = False
        self._lock = threading.Lock()

    def add(self, r: Rule) -> Rule:
        if r.segment not in RULE_SEGMENTS:
            raise ValueError(f"rule {r.number} ({r.name}): unknown segment {r.segment!r}")
        if r.severity not in (ERROR, WARNING):
            raise ValueError(f"rule {r.number} ({r.name}): severity must be error or warning")
        self.rules.append(r)
        return r

    def load(self) -> None:
        """Import every module of the rules package once, so their rules register."""
        if self._loaded:
            return
        with self._lock:
            if self._loaded:
                return
            import desktop.nibrs.rules as pkg

            for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
                if info.name not in ("engine",) and not info.name.startswith("_"):
                    importlib.import_module(f"{pkg.__name__}.{info.name}")
            self._loaded = True

    def for_segment(self, segment: str, ctx: Context) -> list[Rule]:
        self.load()
        return [r for r in self.rules if r.segment == segment and r.applies(ctx)]

    def numbers(self) -> set[str]:
        self.load()
        return {r.number for r in self.rules}


REGISTRY = Registry()


def rule(number: str, *, segment: str, message: str, fix: str, elements: Iterable[str] = (),
         severity: str = ERROR, fbi_message: str = "", specs: Iterable[str] | None = None,
         severity_by_spec: dict[str, str] | None = None, profiles: Iterable[str] | None = None,
         not_profiles: Iterable[str] = ()) -> Callable:
    """Declare a rule; see the module docstring."""

    def register(func: Callable) -> Callable:
        REGISTRY.add(Rule(
            number=number, segment=segment, message=message, fix=fix, func=func, elements=tuple(elements),
            severity=severity, fbi_message=fbi_message, specs=None if specs is None else frozenset(specs),
            severity_by_spec=tuple(sorted((severity_by_spec or {}).items())),
            profiles=None if profiles is None else frozenset(profiles), not_profiles=frozenset(not_profiles),
        ))
        return func

    return register


# ---------------------------------------------------------------------------- running rules
def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%Y%m%d")
    if isinstance(value, (list, tuple)):
        return ",".join(_text(v) for v in value)
    return str(value)


class _Runner:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.d = ctx.dictionary
        self.findings: list[Finding] = []

    def field_path(self, segment_kind: str, element_id: str | None, index: int | None) -> str:
        """Path of an element inside a segment: "age", "weapons[1]", "items[2].value"."""
        element = self.d.elements.get(element_id or "")
        if element is None:
            return ""
        p = element.placement(segment_kind)
        if p is not None:
            name = p.field or element.id
            return f"{name}[{index}]" if index is not None and element.multiple else name
        for g in self.d.groups_of(segment_kind):  # a member of a repeating group in this segment
            gp = element.placement(g.id)
            if gp is not None:
                return f"{g.field}[{index}].{gp.field}" if index is not None else g.field
        return ""

    def emit(self, r: Rule, h: Hit, segment_kind: str, base_path: str, segment: m.Segment | None,
             report: m.Report) -> None:
        element_id = h.element if h.element is not None else (r.elements[0] if r.elements else "")
        rel = h.path if h.path is not None else self.field_path(segment_kind, element_id, h.index)
        path = ".".join(p for p in (base_path, rel) if p)
        message = r.message.format(detail=h.detail, value=_text(h.value)) if "{" in r.message else r.message
        level = ""
        offense_code = sequence = loss_type = ""
        if segment_kind in SEGMENT_LISTS:
            level = SEGMENT_LISTS[segment_kind][1]
        elif segment_kind in self.d.segments:
            level = self.d.segments[segment_kind].level
        if isinstance(segment, m.Offense):
            offense_code = segment.offense_code or ""
        elif isinstance(segment, (m.Victim, m.Offender, m.Arrestee, m.GroupBArrest)):
            sequence = "" if segment.sequence_number is None else f"{segment.sequence_number:03d}"
        elif isinstance(segment, m.Property):
            loss_type = segment.loss_type or ""
        if isinstance(report, m.GroupAIncident):
            ident = report.incident_number or ""
        elif isinstance(report, m.GroupBArrest):
            ident = report.arrest_transaction_number or ""
        else:
            ident = "000000000000"
        source = getattr(segment, "source", None) or getattr(report, "source", None)
        self.findings.append(Finding(
            error=r.number, severity=r.severity_for(self.ctx), message=message, fix=r.fix,
            segment=segment_kind, element=element_id, path=path, value=_text(h.value),
            ori=report.ori or "", incident=ident, segment_level=level,
            record=source.record if source else 0, file=source.path if source else "",
            action=self.ctx.action, offense_code=offense_code, sequence=sequence, loss_type=loss_type,
            extra={"rule": r.name},
        ))

    def run(self, r: Rule, args: tuple, segment_kind: str, base_path: str, segment, report) -> None:
        result = r.func(*args)
        if not result:
            return
        for h in result:
            if h is None or h is False:
                continue
            if h is True:
                h = Hit()
            if isinstance(report, m.GroupAIncident) and segment_kind == "incident" and h.segment_path:
                seg = _resolve(report, h.segment_path)
                kind = _kind_of(h.segment_path)
                self.emit(r, h, kind, h.segment_path, seg, report)
            else:
                self.emit(r, h, segment_kind, base_path, segment, report)


def _kind_of(segment_path: str) -> str:
    head = segment_path.split("[", 1)[0]
    for kind, (list_field, _level) in SEGMENT_LISTS.items():
        if list_field == head:
            return kind
    return "incident"


def _resolve(report: m.GroupAIncident, segment_path: str) -> m.Segment:
    head, _, rest = segment_path.partition("[")
    return getattr(report, head)[int(rest.split("]", 1)[0])]


def validate(report: m.Report, ctx: Context | None = None, *, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """Every finding of the applicable rules on a Group A incident, Group B arrest or zero report."""
    ctx = ctx or Context()
    runner = _Runner(ctx)
    chosen = list(rules) if rules is not None else None

    def pick(segment: str) -> list[Rule]:
        applicable = REGISTRY.for_segment(segment, ctx)
        return applicable if chosen is None else [r for r in applicable if r in chosen]

    if isinstance(report, m.GroupAIncident):
        for r in pick("incident"):
            runner.run(r, (report, ctx), "incident", "", report, report)
        for kind, (list_field, _level) in SEGMENT_LISTS.items():
            segment_rules = pick(kind)
            if not segment_rules:
                continue
            for i, segment in enumerate(getattr(report, list_field)):
                base = f"{list_field}[{i}]"
                for r in segment_rules:
                    runner.run(r, (segment, report, ctx), kind, base, segment, report)
    elif isinstance(report, m.GroupBArrest):
        for r in pick("group_b"):
            runner.run(r, (report, ctx), "group_b", "", report, report)
    elif isinstance(report, m.ZeroReport):
        for r in pick("zero_report"):
            runner.run(r, (report, ctx), "zero_report", "", report, report)
    else:
        raise TypeError(f"cannot validate {type(report).__name__}")
    return runner.findings


def element_at(report: m.Report, path: str, d: Dictionary | None = None) -> str | None:
    """The data element id a model path points at ("victims[1].age" -> "26")."""
    d = d or fbi_dictionary()
    kind = report.KIND
    parts = [p for p in path.split(".") if p]
    if not parts:
        return None
    for p in parts[:-1]:
        name = p.split("[", 1)[0]
        for child_kind, (parent, list_field) in m.CHILD_FIELDS.items():
            if parent == kind and list_field == name:
                kind = child_kind
                break
    last = parts[-1].split("[", 1)[0]
    element = d.for_field(kind, last)
    if element is not None:
        return element.id
    for e, p in d.profile_elements(kind):
        if (p.field or e.id) == last:
            return e.id
    return None


def validate_field(report: m.Report, path: str, ctx: Context | None = None) -> list[Finding]:
    """Findings of the rules that look at the element at ``path`` (for live feedback while typing).

    The result replaces, in the caller's view, every earlier finding of the same rules.
    """
    ctx = ctx or Context()
    element_id = element_at(report, path, ctx.dictionary)
    REGISTRY.load()
    if element_id is None:
        return []
    relevant = [r for r in REGISTRY.rules if element_id in r.elements or not r.elements]
    return validate(report, ctx, rules=relevant)


def rules_for_element(element_id: str) -> list[Rule]:
    REGISTRY.load()
    return [r for r in REGISTRY.rules if element_id in r.elements]
