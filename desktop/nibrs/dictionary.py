"""The NIBRS data dictionary: every data element and code list, read from ``resources/dictionary``.

This module is the one declaration the rest of the program reads: the wizard builds its
fields from it, the validator checks values against its code lists, the flat-file and XML
readers and writers take positions, lengths and XML paths from it, and storage refuses
values it does not allow. State profiles add elements and codes through :meth:`Dictionary.extend`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Hashable, Iterable, Iterator, TypeVar

import yaml

from desktop.nibrs.elementtypes import TYPES, ElementType
from desktop.nibrs.specs import SpecVersions, load_specs
from desktop.resources import resource_path

try:  # the C loader is many times faster; fall back when libyaml is absent
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

T = TypeVar("T")


class DictionaryError(ValueError):
    """A mistake in a dictionary or profile file."""


@dataclass(frozen=True)
class Code:
    code: str
    description: str
    xml: str | None = None
    label: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def xml_value(self) -> str:
        return self.xml if self.xml is not None else self.code

    @property
    def text(self) -> str:
        """Plain words for a person: the label, or else the FBI description."""
        return self.label or self.description

    def get(self, key: str, default: Any = None) -> Any:
        return self.attrs.get(key, default)

    @property
    def federal_only(self) -> bool:
        return bool(self.attrs.get("federal_only"))

    @property
    def retired(self) -> str | None:
        """The day (YYYY-MM-DD) from which the FBI no longer takes the code (declared by a spec version)."""
        return self.attrs.get("retired")

    def retired_by(self, day: date) -> bool:
        """The code is retired on ``day`` (never offered from then on, and flagged by the edits)."""
        when = self.attrs.get("retired")
        return bool(when) and date.fromisoformat(when) <= day

    @property
    def deprecated(self) -> str | None:
        return self.attrs.get("deprecated")

    @property
    def exclusive(self) -> bool:
        return bool(self.attrs.get("exclusive"))


@dataclass(frozen=True)
class CodeList:
    id: str
    name: str
    codes: tuple[Code, ...]
    fbi_table: str | None = None
    note: str | None = None

    @functools.cached_property
    def _by_code(self) -> dict[str, Code]:
        return {c.code: c for c in self.codes}

    @functools.cached_property
    def _by_xml(self) -> dict[str, Code]:
        return {c.xml_value: c for c in self.codes}

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def get(self, code: str | None) -> Code | None:
        return self._by_code.get(code) if code is not None else None

    def __getitem__(self, code: str) -> Code:
        return self._by_code[code]

    def from_xml(self, value: str) -> Code | None:
        return self._by_xml.get(value)

    def to_xml(self, code: str) -> str:
        return self._by_code[code].xml_value


@dataclass(frozen=True)
class Placement:
    """Where an element lives: a segment (or group) kind, a model field, a flat position, an XML path."""

    segment: str
    field: str | None
    flat: int | None
    xml: str | None
    mandatory: str = "no"
    profile: str | None = None


@dataclass(frozen=True)
class DataElement:
    id: str
    number: str
    name: str
    type: str
    length: int
    help: str
    placements: tuple[Placement, ...]
    codes: str | None = None
    max: int = 1
    deprecated: str | None = None
    note: str | None = None
    label: str | None = None
    restricted: bool = False
    profile: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def multiple(self) -> bool:
        return self.max > 1

    def placement(self, segment: str) -> Placement | None:
        for p in self.placements:
            if p.segment == segment:
                return p
        return None

    @property
    def value_type(self) -> ElementType:
        """What values of this element's type are (parsed, shown, checked, in files): see elementtypes."""
        return TYPES[self.type]

    @property
    def stored(self) -> bool:
        return any(p.field for p in self.placements)

    @property
    def widget_name(self) -> str:
        """The objectName of this element's field widget: ``de_<id>`` or a profile's own id."""
        return self.id if self.profile else f"de_{self.id}"


@dataclass(frozen=True)
class SegmentKind:
    id: str
    level: str
    name: str
    length: int
    short: tuple[int, ...]
    identifier: str
    record: str
    max: int = 1
    parent: str | None = None  # the report kind whose list holds it (a Group A incident's segments)
    list: str | None = None  # that list: the parent's model field ("victims")
    word: str = ""  # one of them, for a person ("Victim")
    words: str = ""  # several ("Victims")

    @property
    def lengths(self) -> tuple[int, ...]:
        return (self.length, *self.short)


@dataclass(frozen=True)
class GroupKind:
    id: str
    parent: str
    field: str  # the parent segment's list of rows ("relationships")
    name: str
    max: int
    flat_start: int
    flat_stride: int
    word: str = ""  # one row, for a person ("Relationship")
    words: str = ""  # several ("Relationships")


