"""Wizard definitions (forms/*.yaml) read into specs, and the conditions and choices they declare.

No Qt here: the wizard builds widgets from these specs, and tests check the conditions and
choices headless. A form names data elements; everything else about a field (type, length,
code list, help) comes from the data dictionary, so a field is never described twice.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

import yaml

from desktop.nibrs import age as nibrs_age
from desktop.nibrs.dictionary import Code, DataElement, Dictionary, GroupKind, Placement
from desktop.nibrs.model import CHILD_FIELDS
from desktop.resources import forms_path

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


class FormError(ValueError):
    """A mistake in a form file; the message names the file and the entry."""


# ----------------------------------------------------------------------------- specs
@dataclass(frozen=True)
class FieldSpec:
    element: DataElement
    placement: Placement
    kind: str  # segment or group kind the value lives in
    label: str  # with & mnemonic
    help: str
    when: Any = None
    choices: Any = None
    default: Any = None
    infants: bool = False

    @property
    def name(self) -> str:
        """The model attribute (or extras key, for a profile element) holding the value."""
        return self.placement.field or self.element.id

    @property
    def profile(self) -> bool:
        return self.placement.profile is not None

    @property
    def widget_name(self) -> str:
        return self.element.widget_name


@dataclass(frozen=True)
class RowsSpec:
    """A repeating group inside a section: property descriptions, drugs, relationships."""

    group: GroupKind
    item: str  # container name prefix: item_<n>
    add_label: str
    fields: tuple[FieldSpec, ...]
    when: Any = None


@dataclass(frozen=True)
class PromptSpec:
    id: str
    text: str
    when: Any = None


@dataclass(frozen=True)
class PageSpec:
    id: str
    title: str
    subtitle: str = ""
    segment: str | None = None  # kind of the segment the page's own fields live in
    section: str | None = None  # repeatable segment kind (offense, victim...)
    item: str = ""  # container name prefix of a section: offense_<n>
    list_field: str | None = None  # model list holding the sections (offenses...)
    fields: tuple[FieldSpec, ...] = ()
    fields_after: tuple[FieldSpec, ...] = ()  # report-level fields shown after the sections
    rows: tuple[RowsSpec, ...] = ()
    prompts: tuple[PromptSpec, ...] = ()
    when: Any = None
    review: bool = False
    society_victim: dict | None = None
    relationship_grid: bool = False
    max: int = 1

    def all_fields(self) -> Iterable[FieldSpec]:
        yield from self.fields
        for rows in self.rows:
            yield from rows.fields
        yield from self.fields_after


@dataclass(frozen=True)
class FormSpec:
    name: str
    title: str
    report: str  # incident | group_b
    pages: tuple[PageSpec, ...]
    path: str = ""

    def page(self, page_id: str) -> PageSpec:
        for p in self.pages:
            if p.id == page_id:
                return p
        raise KeyError(page_id)


# ----------------------------------------------------------------------------- loading
def _field(raw: Any, kind: str, d: Dictionary, where: str) -> FieldSpec:
    if not isinstance(raw, dict) or "element" not in raw:
        raise FormError(f"{where}: a field needs 'element'")
    eid = str(raw["element"])
    element = d.elements.get(eid)
    if element is None:
        raise FormError(f"{where}: no data element {eid!r} in the dictionary")
    placement = element.placement(kind)
    if placement is None:
        raise FormError(f"{where}: data element {eid} ({element.name}) does not belong in a {kind} segment")
    return FieldSpec(
        element=element, placement=placement, kind=kind,
        label=str(raw.get("label") or element.label or element.name),
        help=str(raw.get("help") or element.help),
        when=raw.get("when"), choices=raw.get("choices"), default=raw.get("default"),
        infants=bool(raw.get("infants", False)),
    )


def _profile_fields(d: Dictionary, kind: str, listed: set[str]) -> list[FieldSpec]:
    """A state profile's elements of a segment kind that the form does not place itself."""
    out = []
    for element, placement in d.profile_elements(kind):
        if element.id in listed:
            continue
        out.append(FieldSpec(element=element, placement=placement, kind=kind,
                             label=element.label or element.name, help=element.help))
    return out


def _list_field(kind: str) -> str | None:
    entry = CHILD_FIELDS.get(kind)
    return entry[1] if entry else None


