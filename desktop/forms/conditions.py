"""The conditions and choices of forms/*.yaml, evaluated against a report: when a field, a row list, a
page or a prompt applies (``holds``), and which codes a picker offers (``offered``). No Qt here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from desktop.forms.spec import FieldSpec, FormError
from desktop.nibrs import age as nibrs_age
from desktop.nibrs.dictionary import Code, DataElement, Dictionary


# ----------------------------------------------------------------------------- conditions
@dataclass
class Scope:
    """What a condition looks at: a segment (or group row), its parents, and the whole report."""

    segment: Any
    kind: str
    report: Any
    dictionary: Dictionary
    parent: "Scope | None" = None

    def values(self, element_id: str) -> list[Any]:
        """The values of an element in this segment, its group rows, or its parent segments."""
        element = self.dictionary.elements.get(element_id)
        if element is None:
            return []
        scope: Scope | None = self
        while scope is not None:
            found = scope._own(element)
            if found is not None:
                return found
            scope = scope.parent
        return []

    def _own(self, element: DataElement) -> list[Any] | None:
        p = element.placement(self.kind)
        if p is not None:
            return _as_list(read_value(self.segment, p.field or element.id))
        for g in self.dictionary.groups_of(self.kind):  # a member of one of this segment's groups
            gp = element.placement(g.id)
            if gp is not None:
                out: list[Any] = []
                for row in getattr(self.segment, g.field):
                    out += _as_list(read_value(row, gp.field or element.id))
                return out
        return None

    def offense_codes(self) -> list[str]:
        offenses = getattr(self.report, "offenses", None)
        if offenses is None:  # a Group B arrest: its arrest offense
            code = getattr(self.report, "arrest_offense_code", None)
            return [code] if code else []
        return [o.offense_code for o in offenses if o.offense_code]


def read_value(segment: Any, name: str) -> Any:
    if hasattr(type(segment), "__dataclass_fields__") and name in type(segment).__dataclass_fields__:
        return getattr(segment, name)
    return segment.extras.get(name)


def _as_list(v: Any) -> list[Any]:
    if v is None or v == "":
        return []
    return list(v) if isinstance(v, (list, tuple)) else [v]


def _listed(v: Any) -> list[str]:
    return [str(x) for x in _as_list(v)]


def _attrs_match(code: Code | None, where: dict) -> bool:
    if code is None:
        return False
    for key, want in where.items():
        have = code.get(key)
        wants = want if isinstance(want, list) else [want]
        if isinstance(have, list):
            if not any(w in have for w in wants):
                return False
        elif have not in wants:
            return False
    return True


def _codes_of(d: Dictionary, element_id: str) -> tuple[Code, ...]:
    element = d.elements.get(element_id)
    return d.code_lists[element.codes].codes if element is not None and element.codes else ()


def _code_of(d: Dictionary, element_id: str, value: Any) -> Code | None:
    element = d.elements.get(element_id)
    if element is None or not element.codes:
        return None
    return d.code_lists[element.codes].get(str(value))


FIELD_TESTS = ("in", "not_in", "where", "applies_to", "filled", "age_below")  # what `field: ID` is tested with


def holds(cond: Any, scope: Scope) -> bool:
    """Whether a form condition holds in a scope (``None`` always holds)."""
    if cond is None:
        return True
    if isinstance(cond, list):
        return all(holds(c, scope) for c in cond)
    if not isinstance(cond, dict):
        raise FormError(f"a condition is a mapping, not {cond!r}")
    for key, arg in cond.items():
        if key in FIELD_TESTS:
            continue  # arguments of `field`
        if key == "field":
            if not _field_holds(str(arg), cond, scope):
                return False
        elif key == "offenses":
            if not _offenses_hold(arg, scope, every=False):
                return False
        elif key == "all_offenses":
            if not _offenses_hold(arg, scope, every=True):
                return False
        elif key == "any":
            if not any(holds(c, scope) for c in arg):
                return False
        elif key == "all":
            if not all(holds(c, scope) for c in arg):
                return False
        elif key == "not":
            if holds(arg, scope):
                return False
        else:
            raise FormError(f"unknown condition {key!r}")
    return True


def local(cond: Any) -> bool:
    """Whether a condition reads only its own scope's fields (``field:`` tests, through ``any``/``all``/``not``), so
    a change elsewhere in the report cannot change it; ``offenses``/``all_offenses`` read the whole report."""
    if cond is None:
        return True
    if isinstance(cond, list):
        return all(local(c) for c in cond)
    if not isinstance(cond, dict):
        return False
    for key, arg in cond.items():
        if key in FIELD_TESTS or key == "field":
            continue
        if key in ("any", "all"):
            if not all(local(c) for c in arg):
                return False
        elif key == "not":
            if not local(arg):
                return False
        else:
            return False
    return True


def _field_holds(element_id: str, cond: dict, scope: Scope) -> bool:
    values = scope.values(element_id)
    if "filled" in cond:
        return bool(values) == bool(cond["filled"])
    if "in" in cond:
        want = set(_listed(cond["in"]))
        return any(str(v) in want for v in values)
    if "not_in" in cond:
        want = set(_listed(cond["not_in"]))
        return bool(values) and not any(str(v) in want for v in values)
    if "where" in cond:
        return any(_attrs_match(_code_of(scope.dictionary, element_id, v), cond["where"]) for v in values)
    if "applies_to" in cond:  # a value some code of that element applies to (its `applies_to` attribute)
        named = {x for c in _codes_of(scope.dictionary, str(cond["applies_to"])) for x in _listed(c.get("applies_to"))}
        return any(str(v) in named for v in values)
    if "age_below" in cond:
        for v in values:
            low = nibrs_age.minimum(str(v))
            if low is not None and low < int(cond["age_below"]):
                return True
        return False
    return bool(values)


def _offense_matches(arg: dict, code: str, d: Dictionary) -> bool:
    c = d.code_lists["offense_code"].get(code)
    for key, val in arg.items():
        if key == "in":
            if code not in _listed(val):
                return False
        elif key == "where":
            if not _attrs_match(c, val):
                return False
        elif key == "any":
            if not any(_offense_matches(x, code, d) for x in val):
                return False
        else:
            raise FormError(f"unknown offense condition {key!r}")
    return True


def _offenses_hold(arg: dict, scope: Scope, *, every: bool) -> bool:
    codes = scope.offense_codes()
    if not codes:
        return False
    matches = [_offense_matches(arg, c, scope.dictionary) for c in codes]
    return all(matches) if every else any(matches)


# ----------------------------------------------------------------------------- choices
@dataclass(frozen=True)
class Agency:
    """What choices depend on besides the report: is the agency federal (or tribal), the FBI specification in
    force for it (the agency settings' ``spec_version``), and the day (a code retired on a date is gone from then)."""

    federal: bool = False
    spec_version: str = "2019.1"
    today: date = field(default_factory=date.today)


def _numbers(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", str(version))) or (0,)


def _retired(code: Code, agency: Agency) -> bool:
    """Retired by the spec in force or an earlier one (``retired_in``), or on a day on or before today
    (``retired``): the same test the FBI edits make (desktop.nibrs.specs ``code_problem``)."""
    version = code.get("retired_in")
    return bool(version) and _numbers(version) <= _numbers(agency.spec_version) or code.retired_by(agency.today)


def _later_spec(code: Code, agency: Agency) -> bool:
    """A code that came with a later spec than the one in force (``added_in``), so the edits do not know it."""
    added = code.get("added_in")
    return bool(added) and _numbers(str(added)) > _numbers(agency.spec_version)


def allowed_everywhere(code: Code, agency: Agency) -> str | None:
    """Why a code is never offered to this agency: ``"federal_only"``, ``"later_spec"``, ``"retired"`` or
    ``"deprecated"`` (the wizard says it in words), or ``None``. Retired and later codes follow the spec in
    force, so what the picker never offers is what the FBI edits refuse."""
    if code.federal_only and not agency.federal:
        return "federal_only"
    if _later_spec(code, agency):
        return "later_spec"
    if _retired(code, agency):
        return "retired"
    if code.deprecated:
        return "deprecated"
    return None


def offered(spec: FieldSpec, scope: Scope, agency: Agency) -> list[Code]:
    """The codes the picker offers for a field in this situation."""
    d = scope.dictionary
    element = spec.element
    if not element.codes:
        return []
    codes = [c for c in d.code_lists[element.codes] if allowed_everywhere(c, agency) is None]
    ch = spec.choices or {}
    if "where" in ch:
        codes = [c for c in codes if _attrs_match(c, ch["where"])]
    if "exclude" in ch:
        skip = set(_listed(ch["exclude"]))
        codes = [c for c in codes if c.code not in skip]
    if ch.get("incident_offenses"):
        mine = scope.offense_codes()
        codes = [c for c in codes if c.code in mine]
        codes.sort(key=lambda c: mine.index(c.code))
    if "applies_to" in ch:
        targets = set(_listed(scope.values(str(ch["applies_to"]))))
        codes = [c for c in codes if targets & set(_listed(c.get("applies_to")))]
    if "rules" in ch:
        chosen: set[str] | None = None
        for r in ch["rules"]:
            if holds(r.get("when"), scope):
                chosen = chosen or set()
                if r.get("all_codes"):
                    chosen |= {c.code for c in codes}
                elif "where" in r:
                    chosen |= {c.code for c in codes if _attrs_match(c, r["where"])}
                else:
                    chosen |= set(_listed(r.get("codes")))
        if chosen is not None:
            codes = [c for c in codes if c.code in chosen]
    return codes