class Dictionary:
    """All elements, code lists, segment kinds and repeating groups."""

    def __init__(
        self,
        elements: Iterable[DataElement],
        code_lists: dict[str, CodeList],
        segments: dict[str, SegmentKind],
        groups: dict[str, GroupKind],
        specs: SpecVersions | None = None,
    ):
        # the FBI specification versions: what each changes (codes, edits, segment lengths), as declared
        # in resources/dictionary/specs/ (desktop/nibrs/specs.py)
        self.specs: SpecVersions = specs if specs is not None else _default_specs()
        self.elements: dict[str, DataElement] = {}
        for element in elements:
            if element.id in self.elements:
                raise DictionaryError(f"data element {element.id!r} is declared twice")
            self.elements[element.id] = element
        self.code_lists = dict(code_lists)
        self.segments = dict(segments)
        self.groups = dict(groups)
        self._by_field: dict[tuple[str, str], DataElement] = {}
        self._derived: dict[Hashable, Any] = {}  # see cached()
        for element in self.elements.values():
            if element.codes and element.codes not in self.code_lists:
                raise DictionaryError(
                    f"data element {element.id!r} refers to unknown code list {element.codes!r}"
                )
            for p in element.placements:
                if p.segment not in self.segments and p.segment not in self.groups and p.segment != "header":
                    raise DictionaryError(f"data element {element.id!r} placed in unknown segment {p.segment!r}")
                if p.field and p.profile is None:
                    self._by_field[(p.segment, p.field)] = element

    # ------------------------------------------------------------------ look-ups
    def element(self, id_: str) -> DataElement:
        try:
            return self.elements[id_]
        except KeyError:
            raise KeyError(f"no data element {id_!r}") from None

    def code_list(self, id_: str) -> CodeList:
        try:
            return self.code_lists[id_]
        except KeyError:
            raise KeyError(f"no code list {id_!r}") from None

    def codes_for(self, element_id: str) -> CodeList:
        element = self.element(element_id)
        if not element.codes:
            raise KeyError(f"data element {element_id!r} has no code list")
        return self.code_lists[element.codes]

    def for_field(self, segment: str, field_name: str) -> DataElement | None:
        """The element stored in ``field_name`` of a ``segment`` (or group) kind."""
        return self._by_field.get((segment, field_name))

    def in_segment(self, segment: str, *, stored_only: bool = False) -> list[tuple[DataElement, Placement]]:
        """Elements placed in a segment or group kind, in declaration order (worked out once per kind)."""
        return list(self.cached(("in segment", segment, stored_only), self._in_segment, segment, stored_only))

    def _in_segment(self, segment: str, stored_only: bool) -> tuple[tuple[DataElement, Placement], ...]:
        out = []
        for element in self.elements.values():
            p = element.placement(segment)
            if p is not None and (p.field or not stored_only):
                out.append((element, p))
        return tuple(out)

    def model_elements(self, segment: str) -> list[tuple[DataElement, Placement]]:
        """FBI elements stored in model fields of a segment kind (not profile extras)."""
        return list(self.cached(("model elements", segment), lambda: tuple(
            (e, p) for e, p in self._in_segment(segment, True) if p.profile is None)))

    def profile_elements(self, segment: str) -> list[tuple[DataElement, Placement]]:
        """State-profile elements of a segment kind; their values live in ``extras``."""
        return list(self.cached(("profile elements", segment), lambda: tuple(
            (e, p) for e, p in self._in_segment(segment, False) if p.profile is not None)))

    def segment_for_level(self, level: str) -> SegmentKind | None:
        for s in self.segments.values():
            if s.level == level:
                return s
        return None

    def groups_of(self, segment: str) -> list[GroupKind]:
        return [g for g in self.groups.values() if g.parent == segment]

    def child_fields(self) -> dict[str, tuple[str, str]]:
        """Child kind -> (parent kind, the parent's list field): a Group A incident's segments, then the groups."""
        out = {k: (s.parent, s.list) for k, s in self.segments.items() if s.parent and s.list}
        out.update((g.id, (g.parent, g.field)) for g in self.groups.values())
        return out

    def list_of(self, kind: str) -> SegmentKind | GroupKind | None:
        """The segment or group kind held in a list (``"victims"``, ``"relationships"``), or None."""
        return self.cached("kinds by list", self._kinds_by_list).get(kind)

    def _kinds_by_list(self) -> dict[str, SegmentKind | GroupKind]:
        out: dict[str, SegmentKind | GroupKind] = {s.list: s for s in self.segments.values() if s.list}
        out.update((g.field, g) for g in self.groups.values())
        return out

    # ------------------------------------------------------------------ derived facts, made once
    def cached(self, key: Hashable, make: Callable[..., T], *args: Any) -> T:
        """A fact derived from this dictionary, made once by ``make(*args)`` and kept as long as the dictionary.

        ``key`` names the fact (with what it depends on besides the dictionary: ``("xml paths", kind)``).
        Readers, writers and rules keep their per-dictionary tables here, so a state profile's own
        dictionary gets its own and a dictionary that is dropped takes them along.
        """
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = make(*args)
            return value

    def numbered(self) -> list[DataElement]:
        return [e for e in self.elements.values() if e.number]

    # ------------------------------------------------------------------ extension (state profiles)
    def extend(
        self,
        elements: Iterable[DataElement] = (),
        code_lists: dict[str, CodeList] | None = None,
        extra_codes: dict[str, Iterable[Code]] | None = None,
    ) -> "Dictionary":
        """A new dictionary with more elements, code lists or codes added to existing lists."""
        lists = dict(self.code_lists)
        for list_id, cl in (code_lists or {}).items():
            if list_id in lists:
                raise DictionaryError(f"code list {list_id!r} already exists")
            lists[list_id] = cl
        for list_id, codes in (extra_codes or {}).items():
            base = lists[list_id]
            added = tuple(codes)
            clash = [c.code for c in added if c.code in base]
            if clash:
                raise DictionaryError(f"code list {list_id!r} already has code(s) {', '.join(clash)}")
            lists[list_id] = CodeList(base.id, base.name, base.codes + added, base.fbi_table, base.note)
        return Dictionary([*self.elements.values(), *elements], lists, self.segments, self.groups, self.specs)