def parse_form(raw: dict, d: Dictionary, path: str = "") -> FormSpec:
    name = raw.get("wizard") or Path(path).stem
    report_kind = raw.get("report", "incident")
    pages = []
    for i, p in enumerate(raw.get("pages") or (), 1):
        pid = p.get("id") or f"page{i}"
        where = f"{path}: page {pid}"
        section = p.get("section")
        kind = section or p.get("segment") or report_kind
        if kind not in d.segments:
            raise FormError(f"{where}: unknown segment kind {kind!r}")
        fields = [_field(f, kind, d, f"{where}, field {f.get('element') if isinstance(f, dict) else f}")
                  for f in p.get("fields") or ()]
        after = [_field(f, report_kind, d, f"{where}, field {f.get('element')}") for f in p.get("fields_after") or ()]
        rows = []
        for r in p.get("rows") or ():
            gid = r.get("group")
            group = d.groups.get(gid)
            if group is None or group.parent != kind:
                raise FormError(f"{where}: {gid!r} is not a repeating group of a {kind} segment")
            rfields = [_field(f, gid, d, f"{where}, {gid} field {f.get('element')}") for f in r.get("fields") or ()]
            listed = {f.element.id for f in rfields}
            rfields += _profile_fields(d, gid, listed)
            rows.append(RowsSpec(group=group, item=r.get("item", gid), add_label=r.get("add_label", "Add"),
                                 fields=tuple(rfields), when=r.get("when")))
        if not p.get("review"):
            listed = {f.element.id for f in fields} | {f.element.id for f in after}
            fields += _profile_fields(d, kind, listed)
        prompts = tuple(PromptSpec(str(q.get("id", "")), " ".join(str(q.get("text", "")).split()), q.get("when"))
                        for q in p.get("prompts") or ())
        pages.append(PageSpec(
            id=pid, title=str(p.get("title", pid)), subtitle=str(p.get("subtitle", "")),
            segment=None if section else kind, section=section, item=p.get("item", section or ""),
            list_field=_list_field(section) if section else None,
            fields=tuple(fields), fields_after=tuple(after), rows=tuple(rows), prompts=prompts,
            when=p.get("when"), review=bool(p.get("review")), society_victim=p.get("society_victim"),
            relationship_grid=bool(p.get("relationship_grid")),
            max=d.segments[section].max if section else 1,
        ))
    return FormSpec(name=name, title=str(raw.get("title", name)), report=report_kind, pages=tuple(pages), path=path)


def load_form(name: str, d: Dictionary, folder: Path | None = None) -> FormSpec:
    path = (folder or forms_path()) / f"{name}.yaml"
    try:
        with open(path, encoding="utf-8") as fh:
            raw = yaml.load(fh, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise FormError(f"{path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise FormError(f"{path}: a form is a mapping with 'pages'")
    return parse_form(raw, d, str(path))


@functools.lru_cache(maxsize=8)
def _cached(name: str, d_id: int, d: Dictionary) -> FormSpec:
    return load_form(name, d)


def form(name: str, d: Dictionary) -> FormSpec:
    """A form for a dictionary (cached per dictionary object)."""
    return _cached(name, id(d), d)


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


def _code_of(d: Dictionary, element_id: str, value: Any) -> Code | None:
    element = d.elements.get(element_id)
    if element is None or not element.codes:
        return None
    return d.code_lists[element.codes].get(str(value))


def holds(cond: Any, scope: Scope) -> bool:
    """Whether a form condition holds in a scope (``None`` always holds)."""
    if cond is None:
        return True
    if isinstance(cond, list):
        return all(holds(c, scope) for c in cond)
    if not isinstance(cond, dict):
        raise FormError(f"a condition is a mapping, not {cond!r}")
    for key, arg in cond.items():
        if key in ("in", "not_in", "where", "filled", "age_below"):
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
    """What choices depend on besides the report: is the agency federal, and today's date."""

    federal: bool = False
    today: date = field(default_factory=date.today)


def _retired(code: Code, today: date) -> bool:
    when = code.retired
    if not when:
        return False
    try:
        return date.fromisoformat(str(when)) <= today
    except ValueError:
        return True  # a spec year such as "2019": retired


def allowed_everywhere(code: Code, agency: Agency) -> str | None:
    """Why a code is never offered to this agency, or ``None``."""
    if code.federal_only and not agency.federal:
        return "is only for federal and tribal agencies"
    if _retired(code, agency.today):
        return f"was retired ({code.retired})"
    if code.deprecated:
        note = f": {code.get('note')}" if code.get("note") else ""
        return f"is no longer used{note}"
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
                else:
                    chosen |= set(_listed(r.get("codes")))
        if chosen is not None:
            codes = [c for c in codes if c.code in chosen]
    return codes

