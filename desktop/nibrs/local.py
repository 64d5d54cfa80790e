"""The agency's own report fields (local elements): declared like a state's, kept locally, never exported.

An office declares the fields of its own report that NIBRS has no place for (a narrative, the incident's
address, the names of the people in it, a date of birth, the case officer, supplement notes) in one file,
``local.yaml`` in its data folder, written as a state profile is (forms/profiles/README.md): ``elements``
(id, name, label, help, segment, type, restricted...), ``code_lists`` and ``pages``. Each element also says
``export: never``: a local value goes in no FBI or state file. Besides, an element may say

  search: name | address | narrative | ...   the search box finds reports by it, saying where ("name")
  person: last | first | middle              its part of a person's name (a person picked again)
  fills: age                                 the NIBRS field a value fills when that field is empty
                                             (a date of birth fills the age on the incident's date)

and a page may say ``coordinates: true``: the state profile's incident coordinates (its paired decimal
elements, e.g. Missouri's latitude and longitude) join that page when the agency's state has them.

Without a file of its own an office gets the shipped defaults (forms/local.yaml). The local elements join
the agency's state profile (:func:`combine`): the wizard shows them where the pages put them, the store keeps
them in each segment's ``extras`` beside the state's (encrypted with the database), transfer files carry
them, and the flat, XML and state writers never write them (they write only what the FBI layout or the
state's mappings name). No Qt here.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from desktop.nibrs import age as nibrs_age
from desktop.nibrs.dictionary import DataElement
from desktop.nibrs.profiles import (
    LOCAL_ELEMENT_KEYS, Profile, ProfileError, _load_with_lines, _Map, _Seq, parse_profile,
)
from desktop.resources import forms_path

LOCAL = "local"  # the profile id of local elements (DataElement.profile)
LOCAL_FILE = "local.yaml"
PERSON_PARTS = ("last", "first", "middle")
# What a local profile may hold: a state's edits, XML, codes added to FBI lists and migrations are the state's.
_LOCAL_TOP_KEYS = {"profile", "name", "version", "description", "code_lists", "elements", "pages", "words"}
_NOT_LOCAL = {"required", "xml", "flat"}


def shipped_path() -> Path:
    return forms_path(LOCAL_FILE)


def local_path(data_dir: Path | str | None) -> Path:
    """The agency's own local profile when its data folder has one, else the shipped defaults."""
    if data_dir is not None:
        own = Path(data_dir) / LOCAL_FILE
        if own.is_file():
            return own
    return shipped_path()


def parse_local(path: Path) -> Profile:
    """A local profile read and checked (:class:`ProfileError` names file and line)."""
    data = _load_with_lines(path)
    for key in data:
        if key not in _LOCAL_TOP_KEYS:
            raise ProfileError(path, data.line_of(key), f"a local profile has no '{key}' (it declares elements, "
                                                        f"code_lists and pages; edits and exports are the state's)")
    if str(data.get("profile", "")) != LOCAL:
        raise ProfileError(path, data.line_of("profile"), "a local profile says 'profile: local'")
    elements = data.get("elements") or _Seq()
    for i, raw in enumerate(elements):
        line = elements.item_lines[i] if isinstance(elements, _Seq) else data.line
        if not isinstance(raw, _Map):
            continue  # parse_profile names it
        eid = raw.get("id", "?")
        for key in _NOT_LOCAL & set(raw):
            raise ProfileError(path, raw.line_of(key), f"element {eid}: a local element has no '{key}' "
                                                       "(it is never exported nor checked by the state's edits)")
        if raw.get("export") != "never":
            raise ProfileError(path, raw.line_of("export") if "export" in raw else line,
                               f"element {eid}: a local element says 'export: never' (it goes in no FBI or "
                               f"state file)")
        part = raw.get("person")
        if part is not None and part not in PERSON_PARTS:
            raise ProfileError(path, raw.line_of("person"), f"element {eid}: person is one of "
                                                            f"{', '.join(PERSON_PARTS)}")
        if "search" in raw and not (isinstance(raw["search"], str) and raw["search"].strip()):
            raise ProfileError(path, raw.line_of("search"), f"element {eid}: search names what it is found as "
                                                            f"(name, address, narrative...)")
    profile = parse_profile(path, element_keys=frozenset(LOCAL_ELEMENT_KEYS))
    for e in profile.elements:
        fills = e.attrs.get("fills")
        if fills is not None:
            for p in e.placements:
                if profile.dictionary.for_field(p.segment, str(fills)) is None:
                    raise ProfileError(path, None, f"element {e.id}: fills {fills!r}, which segment {p.segment} "
                                                   f"does not have")
    return profile


