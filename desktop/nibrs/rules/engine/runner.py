"""Running the rules on a report: findings with their paths; live checks of one field."""

from __future__ import annotations

from datetime import date
from typing import Any, Iterable

from desktop.nibrs import model as m
from desktop.nibrs.dictionary import Dictionary, dictionary as fbi_dictionary
from desktop.nibrs.findings import Finding
from desktop.nibrs.rules.engine.context import SEGMENT_LISTS, Context
from desktop.nibrs.rules.engine.registry import REGISTRY, Hit, Plan, Rule


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
        self._paths: dict[tuple[str, str | None, bool], tuple[str, bool]] = {}
        self._levels: dict[str, str] = {}

    def field_path(self, segment_kind: str, element_id: str | None, index: int | None) -> str:
        """Path of an element inside a segment: "age", "weapons[1]", "items[2].value"."""
        key = (segment_kind, element_id, index is not None)
        cached = self._paths.get(key)
        if cached is None:
            cached = self._paths[key] = self._field_template(segment_kind, element_id, index is not None)
        template, indexed = cached
        return template.format(index) if indexed else template

    def _field_template(self, segment_kind: str, element_id: str | None, has_index: bool) -> tuple[str, bool]:
        element = self.d.elements.get(element_id or "")
        if element is None:
            return "", False
        p = element.placement(segment_kind)
        if p is not None:
            name = p.field or element.id
            if has_index and element.multiple:
                return name + "[{}]", True
            return name, False
        for g in self.d.groups_of(segment_kind):  # a member of a repeating group in this segment
            gp = element.placement(g.id)
            if gp is not None:
                return (g.field + "[{}]." + (gp.field or element.id), True) if has_index else (g.field, False)
        return "", False

    def level(self, segment_kind: str) -> str:
        level = self._levels.get(segment_kind)
        if level is None:
            if segment_kind in SEGMENT_LISTS:
                level = SEGMENT_LISTS[segment_kind][1]
            elif segment_kind in self.d.segments:
                level = self.d.segments[segment_kind].level
            else:
                level = ""
            self._levels[segment_kind] = level
        return level

    def emit(self, r: Rule, h: Hit, segment_kind: str, base_path: str, segment: m.Segment | None,
             report: m.Report) -> None:
        element_id = h.element if h.element is not None else (r.elements[0] if r.elements else "")
        rel = h.path if h.path is not None else self.field_path(segment_kind, element_id, h.index)
        path = f"{base_path}.{rel}" if base_path and rel else (base_path or rel)
        value = _text(h.value)
        message = r.message.format(detail=h.detail, value=value) if "{" in r.message else r.message
        offense_code = sequence = loss_type = ""
        if isinstance(segment, m.Offense):
            offense_code = segment.offense_code or ""
        elif isinstance(segment, (m.Victim, m.Offender, m.Arrestee, m.GroupBArrest)):
            seq = segment.sequence_number
            sequence = "" if not isinstance(seq, int) else f"{seq:03d}"
        elif isinstance(segment, m.Property):
            loss_type = segment.loss_type or ""
        if isinstance(report, m.GroupAIncident):
            ident = report.incident_number or ""
        elif isinstance(report, m.GroupBArrest):
            ident = report.arrest_transaction_number or ""
        else:
            ident = "000000000000"
        source = getattr(segment, "source", None) or getattr(report, "source", None)
        element = self.d.elements.get(element_id or "")
        self.findings.append(Finding(
            error=r.number, severity=r.severity_for(self.ctx), message=message, fix=r.fix,
            segment=segment_kind, element=element_id or "", path=path, value=value,
            ori=report.ori or "", incident=ident, segment_level=self.level(segment_kind),
            record=source.record if source else 0, file=source.path if source else "",
            action=self.ctx.action, offense_code=offense_code, sequence=sequence, loss_type=loss_type,
            extra={"rule": r.name, "data_element": element.number if element is not None else "",
                   "fbi_message": r.fbi_message, "line": source.line if source else 0},
        ))

    def hit(self, r: Rule, h: Hit | bool, segment_kind: str, base_path: str, segment, report) -> None:
        """Record one thing a rule found (``True`` stands for a hit on the rule's first element)."""
        if h is True:
            h = Hit()
        if isinstance(report, m.GroupAIncident) and segment_kind == "incident" and h.segment_path:  # type: ignore[union-attr]
            seg = _resolve(report, h.segment_path)  # type: ignore[union-attr]
            kind = _kind_of(h.segment_path)  # type: ignore[union-attr]
            self.emit(r, h, kind, h.segment_path, seg, report)  # type: ignore[arg-type, union-attr]
        else:
            self.emit(r, h, segment_kind, base_path, segment, report)  # type: ignore[arg-type]


