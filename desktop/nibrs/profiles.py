"""State profiles: a state's extra data elements, codes, edits and export mapping, as data.

A profile is one YAML file in ``forms/profiles/`` (shipped) or in the ``profiles`` folder of
the data folder (installed by the office when the state publishes a change). It declares:

  profile, name, version, state       who it is for and which version
  code_lists                          new code lists (e.g. Missouri immigration status)
  extend_codes                        codes added to FBI lists (e.g. Hawaii race codes), each
                                      with the FBI code it becomes in FBI files (``fbi:``)
  elements                            extra data elements: id, name, label, help, segment(s),
                                      type, code list, when required, restricted, export mapping
  edits                               the state's own edits: number, message, fix, condition
                                      (``when``) or a list of codes the state rejects (``reject``)
  xml                                 the state XML: namespace, extension schema, and which
                                      elements go where (augmentation of nc:Incident / nc:Person,
                                      or a replacement element for an FBI element)
  migrations                          how values of an older profile version map to this one
  pages                               wizard pages the state adds (checked and built by desktop.forms)

A mistake gives a :class:`ProfileError` naming the file, the line and the problem; the
registry keeps the last good version of a profile when a new file is broken.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import threading
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

import yaml

from desktop.nibrs.conditions import Condition, ConditionError
from desktop.nibrs.dictionary import (
    Code, CodeList, DataElement, Dictionary, DictionaryError, Placement, dictionary as fbi_dictionary,
)
from desktop.nibrs.elementtypes import TYPES
from desktop.resources import forms_path, resource_path

FBI = "fbi"
PROFILE_SEGMENTS = ("incident", "offense", "property", "victim", "offender", "arrestee", "group_b")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class ProfileError(ValueError):
    """A mistake in a profile file: ``file:line: problem``."""

    def __init__(self, path: Path | str, line: int | None, problem: str):
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")


# ------------------------------------------------------------------------------------ YAML with lines
class _Map(dict):
    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class _Seq(list):
    line: int = 0
    item_lines: list


def _convert(node: yaml.Node, loader: yaml.SafeLoader) -> Any:
    if isinstance(node, yaml.MappingNode):
        out = _Map()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for k, v in node.value:
            key = loader.construct_object(k)
            if isinstance(key, bool):  # `on:`/`yes:` read as booleans by YAML 1.1
                key = k.value
            out[str(key)] = _convert(v, loader)
            out.key_lines[str(key)] = k.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = _Seq(_convert(v, loader) for v in node.value)
        seq.line = node.start_mark.line + 1
        seq.item_lines = [v.start_mark.line + 1 for v in node.value]
        return seq
    return loader.construct_object(node)


def _load_with_lines(path: Path) -> _Map:
    text = path.read_text(encoding="utf-8")
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ProfileError(path, None, "the file is empty")
        data = _convert(node, loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise ProfileError(path, mark.line + 1 if mark else None,
                           f"not valid YAML: {exc.problem or exc.context}") from None
    finally:
        loader.dispose()
    if not isinstance(data, _Map):
        raise ProfileError(path, 1, "a profile is a mapping of keys (profile, name, version, ...)")
    return data


# ------------------------------------------------------------------------------------ the profile
@dataclass(frozen=True)
class ProfileEdit:
    number: str
    segment: str
    message: str
    fix: str
    severity: str = "error"
    elements: tuple[str, ...] = ()
    when: Condition | None = None
    reject_codes: tuple[str, ...] = ()
    reject_elements: tuple[str, ...] = ()


@dataclass(frozen=True)
class XmlMapping:
    """Where a profile element (or an FBI element a profile replaces) goes in the state XML."""

    element_id: str
    container: str  # incident | person | replace
    name: str  # qualified name in the profile namespace, e.g. "mo:IncidentLatitude"


@dataclass
class Profile:
    id: str
    name: str
    version: str
    path: Path | None
    state: str = ""
    description: str = ""
    elements: list[DataElement] = field(default_factory=list)
    code_lists: dict[str, CodeList] = field(default_factory=dict)
    extend_codes: dict[str, list[Code]] = field(default_factory=dict)
    edits: list[ProfileEdit] = field(default_factory=list)
    xml_namespace: tuple[str, str] | None = None  # (prefix, uri)
    xml_schema: Path | None = None
    xml_mappings: list[XmlMapping] = field(default_factory=list)
    migrations: list[dict[str, Any]] = field(default_factory=list)
    pages: list[dict[str, Any]] = field(default_factory=list)  # wizard pages it adds, as read (see desktop.forms)
    words: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # list -> code -> the state's own words
    required: dict[str, tuple[Condition | None, str, str, str]] = field(default_factory=dict)
    local: "Profile | None" = None  # the agency's local elements joined to it (desktop.nibrs.local.combine)

    def element(self, element_id: str) -> DataElement | None:
        return next((e for e in self.elements if e.id == element_id), None)

    def restricted_elements(self) -> list[DataElement]:
        return [e for e in self.elements if e.restricted]

    @functools.cached_property
    def dictionary(self) -> Dictionary:
        """The FBI dictionary extended with this profile's elements and codes."""
        d = fbi_dictionary().extend(self.elements, self.code_lists, self.extend_codes)
        return _with_words(d, self.words) if self.words else d

    def fbi_code(self, list_id: str, code: str | None) -> str | None:
        """The FBI code a state code becomes in FBI files (itself when it is an FBI code)."""
        if code is None:
            return None
        for c in self.extend_codes.get(list_id, ()):
            if c.code == code:
                return c.get("fbi", code)
        return code