# ---------------------------------------------------------------------- loading
def _load_yaml(path: Path) -> Any:
    """The file's data; parsed once per content, then from the user's cache (``yamlcache``)."""
    from desktop.nibrs.yamlcache import load_yaml

    return load_yaml(path)


_CODE_KEYS = {"code", "description", "xml", "label"}


def parse_code(raw: dict[str, Any], where: str) -> Code:
    if "code" not in raw or "description" not in raw:
        raise DictionaryError(f"{where}: every code needs 'code' and 'description'")
    attrs = {k: v for k, v in raw.items() if k not in _CODE_KEYS}
    return Code(
        code=str(raw["code"]),
        description=str(raw["description"]),
        xml=None if raw.get("xml") is None else str(raw["xml"]),
        label=raw.get("label"),
        attrs=attrs,
    )


def parse_code_list(list_id: str, raw: dict[str, Any], where: str = "") -> CodeList:
    codes = tuple(parse_code(c, f"{where}code list {list_id}") for c in raw.get("codes") or ())
    seen: set[str] = set()
    for c in codes:
        if c.code in seen:
            raise DictionaryError(f"{where}code list {list_id}: code {c.code!r} appears twice")
        seen.add(c.code)
    return CodeList(list_id, raw.get("name", list_id), codes, raw.get("fbi_table"), raw.get("note"))


_ELEMENT_KEYS = {"id", "number", "name", "type", "length", "help", "at", "codes", "max",
                 "deprecated", "note", "label", "restricted", "profile"}


def parse_element(raw: dict[str, Any], where: str = "", profile: str | None = None) -> DataElement:
    try:
        eid = str(raw["id"])
        etype = raw["type"]
    except KeyError as exc:
        raise DictionaryError(f"{where}data element is missing {exc.args[0]!r}") from None
    if etype not in TYPES:  # the element types: desktop/nibrs/elementtypes.py
        raise DictionaryError(f"{where}data element {eid}: unknown type {etype!r}")
    placements = []
    for p in raw.get("at") or ():
        if "segment" not in p:
            raise DictionaryError(f"{where}data element {eid}: a placement needs a 'segment'")
        placements.append(
            Placement(
                segment=p["segment"],
                field=p.get("field"),
                flat=p.get("flat"),
                xml=p.get("xml"),
                mandatory=str(p.get("mandatory", "no")),
                profile=profile,
            )
        )
    if not placements:
        raise DictionaryError(f"{where}data element {eid}: no placement ('at')")
    return DataElement(
        id=eid,
        number=str(raw.get("number", "")),
        name=str(raw.get("name", eid)),
        type=etype,
        length=int(raw.get("length", 0)),
        help=str(raw.get("help", "")),
        placements=tuple(placements),
        codes=raw.get("codes"),
        max=int(raw.get("max", 1)),
        deprecated=None if raw.get("deprecated") is None else str(raw["deprecated"]),
        note=raw.get("note"),
        label=raw.get("label"),
        restricted=bool(raw.get("restricted", False)),
        profile=profile,
        attrs={k: v for k, v in raw.items() if k not in _ELEMENT_KEYS},
    )