def _kind_of(segment_path: str) -> str:
    head = segment_path.split("[", 1)[0]
    for kind, (list_field, _level) in SEGMENT_LISTS.items():
        if list_field == head:
            return kind
    return "incident"


def _resolve(report: m.GroupAIncident, segment_path: str) -> m.Segment:
    head, _, rest = segment_path.partition("[")
    return getattr(report, head)[int(rest.split("]", 1)[0])]


_SEGMENT_ORDER = tuple((kind, list_field) for kind, (list_field, _level) in SEGMENT_LISTS.items())


def _pick(plan: Plan, segment, report, ctx: Context, guards: bool, chosen: set[int] | None) -> tuple:
    """The plan's rules for a segment: those whose guard holds (all with ``guards`` off), limited to ``chosen``."""
    selected = plan.select(segment, report, ctx) if guards else plan.all
    if chosen is not None:
        selected = tuple(p for p in selected if id(p[0]) in chosen)
    return selected


def _run_report(plan: Plan, kind: str, report: m.Report, ctx: Context, guards: bool, chosen: set[int] | None,
                fast: bool) -> _Runner | None:
    """Run the report-level rules of a report (a Group A incident's, a Group B arrest's, a zero report's)."""
    if fast and plan.mask is not None:
        chosen_rules = plan._selected.get(plan.mask(report, report, ctx)) or plan.select(report, report, ctx)
    else:
        chosen_rules = _pick(plan, report, report, ctx, guards, chosen)
    runner = None
    for r, func in chosen_rules:
        found = func(report, ctx)
        if found is not None:
            for h in found:
                if h is not None and h is not False:
                    runner = runner or _Runner(ctx)
                    runner.hit(r, h, kind, "", report, report)
    return runner


def _run_segments(plans: dict[str, Plan], report: m.GroupAIncident, ctx: Context, guards: bool,
                  chosen: set[int] | None, fast: bool, runner: _Runner | None) -> _Runner | None:
    """Run the per-segment rules on each segment of a Group A incident, in level order."""
    for kind, list_field in _SEGMENT_ORDER:
        segments = getattr(report, list_field)
        if not segments:
            continue
        plan = plans[kind]
        if not plan.rules:
            continue
        mask, selected = plan.mask, plan._selected
        for i, segment in enumerate(segments):
            if fast and mask is not None:
                chosen_rules = selected.get(mask(segment, report, ctx))
                if chosen_rules is None:
                    chosen_rules = plan.select(segment, report, ctx)
            else:
                chosen_rules = _pick(plan, segment, report, ctx, guards, chosen)
            for r, func in chosen_rules:
                found = func(segment, report, ctx)
                if found is not None:
                    for h in found:
                        if h is not None and h is not False:
                            runner = runner or _Runner(ctx)
                            runner.hit(r, h, kind, f"{list_field}[{i}]", segment, report)
    return runner