def _with_words(d: Dictionary, words: dict[str, dict[str, list[str]]]) -> Dictionary:
    """The dictionary with a state's own words for codes added to each code's ``words`` (the wizard's pickers
    find codes by them)."""
    lists = dict(d.code_lists)
    for list_id, by_code in words.items():
        base = lists[list_id]
        codes = tuple(dataclasses.replace(c, attrs={**c.attrs, "words": [*(c.get("words") or ()),
                                                                           *by_code[c.code]]})
                      if c.code in by_code else c for c in base.codes)
        lists[list_id] = CodeList(base.id, base.name, codes, base.fbi_table, base.note)
    return Dictionary(list(d.elements.values()), lists, d.segments, d.groups)


# ------------------------------------------------------------------------------------ parsing
_TOP_KEYS = {"profile", "name", "version", "state", "description", "code_lists", "extend_codes", "elements",
             "edits", "xml", "migrations", "pages", "words"}
_ELEMENT_KEYS = {"id", "name", "label", "help", "segment", "type", "codes", "length", "max", "required",
                 "required_error", "restricted", "decimals", "range", "pair", "xml", "flat", "note"}
# What an agency's local profile (desktop.nibrs.local) may say of its elements besides: never exported, what the
# search box finds it as, a person's part of a name, the NIBRS element a value fills.
LOCAL_ELEMENT_KEYS = {"export", "search", "person", "fills"}


def _need(m: _Map, key: str, path: Path, what: str) -> Any:
    if key not in m or m[key] in (None, ""):
        raise ProfileError(path, m.line, f"{what} needs '{key}'")
    return m[key]


def _check_keys(m: _Map, allowed: set[str], path: Path, what: str) -> None:
    for key in m:
        if key not in allowed:
            raise ProfileError(path, m.line_of(key), f"unknown key '{key}' in {what} "
                                                     f"(allowed: {', '.join(sorted(allowed))})")


def _condition(text: Any, path: Path, line: int) -> Condition:
    if not isinstance(text, str):
        raise ProfileError(path, line, f"a condition must be text, not {text!r}")
    try:
        return Condition(text)
    except ConditionError as exc:
        raise ProfileError(path, line, str(exc)) from None


def _codes(raw: Any, path: Path, where: str) -> tuple[Code, ...]:
    if not isinstance(raw, list) or not raw:
        raise ProfileError(path, getattr(raw, "line", None), f"{where}: a list of codes is needed")
    out = []
    seen = set()
    for i, c in enumerate(raw):
        line = raw.item_lines[i] if isinstance(raw, _Seq) else None
        if not isinstance(c, dict) or "code" not in c or "description" not in c:
            raise ProfileError(path, line, f"{where}: every code needs 'code' and 'description'")
        code = str(c["code"])
        if code in seen:
            raise ProfileError(path, line, f"{where}: code {code!r} appears twice")
        seen.add(code)
        attrs = {k: v for k, v in c.items() if k not in ("code", "description", "label", "xml")}
        out.append(Code(code, str(c["description"]), None if c.get("xml") is None else str(c["xml"]),
                        c.get("label"), attrs))
    return tuple(out)