def load_dictionary(folder: Path | None = None) -> Dictionary:
    folder = folder or resource_path("dictionary")
    codes_raw = _load_yaml(folder / "codes.yaml")
    elements_raw = _load_yaml(folder / "elements.yaml")
    specs_folder = folder / "specs"
    spec_versions = load_specs(specs_folder if specs_folder.is_dir() else resource_path("dictionary", "specs"))
    code_lists = {k: parse_code_list(k, v, "codes.yaml: ") for k, v in codes_raw.items()}
    code_lists = _with_versions(code_lists, spec_versions)
    lengths = spec_versions.segment_lengths()
    for version in spec_versions:
        missing = set(elements_raw["segments"]) - set(version.segments)
        if missing:
            raise DictionaryError(f"specs/{version.version}: no segment lengths for {', '.join(sorted(missing))}")
    segments = {
        k: SegmentKind(
            id=k,
            level=str(v["level"]),
            name=v["name"],
            length=lengths[k][0],
            short=lengths[k][1:],
            identifier=str(v["identifier"]),
            record=v["record"],
            max=int(v.get("max", 1)),
            parent=v.get("parent"),
            list=v.get("list"),
            word=str(v.get("word", "")),
            words=str(v.get("words", "")),
        )
        for k, v in elements_raw["segments"].items()
    }
    groups = {
        k: GroupKind(
            id=k,
            parent=v["parent"],
            field=v["field"],
            name=v["name"],
            max=int(v["max"]),
            flat_start=int(v["flat"]["start"]),
            flat_stride=int(v["flat"]["stride"]),
            word=str(v.get("word", "")),
            words=str(v.get("words", "")),
        )
        for k, v in elements_raw["groups"].items()
    }
    elements = [parse_element(e, "elements.yaml: ") for e in elements_raw["elements"]]
    code_lists[ORI_STATES] = _ori_states(resource_path("fbi", "ori-state-codes.csv"))
    return Dictionary(elements, code_lists, segments, groups, spec_versions)


def _with_versions(code_lists: dict[str, CodeList], spec_versions: SpecVersions) -> dict[str, CodeList]:
    """The code lists with what the spec versions say of their codes: ``retired`` (the day), ``retired_in`` and
    ``retired_why`` (the version and its source), ``since`` (the version, or the edition, that added it)."""
    out = dict(code_lists)
    for list_id, cl in code_lists.items():
        changed = False
        codes = []
        for c in cl.codes:
            gone, new = spec_versions.retirement(list_id, c.code), spec_versions.addition(list_id, c.code)
            if gone is None and new is None:
                codes.append(c)
                continue
            attrs = dict(c.attrs)
            if gone is not None:
                attrs.update(retired=gone.date.isoformat(), retired_in=gone.version, retired_why=gone.statement.source)
            if new is not None:
                attrs.update(since=new.first_in or new.version, added_in=new.version)
            codes.append(Code(c.code, c.description, c.xml, c.label, attrs))
            changed = True
        if changed:
            out[list_id] = CodeList(cl.id, cl.name, tuple(codes), cl.fbi_table, cl.note)
    for version in spec_versions:
        for change in version.codes:
            if change.list not in code_lists or change.code not in code_lists[change.list]:
                raise DictionaryError(f"specs/{version.version}: code {change.code!r} is not in the code list "
                                      f"{change.list!r} of codes.yaml")
    return out


ORI_STATES = "ori_state"  # the code list of the codes an ORI begins with (059)


def _ori_states(path: Path) -> CodeList:
    """The NCIC state codes the FBI's ORIs begin with (resources/fbi/ori-state-codes.csv; its README says whence)."""
    import csv

    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    codes = tuple(Code(code=r["Code"], description=r["Name"], attrs={"kind": r["Kind"], "oris": int(r["ORIs"])})
                  for r in rows)
    return CodeList(ORI_STATES, "ORI State Code", codes, note="Technical Specification 2019.1, Table 3-7 (059)")


def _default_specs() -> SpecVersions:
    from desktop.nibrs.specs import specs

    return specs()


@functools.lru_cache(maxsize=1)
def dictionary() -> Dictionary:
    """The FBI data dictionary (no state profile), loaded once per process."""
    return load_dictionary()