def load_local(data_dir: Path | str | None) -> Profile:
    return parse_local(local_path(data_dir))


def is_local(element: DataElement) -> bool:
    return element.profile == LOCAL


def coordinates(state: Profile) -> list[str]:
    """The state's incident coordinates: its paired decimal incident elements (latitude, then longitude)."""
    out: list[str] = []
    for e in state.elements:
        pair = e.attrs.get("pair")
        if pair and any(p.segment == "incident" for p in e.placements):
            out += [x for x in (e.id, str(pair)) if x not in out]
    return out


def combine(state: Profile, local: Profile | None) -> Profile:
    """The state profile with the agency's local elements and pages (the state's id, version and edits)."""
    if local is None or not (local.elements or local.pages):
        return state
    clash = {e.id for e in state.elements} & {e.id for e in local.elements}
    if clash:
        raise ProfileError(local.path or LOCAL_FILE, None, f"element(s) {', '.join(sorted(clash))} are the "
                                                           f"state profile's; give local elements other ids")
    lists = {**state.code_lists, **{k: v for k, v in local.code_lists.items() if k not in state.code_lists}}
    coords = coordinates(state)
    placed = {str(f.get("element") if isinstance(f, dict) else f)
              for p in state.pages for f in (p.get("fields") or ())}
    pages = []
    for raw in local.pages:
        page = _Map(raw)
        page.line, page.key_lines = getattr(raw, "line", 0), dict(getattr(raw, "key_lines", {}))
        page.source = str(local.path or "")
        if page.pop("coordinates", False):
            fields = _Seq(raw.get("fields") or ())
            fields.line, fields.item_lines = getattr(raw.get("fields"), "line", 0), \
                list(getattr(raw.get("fields"), "item_lines", []))
            for eid in coords:
                if eid not in placed:
                    fields.append({"element": eid})
                    fields.item_lines.append(page.line)
            page["fields"] = fields
        pages.append(page)
    words = {**local.words, **state.words}
    out = dataclasses.replace(
        state, elements=[*state.elements, *local.elements], code_lists=lists, pages=[*state.pages, *pages],
        words=words, local=local)
    out.__dict__.pop("dictionary", None)  # cached_property of the state's: worked out again with the local ones
    return out


# ------------------------------------------------------------------------------------ values
def person_name(extras: dict[str, Any], elements: Iterable[DataElement]) -> str:
    """A person's name as an office writes it, "LAST, First Middle" ("" when no part is given)."""
    parts = {e.attrs.get("person"): extras.get(e.id) for e in elements if e.attrs.get("person")}
    last, first, middle = (str(parts.get(p) or "").strip() for p in PERSON_PARTS)
    given = " ".join(x for x in (first, middle) if x)
    return f"{last}, {given}" if last and given else last or given


def age_on(born: date, on: date) -> str | None:
    """The NIBRS age code of someone born on ``born`` on the day ``on`` (None when born after it)."""
    if born > on:
        return None
    days = (on - born).days
    if days < 7:
        return "NN" if days < 1 else "NB"
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    if years < 1:
        return "BB"
    return f"{min(years, 99):02d}" if years < 99 else "99"


def searchable(elements: Iterable[DataElement]) -> dict[str, str]:
    """Local elements the search box finds, by id: what each is found as ("name", "address"...)."""
    return {e.id: str(e.attrs["search"]) for e in elements if is_local(e) and e.attrs.get("search")}


def age_text(code: str | None) -> str:
    return nibrs_age.describe(code) if code else ""