def parse_profile(path: Path, *, element_keys: frozenset[str] = frozenset()) -> Profile:
    """A profile file read and checked; ``element_keys`` are more keys its elements may have (kept in attrs)."""
    data = _load_with_lines(path)
    _check_keys(data, _TOP_KEYS, path, "the profile")
    pid = str(_need(data, "profile", path, "the profile"))
    if not _ID.match(pid):
        raise ProfileError(path, data.line_of("profile"), f"profile id {pid!r}: use lower-case letters, digits, _")
    version = str(_need(data, "version", path, "the profile"))
    profile = Profile(id=pid, name=str(_need(data, "name", path, "the profile")), version=version, path=path,
                      state=str(data.get("state", "")), description=str(data.get("description", "")))
    base = fbi_dictionary()

    # code lists
    for list_id, raw in (data.get("code_lists") or {}).items():
        line = data["code_lists"].line_of(list_id)
        if list_id in base.code_lists:
            raise ProfileError(path, line, f"code list '{list_id}' exists in the FBI dictionary; use extend_codes")
        name = raw.get("name", list_id) if isinstance(raw, dict) else list_id
        codes = _codes(raw.get("codes") if isinstance(raw, dict) else raw, path, f"code list '{list_id}'")
        profile.code_lists[list_id] = CodeList(list_id, name, codes)
    for list_id, raw in (data.get("extend_codes") or {}).items():
        line = data["extend_codes"].line_of(list_id)
        if list_id not in base.code_lists:
            raise ProfileError(path, line, f"extend_codes: there is no FBI code list '{list_id}'")
        codes = list(_codes(raw, path, f"extend_codes '{list_id}'"))
        fbi_list = base.code_lists[list_id]
        for i, c in enumerate(codes):
            cline = raw.item_lines[i] if isinstance(raw, _Seq) else line
            target = c.get("fbi")
            if c.code in fbi_list:
                if target is not None:
                    raise ProfileError(path, cline, f"code {c.code!r} is already an FBI code of '{list_id}'")
                continue
            if target is None or str(target) not in fbi_list:
                raise ProfileError(path, cline, f"extend_codes '{list_id}': code {c.code!r} needs 'fbi:' naming "
                                                f"the FBI code it becomes in FBI files")
        profile.extend_codes[list_id] = [c for c in codes if c.code not in fbi_list]

    # the state's own words for codes (of FBI lists and its own): {list: {code: [words]}}
    for list_id, raw in (data.get("words") or {}).items():
        line = data["words"].line_of(list_id)
        codes = profile.code_lists.get(list_id) or base.code_lists.get(list_id)
        if codes is None or not isinstance(raw, dict):
            raise ProfileError(path, line, f"words: there is no code list '{list_id}' (give its codes and words)")
        known = {c.code for c in codes} | {c.code for c in profile.extend_codes.get(list_id, ())}
        for code, said in raw.items():
            if str(code) not in known:
                raise ProfileError(path, line, f"words '{list_id}': there is no code {code!r}")
            if not isinstance(said, list) or not all(isinstance(w, str) and w.strip() for w in said):
                raise ProfileError(path, line, f"words '{list_id}' {code}: a list of words")
        profile.words[list_id] = {str(code): list(said) for code, said in raw.items()}

    # elements
    ids_seen: set[str] = set()
    for i, raw in enumerate(data.get("elements") or []):
        line = data["elements"].item_lines[i]
        if not isinstance(raw, _Map):
            raise ProfileError(path, line, "an element is a mapping (id, name, segment, type, ...)")
        _check_keys(raw, _ELEMENT_KEYS | element_keys, path, "an element")
        eid = str(_need(raw, "id", path, "an element"))
        if not _ID.match(eid) or eid in base.elements:
            raise ProfileError(path, raw.line_of("id"), f"element id {eid!r} must be new, lower-case, e.g. "
                                                        f"'{pid}_latitude'")
        if eid in ids_seen:
            raise ProfileError(path, raw.line_of("id"), f"element id {eid!r} is declared twice")
        ids_seen.add(eid)
        etype = str(_need(raw, "type", path, f"element {eid}"))
        if etype not in TYPES:
            raise ProfileError(path, raw.line_of("type"), f"element {eid}: unknown type {etype!r} "
                                                          f"(one of {', '.join(sorted(TYPES))})")
        segments = raw["segment"] if isinstance(raw.get("segment"), list) else [_need(raw, "segment", path,
                                                                                          f"element {eid}")]
        for s in segments:
            if s not in PROFILE_SEGMENTS:
                raise ProfileError(path, raw.line_of("segment"), f"element {eid}: unknown segment {s!r} "
                                                                 f"(one of {', '.join(PROFILE_SEGMENTS)})")
        codes_id = raw.get("codes")
        if etype == "code":
            if not codes_id:
                raise ProfileError(path, raw.line, f"element {eid}: a code element needs 'codes'")
            if codes_id not in profile.code_lists and codes_id not in base.code_lists:
                raise ProfileError(path, raw.line_of("codes"), f"element {eid}: unknown code list {codes_id!r}")
        attrs: dict[str, Any] = {k: raw[k] for k in element_keys if k in raw}
        if "decimals" in raw:
            attrs["decimals"] = int(raw["decimals"])
        if "range" in raw:
            rng = raw["range"]
            if not (isinstance(rng, list) and len(rng) == 2):
                raise ProfileError(path, raw.line_of("range"), f"element {eid}: range is [lowest, highest]")
            attrs["range"] = (Decimal(str(rng[0])), Decimal(str(rng[1])))
        if "pair" in raw:
            attrs["pair"] = str(raw["pair"])
        if "flat" in raw:  # the element's place in the state's own flat-file layout
            flat = raw["flat"]
            if not isinstance(flat, dict) or not isinstance(flat.get("position"), int) or flat["position"] < 1:
                raise ProfileError(path, raw.line_of("flat"), f"element {eid}: flat needs a position (1-based)")
            if int(raw.get("length", 0)) < 1:
                raise ProfileError(path, raw.line_of("flat"), f"element {eid}: an element in a flat layout needs "
                                                              "a length")
            attrs["flat_position"] = int(flat["position"])
        length = int(raw.get("length", 0))
        element = DataElement(
            id=eid, number="", name=str(_need(raw, "name", path, f"element {eid}")), type=etype, length=length,
            help=str(raw.get("help", "")),
            placements=tuple(Placement(segment=s, field=eid, flat=None, xml=None, mandatory="conditional",
                                       profile=pid) for s in segments),
            codes=codes_id, max=int(raw.get("max", 1)), note=raw.get("note"), label=raw.get("label"),
            restricted=bool(raw.get("restricted", False)), profile=pid, attrs=attrs,
        )
        profile.elements.append(element)
        if "required" in raw and raw["required"] not in (False, None):
            req = raw["required"]
            cond = None if req is True else _condition(req, path, raw.line_of("required"))
            err = raw.get("required_error") or {}
            if not isinstance(err, dict) or "number" not in err:
                raise ProfileError(path, raw.line_of("required"),
                                   f"element {eid}: a required element needs required_error: {{number, message}}")
            profile.required[eid] = (cond, str(err["number"]), str(err.get("message", f"{element.name} is required.")),
                                     str(err.get("fix", f"Enter the {element.name.lower()}.")))
        if "xml" in raw:
            x = raw["xml"]
            if not isinstance(x, dict) or "element" not in x or x.get("container") not in ("incident", "person"):
                raise ProfileError(path, raw.line_of("xml"), f"element {eid}: xml needs 'container' "
                                                             f"(incident or person) and 'element'")
            profile.xml_mappings.append(XmlMapping(eid, x["container"], str(x["element"])))
    for e in profile.elements:
        pair = e.attrs.get("pair")
        if pair and pair not in ids_seen:
            raise ProfileError(path, data["elements"].line, f"element {e.id}: pair {pair!r} is not an element here")

    # edits
    known = set(base.elements) | ids_seen
    for i, raw in enumerate(data.get("edits") or []):
        line = data["edits"].item_lines[i]
        if not isinstance(raw, _Map):
            raise ProfileError(path, line, "an edit is a mapping (number, segment, message, when or reject)")
        _check_keys(raw, {"number", "segment", "message", "fix", "severity", "elements", "when", "reject"}, path,
                    "an edit")
        number = str(_need(raw, "number", path, "an edit"))
        severity = str(raw.get("severity", "error"))
        if severity not in ("error", "warning"):
            raise ProfileError(path, raw.line_of("severity"), f"edit {number}: severity is error or warning")
        elements = tuple(str(e) for e in (raw.get("elements") or ()))
        for e in elements:
            if e not in known:
                raise ProfileError(path, raw.line_of("elements"), f"edit {number}: unknown element {e!r}")
        if "reject" in raw:
            rej = raw["reject"]
            if not isinstance(rej, dict) or not rej.get("codes") or not rej.get("elements"):
                raise ProfileError(path, raw.line_of("reject"), f"edit {number}: reject needs elements and codes")
            rej_elements = tuple(str(e) for e in rej["elements"])
            for e in rej_elements:
                if e not in known:
                    raise ProfileError(path, raw.line_of("reject"), f"edit {number}: unknown element {e!r}")
            profile.edits.append(ProfileEdit(
                number=number, segment="", message=str(_need(raw, "message", path, f"edit {number}")),
                fix=str(raw.get("fix", "")), severity=severity, elements=rej_elements,
                reject_codes=tuple(str(c) for c in rej["codes"]), reject_elements=rej_elements))
            continue
        segment = str(_need(raw, "segment", path, f"edit {number}"))
        if segment not in PROFILE_SEGMENTS:
            raise ProfileError(path, raw.line_of("segment"), f"edit {number}: unknown segment {segment!r}")
        when = _condition(_need(raw, "when", path, f"edit {number}"), path, raw.line_of("when"))
        profile.edits.append(ProfileEdit(number=number, segment=segment,
                                         message=str(_need(raw, "message", path, f"edit {number}")),
                                         fix=str(raw.get("fix", "")), severity=severity, elements=elements,
                                         when=when))

    # xml
    if "xml" in data:
        x = data["xml"]
        if not isinstance(x, _Map):
            raise ProfileError(path, data.line_of("xml"), "xml is a mapping (prefix, namespace, schema, replace)")
        _check_keys(x, {"prefix", "namespace", "schema", "replace"}, path, "xml")
        prefix = str(_need(x, "prefix", path, "xml"))
        uri = str(_need(x, "namespace", path, "xml"))
        profile.xml_namespace = (prefix, uri)
        schema = resource_path(*str(_need(x, "schema", path, "xml")).split("/"))
        if not schema.exists():
            raise ProfileError(path, x.line_of("schema"), f"the extension schema {schema} does not exist")
        profile.xml_schema = schema
        for j, rep in enumerate(x.get("replace") or []):
            rline = x["replace"].item_lines[j]
            if not isinstance(rep, dict) or "element" not in rep or "elements" not in rep:
                raise ProfileError(path, rline, "xml replace needs 'elements' (FBI element ids) and 'element'")
            for e in rep["elements"]:
                if str(e) not in base.elements:
                    raise ProfileError(path, rline, f"xml replace: unknown FBI element {e!r}")
                profile.xml_mappings.append(XmlMapping(str(e), "replace", str(rep["element"])))
    elif profile.xml_mappings:
        raise ProfileError(path, data.line, "elements have xml mappings but the profile has no 'xml' namespace")

    for i, raw in enumerate(data.get("migrations") or []):
        line = data["migrations"].item_lines[i]
        if not isinstance(raw, dict) or "from" not in raw:
            raise ProfileError(path, line, "a migration needs 'from' (the older version) and 'rename' or 'values'")
        profile.migrations.append(dict(raw))

    pages = data.get("pages") or _Seq()
    if not isinstance(pages, _Seq):
        raise ProfileError(path, data.line_of("pages"), "pages is a list of wizard pages")
    for i, raw in enumerate(pages):
        if not isinstance(raw, _Map) or "id" not in raw:
            raise ProfileError(path, pages.item_lines[i], "a page needs 'id' (and wizard, after or before, fields...)")
        profile.pages.append(raw)  # with its lines, for the wizard's messages

    try:  # the extended dictionary must be consistent
        profile.dictionary  # noqa: B018
    except DictionaryError as exc:
        raise ProfileError(path, None, str(exc)) from None
    return profile


