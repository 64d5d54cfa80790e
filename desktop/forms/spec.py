"""Wizard definitions (forms/*.yaml, and the pages a state profile adds) read into specs. No Qt here.

A form names data elements; everything else about a field (type, length, code list, help) comes
from the data dictionary, so a field is never described twice. The form's ``pages`` list says
which pages the wizard has and in which order; a state profile's ``pages`` add pages before or
after one of them (forms/profiles/README.md). The wizard gives each page the class registered
for its ``kind`` (desktop/ui/wizard/pages.py). A mistake is a :class:`FormError` naming the file
and the line. The conditions and choices the forms declare are evaluated in ``conditions``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml

from desktop.nibrs.dictionary import DataElement, Dictionary, GroupKind, Placement
from desktop.nibrs.model import CHILD_FIELDS
from desktop.resources import forms_path


class FormError(ValueError):
    """A mistake in a form file (or in the pages of a state profile): ``file:line: problem``."""


def _error(path: str, raw: Any, problem: str) -> FormError:
    line = getattr(raw, "line", None)
    return FormError(f"{path}:{line}: {problem}" if line else f"{path}: {problem}")


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
    default_when: Any = None  # a condition: the default applies to a new section only when it holds
    referenced_by: tuple[str, ...] = ()  # elements holding this one's values: they follow when it changes

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
    title: str = ""  # the heading over the rows (a form text), e.g. "Drugs"


@dataclass(frozen=True)
class PromptSpec:
    id: str
    text: str
    when: Any = None


@dataclass(frozen=True)
class PageSpec:
    """One page of a wizard. ``kind`` names the page class registered for it (desktop/ui/wizard/pages.py);
    without one the class registered under the page's id serves, or else the generic form or section page."""

    id: str
    title: str
    subtitle: str = ""
    kind: str | None = None
    segment: str | None = None  # kind of the segment the page's own fields live in
    section: str | None = None  # repeatable segment kind (offense, victim...)
    item: str = ""  # container name prefix of a section: offense_<n>
    add_label: str = ""  # a section page's Add button, with its & mnemonic ("Add o&ffense")
    list_field: str | None = None  # model list holding the sections (offenses...)
    fields: tuple[FieldSpec, ...] = ()
    fields_after: tuple[FieldSpec, ...] = ()  # report-level fields shown after the sections
    rows: tuple[RowsSpec, ...] = ()
    prompts: tuple[PromptSpec, ...] = ()
    when: Any = None
    society_victim: dict | None = None
    copy_from: dict | None = None  # a section started from another page's section (an arrestee from an offender)
    relationship_grid: bool = False
    start_with_one: bool = False  # a section page shows its first (empty) section ready to type in
    max: int = 1
    path: str = ""  # the file that declares the page (the form, or a state profile) and its line there
    line: int = 0

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

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
    profile: str | None = None  # the state profile whose pages are added

    def page(self, page_id: str) -> PageSpec:
        for p in self.pages:
            if p.id == page_id:
                return p
        raise KeyError(page_id)


# ----------------------------------------------------------------------------- reading YAML with lines
class _Lined(dict):
    """A mapping read from YAML that knows its line (1-based), for messages."""

    line = 0


class _LineLoader(yaml.SafeLoader):
    pass


def _lined_mapping(loader: _LineLoader, node: yaml.MappingNode):
    data = _Lined()
    data.line = node.start_mark.line + 1
    yield data
    data.update(loader.construct_mapping(node))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _lined_mapping)


