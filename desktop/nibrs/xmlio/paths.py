"""Where each data element lives in a NIBRS XML document.

The dictionary gives each placement an ``xml`` path relative to ``nibrs:Report``: its first step
names the entity that holds the element (``j:Offense``, ``nc:Person``, ``nc:Item`` ...), the rest
the path inside that entity. The reader and the writer both walk these paths; a value's XML text
is its element type's (``element.value_type.to_xml`` / ``from_xml``).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from desktop.nibrs.dictionary import DataElement, Dictionary, Placement
from desktop.nibrs.xmlio.schema import T, SchemaModel, clark


@dataclass(frozen=True)
class ElementPath:
    element: DataElement
    field: str | None
    entity: str  # first step: the entity that holds the element ("j:Offense")
    steps: tuple[str, ...]  # the rest, as Clark names
    text: str  # the dictionary's path, for messages


def _element_path(e: DataElement, p: Placement) -> ElementPath:
    entity, *rest = p.xml.split("/")  # type: ignore[union-attr]
    return ElementPath(e, p.field, entity, tuple(clark(s) for s in rest), p.xml)  # type: ignore[arg-type]


def element_paths(d: Dictionary, kind: str) -> list[ElementPath]:
    """The elements of a segment kind that have an XML path (computed once per dictionary)."""
    return d.cached(("xml paths", kind), _element_paths, d, kind)


def _element_paths(d: Dictionary, kind: str) -> list[ElementPath]:
    return [_element_path(e, p) for e, p in d.in_segment(kind) if p.xml and p.profile is None]


def path_of(d: Dictionary, element_id: str, kind: str) -> ElementPath:
    e = d.element(element_id)
    p = e.placement(kind)
    if p is None or not p.xml:
        raise KeyError(f"data element {element_id} has no XML path in {kind}")  # pragma: no cover
    return _element_path(e, p)


def texts_at(model: SchemaModel, entity: etree._Element | None, steps: tuple[str, ...]) -> list[str]:
    """Text of every element at ``steps`` under ``entity`` (a state's substitute element counts)."""
    if entity is None:
        return []
    parents = [entity]
    for tag in steps[:-1]:
        parents = [c for p in parents for c in p.iterchildren(tag)]
    last = steps[-1]
    found = [c for p in parents for c in p.iterchildren(last)]
    if not found:
        found = [c for p in parents for c in p.iterchildren()
                 if isinstance(c.tag, str) and c.tag != last and model.substitutes(c.tag, last)]
    return [(c.text or "").strip() for c in found]


# An element whose path ends in one of these names another entity by s:ref (DE 24, DE 34).
REFERENCE_TAGS = frozenset({T["j:Subject"], T["j:Victim"], T["j:Offense"], T["nc:Location"]})