def fbi_profile() -> Profile:
    return Profile(id=FBI, name="FBI (no state additions)", version="2019.1", path=None)


# ------------------------------------------------------------------------------------ registry
def shipped_dir() -> Path:
    return forms_path("profiles")


@dataclass
class LoadReport:
    profiles: dict[str, Profile]
    errors: list[ProfileError]


class ProfileRegistry:
    """The installed profiles; a broken file never replaces the last good version of its profile."""

    def __init__(self) -> None:
        self._good: dict[str, Profile] = {FBI: fbi_profile()}
        self.errors: list[ProfileError] = []
        self._lock = threading.Lock()
        self._loaded_from: tuple[Path, ...] = ()
        self._parsed: dict[Path, tuple[bytes, Profile]] = {}  # each file's last good parse, by its content's hash

    def _parse(self, path: Path) -> Profile:
        """The profile of a file, parsed again only when its bytes changed since the last good parse (the start
        loads the profiles twice: opening the store, then the session; a profile's file changes rarely)."""
        digest = hashlib.sha256(path.read_bytes()).digest()
        kept = self._parsed.get(path)
        if kept is not None and kept[0] == digest:
            return kept[1]
        profile = parse_profile(path)
        if hashlib.sha256(path.read_bytes()).digest() == digest:  # not changed while it was read
            self._parsed[path] = (digest, profile)
        return profile

    def load(self, folders: Iterable[Path] | None = None) -> LoadReport:
        folders = tuple(folders) if folders is not None else (shipped_dir(),)
        errors: list[ProfileError] = []
        found: dict[str, Profile] = {}
        shipped: dict[str, Profile] = {}  # the first folder's: what a later folder's profile may not loosen
        for folder in folders:
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob("*.yaml")):
                try:
                    p = self._parse(path)
                except ProfileError as exc:
                    errors.append(exc)
                    continue
                except OSError as exc:
                    errors.append(ProfileError(path, None, f"cannot read the file: {exc}"))
                    continue
                if p.id == FBI:
                    errors.append(ProfileError(path, None, "the id 'fbi' is reserved for the built-in FBI profile"))
                    continue
                if folder != folders[0] and p.id in shipped:
                    loosened = _loosens(shipped[p.id], p)
                    if loosened is not None:  # a profile in the data folder never loosens the shipped one
                        errors.append(loosened)
                        continue
                elif folder == folders[0]:
                    shipped[p.id] = p
                prior = found.get(p.id)
                if prior is None or _version_key(p.version) >= _version_key(prior.version):
                    found[p.id] = p  # later folders (the data folder) win over shipped ones at equal version
        with self._lock:
            for pid, p in found.items():
                self._good[pid] = p
                _register_rules(p)
            self.errors = errors
            self._loaded_from = folders
        return LoadReport(dict(self._good), errors)

    def get(self, profile_id: str | None) -> Profile:
        if not self._loaded_from:
            self.load()
        pid = profile_id or FBI
        if pid not in self._good:
            raise KeyError(f"no state profile {pid!r} is installed")
        return self._good[pid]

    def all(self) -> list[Profile]:
        if not self._loaded_from:
            self.load()
        return sorted(self._good.values(), key=lambda p: (p.id != FBI, p.name))