def validate(report: m.Report, ctx: Context | None = None, *, rules: Iterable[Rule] | None = None,
             guards: bool = True) -> list[Finding]:
    """Every finding of the applicable rules on a Group A incident, Group B arrest or zero report.

    ``rules`` limits the run to those rules (live validation); ``guards=False`` runs every rule
    on every segment, even where its guard says it can find nothing (to check the guards).
    """
    ctx = ctx or Context()
    plans = REGISTRY.plans(ctx)
    if ctx.memo:
        ctx.memo.clear()
    chosen = None if rules is None else {id(r) for r in rules}
    fast = guards and chosen is None  # a whole report checked the usual way: no filtering of the plans
    if isinstance(report, m.GroupAIncident):
        kind = "incident"
    elif isinstance(report, (m.GroupBArrest, m.ZeroReport)):
        kind = report.KIND
    else:
        raise TypeError(f"cannot validate {type(report).__name__}")
    runner = _run_report(plans[kind], kind, report, ctx, guards, chosen, fast)
    if kind == "incident":
        runner = _run_segments(plans, report, ctx, guards, chosen, fast, runner)
    return runner.findings if runner is not None else []


def _parse_path(path: str) -> list[tuple[str, int | None]]:
    out: list[tuple[str, int | None]] = []
    for part in (p for p in path.split(".") if p):
        name, bracket, rest = part.partition("[")
        index = None
        if bracket:
            digits = rest.split("]", 1)[0]
            index = int(digits) if digits.isdigit() else None
        out.append((name, index))
    return out


def _walk_kinds(report: m.Report, parts: list[tuple[str, int | None]]) -> tuple[str, int]:
    """The segment or group kind the path ends in, and how many leading parts name segments."""
    kind = report.KIND
    used = 0
    for name, _index in parts:
        for child_kind, (parent, list_field) in m.CHILD_FIELDS.items():
            if parent == kind and list_field == name:
                kind = child_kind
                used += 1
                break
        else:
            break
    return kind, used


def element_at(report: m.Report, path: str, d: Dictionary | None = None) -> str | None:
    """The data element id a model path points at ("victims[1].age" -> "26")."""
    d = d or fbi_dictionary()
    parts = _parse_path(path)
    if not parts:
        return None
    kind, used = _walk_kinds(report, parts[:-1])
    if used != len(parts) - 1:
        return None
    last = parts[-1][0]
    element = d.for_field(kind, last)
    if element is not None:
        return element.id
    for e, p in d.profile_elements(kind):
        if (p.field or e.id) == last:
            return e.id
    return None


def elements_at(report: m.Report, path: str, d: Dictionary | None = None) -> list[str]:
    """The data elements a path covers: one for a field, every element of a segment or group row."""
    d = d or fbi_dictionary()
    one = element_at(report, path, d)
    if one is not None:
        return [one]
    parts = _parse_path(path)
    if not parts:
        return []
    kind, used = _walk_kinds(report, parts)
    if used != len(parts):
        return []
    kinds = [kind, *(g.id for g in d.groups_of(kind))]
    return [e.id for k in kinds for e, _p in d.in_segment(k)]


def validate_field(report: m.Report, path: str, ctx: Context | None = None) -> list[Finding]:
    """Findings of the rules that look at the element at ``path`` (for live feedback while typing).

    ``path`` names a field ("victims[3].age", "offenses[0].weapons[1]",
    "properties[0].items[2].value"); a path naming a segment or a group row ("victims[3]",
    "victims[3].relationships[0]", after adding or removing one) covers every element of it,
    and the empty path the whole report. The rules run over the whole report, so the result
    replaces, in the caller's view, every earlier finding of the same rules
    (``rules_for_path`` lists them).
    """
    ctx = ctx or Context()
    if not path:
        return validate(report, ctx)
    chosen = rules_for_path(report, path, ctx.dictionary)
    if not chosen:
        return []
    return validate(report, ctx, rules=chosen)


def rules_for_path(report: m.Report, path: str, d: Dictionary | None = None) -> list[Rule]:
    """The rules a live check of ``path`` runs (those that read any element the path covers)."""
    if not path:
        REGISTRY.load()
        return list(REGISTRY.rules)
    seen: dict[int, Rule] = {}
    for element_id in elements_at(report, path, d or fbi_dictionary()):
        for r in REGISTRY.for_element(element_id):
            seen.setdefault(id(r), r)
    return list(seen.values())