def read_yaml(path: Path) -> Any:
    """A form file, every mapping in it with its line; a file that is not YAML names its line."""
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LineLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise FormError(f"{where}: not valid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise FormError(f"{path}: {exc}") from None


# ----------------------------------------------------------------------------- loading
PAGE_KEYS = {"id", "kind", "title", "subtitle", "segment", "section", "item", "add_label", "fields", "fields_after",
             "rows", "prompts", "when", "society_victim", "copy_from", "relationship_grid", "start_with_one"}
PROFILE_PAGE_KEYS = {"wizard", "after", "before"}  # where a state profile's page goes


def _field(raw: Any, kind: str, d: Dictionary, path: str, where: str) -> FieldSpec:
    if not isinstance(raw, dict) or "element" not in raw:
        raise _error(path, raw, f"{where}: a field needs 'element'")
    eid = str(raw["element"])
    element = d.elements.get(eid)
    if element is None:
        raise _error(path, raw, f"{where}: no data element {eid!r} in the dictionary")
    placement = element.placement(kind)
    if placement is None:
        raise _error(path, raw, f"{where}: data element {eid} ({element.name}) does not belong in a {kind} segment")
    return FieldSpec(
        element=element, placement=placement, kind=kind,
        label=str(raw.get("label") or element.label or element.name),
        help=str(raw.get("help") or element.help),
        when=raw.get("when"), choices=raw.get("choices"), default=raw.get("default"),
        infants=bool(raw.get("infants", False)), default_when=raw.get("default_when"),
        referenced_by=tuple(str(e) for e in raw.get("referenced_by") or ()),
    )


def _profile_fields(d: Dictionary, kind: str, placed: set[str]) -> tuple[FieldSpec, ...]:
    """A state profile's elements of a segment kind that no page of the form places itself."""
    return tuple(FieldSpec(element=element, placement=placement, kind=kind, label=element.label or element.name,
                           help=element.help)
                 for element, placement in d.profile_elements(kind) if element.id not in placed)


def _list_field(kind: str) -> str | None:
    entry = CHILD_FIELDS.get(kind)
    return entry[1] if entry else None


def _page(p: Any, i: int, d: Dictionary, report_kind: str, path: str, extra_keys: frozenset = frozenset()) -> PageSpec:
    if not isinstance(p, dict):
        raise _error(path, p, f"page {i}: a page is a mapping (id, title, segment or section, fields...)")
    pid = str(p.get("id") or f"page{i}")
    where = f"page {pid}"
    unknown = sorted(set(p) - PAGE_KEYS - extra_keys)
    if unknown:
        allowed = ", ".join(sorted(PAGE_KEYS | extra_keys))
        raise _error(path, p, f"{where}: unknown key {unknown[0]!r} (allowed: {allowed})")
    section = p.get("section")
    kind = section or p.get("segment") or report_kind
    if kind not in d.segments:
        raise _error(path, p, f"{where}: unknown segment kind {kind!r}")
    rows = []
    for r in p.get("rows") or ():
        gid = r.get("group")
        group = d.groups.get(gid)
        if group is None or group.parent != kind:
            raise _error(path, r, f"{where}: {gid!r} is not a repeating group of a {kind} segment")
        rows.append(RowsSpec(group=group, item=r.get("item", gid), add_label=r.get("add_label", "Add"),
                             fields=tuple(_field(f, gid, d, path, f"{where}, {gid} field {f.get('element')}")
                                          for f in r.get("fields") or ()),
                             when=r.get("when"), title=str(r.get("title") or group.name)))
    prompts = tuple(PromptSpec(str(q.get("id", "")), " ".join(str(q.get("text", "")).split()), q.get("when"))
                    for q in p.get("prompts") or ())
    return PageSpec(
        id=pid, title=str(p.get("title", pid)), subtitle=str(p.get("subtitle", "")),
        kind=str(p["kind"]) if p.get("kind") else None,
        segment=None if section else kind, section=section, item=p.get("item", section or ""),
        add_label=str(p.get("add_label") or ""),
        list_field=_list_field(section) if section else None,
        fields=tuple(_field(f, kind, d, path, f"{where}, field {f.get('element') if isinstance(f, dict) else f}")
                     for f in p.get("fields") or ()),
        fields_after=tuple(_field(f, report_kind, d, path, f"{where}, field {f.get('element')}")
                           for f in p.get("fields_after") or ()),
        rows=tuple(rows), prompts=prompts, when=p.get("when"), society_victim=_society_victim(p.get("society_victim")),
        copy_from=_copy_from(p.get("copy_from"), d, path, where),
        relationship_grid=bool(p.get("relationship_grid")), start_with_one=bool(p.get("start_with_one")),
        max=d.segments[section].max if section else 1, path=path, line=getattr(p, "line", 0),
    )


def _copy_from(raw: Any, d: Dictionary, path: str, where: str) -> dict | None:
    """A section page's ``copy_from``: ``section`` (the kind copied from) and ``fields`` (element here: element
    there); a state profile's elements both kinds hold are copied as well."""
    if not raw:
        return None
    if not isinstance(raw, dict) or raw.get("section") not in d.segments:
        raise _error(path, raw, f"{where}: copy_from needs 'section' (a segment kind) and 'fields'")
    fields = {str(k): str(v) for k, v in (raw.get("fields") or {}).items()}
    for mine, theirs in fields.items():
        if mine not in d.elements or theirs not in d.elements:
            raise _error(path, raw, f"{where}: copy_from: no data element {mine if mine not in d.elements else theirs}")
    return {"section": str(raw["section"]), "fields": fields}


def _society_victim(raw: Any) -> dict | None:
    """The Victims page's Society/Public victim: when, victim_type, and the note (its words on one line)."""
    if not raw:
        return None
    return {**raw, "note": " ".join(str(raw.get("note", "")).split())}


def _with_profile_pages(entries: list[tuple[Any, str]], form_name: str, profile_pages: Iterable[Any],
                        default_path: str) -> list[tuple[Any, str]]:
    """The form's pages with a state profile's pages for this wizard, each before or after the page it names."""
    for raw in profile_pages:
        profile_path = getattr(raw, "source", None) or default_path  # a local page names the local file
        if not isinstance(raw, dict) or not raw.get("id"):
            raise _error(profile_path, raw, "a page needs 'id' (and wizard, after or before, title, fields...)")
        if raw.get("wizard", "incident") != form_name:
            continue
        anchor = raw.get("after") or raw.get("before")
        ids = [str(p.get("id")) for p, _path in entries if isinstance(p, dict)]
        if not anchor or (raw.get("after") and raw.get("before")):
            raise _error(profile_path, raw, f"page {raw['id']}: say where it goes with 'after' or 'before' "
                                            f"a page of the {form_name} wizard ({', '.join(ids)})")
        if str(anchor) not in ids:
            raise _error(profile_path, raw, f"page {raw['id']}: the {form_name} wizard has no page {anchor!r} "
                                            f"({', '.join(ids)})")
        at = ids.index(str(anchor)) + (1 if raw.get("after") else 0)
        entries.insert(at, (raw, profile_path))
    return entries


def _place_profile_elements(pages: list[PageSpec], d: Dictionary) -> list[PageSpec]:
    """A profile element no page lists joins the end of the first page (or row list) holding its segment; in a
    section of people (victims, offenders, arrestees) the agency's person fields (name, date of birth) come
    first, as on a paper form (the cursor still starts in the first empty NIBRS field: ``entry_fields``)."""
    placed = {f.element.id for page in pages for f in page.all_fields()}
    out, done = [], set()
    for page in pages:
        kind = page.section or page.segment
        if kind and kind not in done:
            done.add(kind)
            added = _profile_fields(d, kind, placed)
            first = tuple(f for f in added if page.section and _personal(f.element))
            page = dataclasses.replace(page, fields=first + page.fields + tuple(f for f in added if f not in first))
        rows = []
        for r in page.rows:
            if r.group.id not in done:
                done.add(r.group.id)
                r = dataclasses.replace(r, fields=r.fields + _profile_fields(d, r.group.id, placed))
            rows.append(r)
        out.append(dataclasses.replace(page, rows=tuple(rows)))
    return out


def _personal(element) -> bool:
    """An agency's own field about the person (a part of the name, a date of birth)."""
    return element.attrs.get("export") == "never" and bool(element.attrs.get("person") or element.attrs.get("fills"))


def entry_fields(fields: list) -> list:
    """Of a page's or a new section's field widgets (each with its ``spec``), those the cursor may start in: the
    NIBRS ones (the agency's own fields, export: never, are reached by Tab, Shift+Tab or their Alt letters), or
    every one when there are none."""
    nibrs = [f for f in fields if f.spec.element.attrs.get("export") != "never"]
    return nibrs or list(fields)


def parse_form(raw: dict, d: Dictionary, path: str = "", profile_pages: Iterable[Any] = (),
               profile_path: str = "", profile: str | None = None) -> FormSpec:
    name = raw.get("wizard") or Path(path).stem
    report_kind = raw.get("report", "incident")
    pages_raw = raw.get("pages") or ()
    if not isinstance(pages_raw, list):
        raise _error(path, raw, "'pages' is a list of pages")
    profile_pages = list(profile_pages)
    added = {profile_path} | {getattr(p, "source", None) or profile_path for p in profile_pages}
    entries = _with_profile_pages([(p, path) for p in pages_raw], name, profile_pages, profile_path)
    pages = [_page(p, i, d, report_kind, where, frozenset(PROFILE_PAGE_KEYS) if where in added and where
                   else frozenset())
             for i, (p, where) in enumerate(entries, 1)]
    seen: dict[str, PageSpec] = {}
    for page in pages:
        if page.id in seen:
            raise FormError(f"{page.where}: page {page.id} is declared twice (also at {seen[page.id].where})")
        seen[page.id] = page
    return FormSpec(name=name, title=str(raw.get("title", name)), report=report_kind,
                    pages=tuple(_place_profile_elements(pages, d)), path=path, profile=profile)


def load_form(name: str, d: Dictionary, folder: Path | None = None, profile: Any = None) -> FormSpec:
    """forms/<name>.yaml for a dictionary, with the pages ``profile`` (a state profile) adds to it."""
    path = (folder or forms_path()) / f"{name}.yaml"
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise FormError(f"{path}: a form is a mapping with 'pages'")
    pages = getattr(profile, "pages", None) or ()
    return parse_form(raw, d, str(path), pages, str(getattr(profile, "path", "") or ""),
                      getattr(profile, "id", None))


_FORMS: dict[tuple, FormSpec] = {}


def form(name: str, d: Dictionary, profile: Any = None) -> FormSpec:
    """A form for a dictionary and a state profile, read once."""
    folder = forms_path()
    local = getattr(profile, "local", None)  # the agency's local elements (desktop.nibrs.local) joined to it
    key = (name, d, str(folder), getattr(profile, "id", None), getattr(profile, "version", None),
           str(getattr(profile, "path", "")), str(getattr(local, "path", "")), getattr(local, "version", None))
    spec = _FORMS.get(key)
    if spec is None:
        if len(_FORMS) > 32:
            _FORMS.clear()
        spec = _FORMS[key] = load_form(name, d, folder, profile)
    return spec