def _loosens(shipped: Profile, p: Profile) -> ProfileError | None:
    """Whether ``p`` (a profile installed in the data folder) loosens a restriction of the shipped profile of the
    same id: an element restricted there must be there and restricted here (adding elements, or restricting more,
    is allowed). The error names the file and line."""
    for element in shipped.restricted_elements():
        mine = p.element(element.id)
        if mine is not None and mine.restricted:
            continue
        data = _load_with_lines(Path(p.path))
        line = data.line_of("elements")
        for i, raw in enumerate(data.get("elements") or []):
            if isinstance(raw, _Map) and str(raw.get("id")) == element.id:
                line = raw.line_of("restricted") if "restricted" in raw else data["elements"].item_lines[i]
        what = "drops" if mine is None else "does not restrict"
        return ProfileError(p.path, line, f"refused: it {what} element {element.id}, which the shipped profile "
                                          f"{shipped.id} {shipped.version} restricts; a profile in the data folder "
                                          "may add elements or tighten restrictions, never loosen them")
    return None


def _version_key(v: str) -> tuple:
    return tuple(int(x) if x.isdigit() else x for x in re.split(r"[.\-]", v))


REGISTRY = ProfileRegistry()


def list_profiles() -> list[Profile]:
    return REGISTRY.all()


def get_profile(profile_id: str | None) -> Profile:
    return REGISTRY.get(profile_id)


def load_profiles(data_dir: Path | None = None) -> LoadReport:
    """Load the shipped profiles and those installed in ``<data_dir>/profiles``."""
    folders = [shipped_dir()]
    if data_dir is not None:
        folders.append(Path(data_dir) / "profiles")
    return REGISTRY.load(folders)


# ------------------------------------------------------------------------------------ edits -> rules
_registered: dict[str, list] = {}


def _register_rules(profile: Profile) -> None:
    """Declare the profile's edits (and required elements) as rules that apply only to it."""
    from desktop.nibrs.rules.engine import REGISTRY as RULES, Rule, hit

    old = _registered.pop(profile.id, [])
    RULES.rules[:] = [r for r in RULES.rules if r not in old]
    RULES.load()
    new: list[Rule] = []
    d = profile.dictionary

    def add(**kw: Any) -> None:
        r = Rule(profiles=frozenset({profile.id}), **kw)
        RULES.add(r)
        new.append(r)

    for element in profile.elements:
        req = profile.required.get(element.id)
        for placement in element.placements:
            kind = placement.segment
            if req is not None:
                cond, number, message, fix = req

                def required(seg, *rest, _e=element, _c=cond):
                    incident = rest[0] if len(rest) == 2 else None
                    if (_c is None or _c.evaluate(seg, incident)) and seg.extras.get(_e.id) in (None, "", []):
                        yield hit(_e.id, None)

                add(number=number, segment=kind, message=message, fix=fix, func=required, elements=(element.id,))
            if element.type == "code" and element.codes:
                codes = d.code_lists[element.codes]

                def in_list(seg, *rest, _e=element, _codes=codes):
                    v = seg.extras.get(_e.id)
                    if v not in (None, "") and v not in _codes:
                        yield hit(_e.id, v, detail=f"{_e.name} {v!r} is not one of its codes")

                add(number=f"{profile.state or profile.id.upper()}-CODE", segment=kind, message="{detail}.",
                    fix="Choose one of the codes the list offers.", func=in_list, elements=(element.id,))
    for edit in profile.edits:
        if edit.reject_codes:
            for eid in edit.reject_elements:
                element = d.element(eid)
                for placement in element.placements:
                    kind = placement.segment
                    if kind not in PROFILE_SEGMENTS:
                        continue

                    def reject(seg, *rest, _e=element, _p=placement, _codes=set(edit.reject_codes)):
                        value = getattr(seg, _p.field) if _p.profile is None else seg.extras.get(_e.id)
                        values = value if isinstance(value, list) else [value]
                        for i, v in enumerate(values):
                            if v in _codes:
                                yield hit(_e.id, v, index=i if isinstance(value, list) else None)

                    add(number=edit.number, segment=kind, message=edit.message, fix=edit.fix, func=reject,
                        elements=(eid,), severity=edit.severity)
            continue

        def when(seg, *rest, _edit=edit):
            incident = rest[0] if len(rest) == 2 else (seg if _edit.segment == "incident" else None)
            if _edit.when.evaluate(seg, incident):
                first = _edit.elements[0] if _edit.elements else None
                field_name = _field_of(d, _edit.segment, first) if first else None
                value = getattr(seg, field_name) if field_name else seg.extras.get(first) if first else None
                yield hit(first, value)

        add(number=edit.number, segment=edit.segment, message=edit.message, fix=edit.fix, func=when,
            elements=edit.elements, severity=edit.severity)
    _registered[profile.id] = new


def _field_of(d: Dictionary, segment: str, element_id: str) -> str | None:
    e = d.elements.get(element_id)
    if e is None:
        return None
    p = e.placement(segment)
    return p.field if p is not None and p.profile is None else None


# ------------------------------------------------------------------------------------ migrations
def migrate_extras(profile: Profile, from_version: str, extras: dict[str, Any]) -> dict[str, Any]:
    """Values saved under an older version of a profile, as this version names them."""
    if not from_version or from_version == profile.version:
        return dict(extras)
    out = dict(extras)
    for step in profile.migrations:
        if _version_key(str(step["from"])) < _version_key(from_version):
            continue
        for old, new in (step.get("rename") or {}).items():
            if old in out and new not in out:
                out[new] = out.pop(old)
        for eid, mapping in (step.get("values") or {}).items():
            if eid in out and out[eid] in mapping:
                out[eid] = mapping[out[eid]]
    return out
