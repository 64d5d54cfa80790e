"""The IEPD 2019.1 around the data elements: namespaces, the envelope's tags, the schema set.

:func:`schema` validates a document (loaded once per process, offline); :class:`SchemaModel`
reads the element order and substitution groups of the schema's XSD files, so the writer can
put children in schema order and the reader can find a state's element (Hawaii's race code)
where the FBI element it substitutes for would be.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterator

from lxml import etree

from desktop.resources import resource_path

# The IEPD 2019.1 namespaces, with the prefixes the dictionary's paths and the FBI samples use.
NS = {
    "nibrs": "http://fbi.gov/cjis/nibrs/2019",
    "cjis": "http://fbi.gov/cjis/2.0",
    "cjiscodes": "http://fbi.gov/cjis/cjis-codes/2.0",
    "i": "http://release.niem.gov/niem/appinfo/3.0/",
    "ucr": "http://release.niem.gov/niem/codes/fbi_ucr/3.2/",
    "j": "http://release.niem.gov/niem/domains/jxdm/5.2/",
    "term": "http://release.niem.gov/niem/localTerminology/3.0/",
    "nc": "http://release.niem.gov/niem/niem-core/3.0/",
    "niem-xsd": "http://release.niem.gov/niem/proxy/xsd/3.0/",
    "s": "http://release.niem.gov/niem/structures/3.0/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "nibrscodes": "http://fbi.gov/cjis/nibrs/nibrs-codes/2019",
}
IEPD_VERSION = "2019"  # cjis:MessageImplementationVersion, as the IEPD 2019.1 samples write it
SCHEMA_FOLDER = ("fbi", "xsd-iepd-2019.1")
SCHEMA_ENTRY = (*SCHEMA_FOLDER, "base-xsd", "nibrs", "2019", "nibrs.xsd")


def clark(name: str) -> str:
    """``nc:Item`` -> ``{http://...niem-core/3.0/}Item``."""
    prefix, _, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"


S_ID, S_REF = clark("s:id"), clark("s:ref")
IEPD_NAMESPACES = frozenset(NS.values())

# The IEPD's structure around the data elements (entity links and envelope), not data elements.
T = {name: clark(name) for name in (
    "nibrs:Submission", "nibrs:Report", "nibrs:ReportHeader", "nibrs:ReportDate", "nibrs:ReportingAgency",
    "nibrs:NIBRSReportCategoryCode", "nibrs:ReportActionCategoryCode",
    "cjis:MessageMetadata", "cjis:MessageDateTime", "cjis:MessageIdentification",
    "cjis:MessageImplementationVersion", "cjis:MessageSubmittingOrganization",
    "j:OrganizationAugmentation", "j:OrganizationORIIdentification", "nc:IdentificationID",
    "nc:Incident", "j:Offense", "nc:Location", "nc:Item", "nc:Substance", "nc:Person", "j:EnforcementOfficial",
    "j:Victim", "j:Subject", "j:Arrestee", "j:Arrest", "nc:RoleOfPerson", "nc:Activity",
    "j:ArrestSubjectAssociation", "j:OffenseLocationAssociation", "j:OffenseVictimAssociation",
    "j:SubjectVictimAssociation", "nc:YearMonthDate", "nc:Date", "nc:DateTime",
    "nc:MeasureIntegerValue", "nc:MeasureIntegerRange", "nc:RangeMinimumIntegerValue",
    "nc:RangeMaximumIntegerValue", "nc:MeasureValueText",
)}


@functools.lru_cache(maxsize=None)
def schema(entry: tuple[str, ...] = SCHEMA_ENTRY) -> etree.XMLSchema:
    """The IEPD 2019.1 schema, loaded once per process, offline."""
    path = resource_path(*entry)
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(str(path), parser))


def schema_errors(doc: etree._ElementTree | etree._Element, entry: tuple[str, ...] = SCHEMA_ENTRY) -> list[str]:
    """The schema's messages for a document ([] when it is valid), with the place each is about.

    Namespaces are shown by their usual prefixes and long lists of allowed values shortened.
    """
    s = schema(entry)
    if s.validate(doc):
        return []
    out = []
    for e in s.error_log:  # type: ignore[attr-defined]
        where = f"line {e.line}" if e.line else (e.path or "")
        out.append(f"{where}: {readable(e.message)}" if where else readable(e.message))
    return out


_PREFIX_OF = {uri: prefix for prefix, uri in NS.items()}


def readable(message: str) -> str:
    for uri, prefix in _PREFIX_OF.items():
        message = message.replace(f"{{{uri}}}", f"{prefix}:")
    head, sep, values = message.partition("is not an element of the set {")
    if sep and values.count(",") >= 10:
        message = f"{head}is not one of the {values.count(',') + 1} values the schema allows."
    return message


class SchemaModel:
    """Element order and substitution groups of the schema set, read from its XSD files.

    The writer builds elements in any order and then sorts the children of each element as
    its type's sequence says; the reader finds a state's element (Hawaii's race code) where the
    FBI element it substitutes for would be.
    """

    XS = "{http://www.w3.org/2001/XMLSchema}"

    def __init__(self, folder: Path):
        self.element_type: dict[str, str | None] = {}
        self.head: dict[str, str] = {}
        self.sequence: dict[str, tuple[str | None, list[str]]] = {}
        parser = etree.XMLParser(no_network=True, resolve_entities=False)
        for path in sorted(folder.rglob("*.xsd")):
            root = etree.parse(str(path), parser).getroot()
            tns = root.get("targetNamespace", "")
            for node in root:
                if node.tag == self.XS + "element" and node.get("name"):
                    name = f"{{{tns}}}{node.get('name')}"
                    self.element_type[name] = self._resolve(node, node.get("type"))
                    if node.get("substitutionGroup"):
                        self.head[name] = self._resolve(node, node.get("substitutionGroup"))  # type: ignore[assignment]
                elif node.tag == self.XS + "complexType" and node.get("name"):
                    ext = node.find(f".//{self.XS}extension")
                    base = self._resolve(ext, ext.get("base")) if ext is not None else None
                    refs = [self._resolve(e, e.get("ref")) for e in node.iter(self.XS + "element") if e.get("ref")]
                    self.sequence[f"{{{tns}}}{node.get('name')}"] = (base, refs)  # type: ignore[assignment]
        self._order: dict[str, dict[str, int]] = {}
        self._position: dict[tuple[str, str], int] = {}  # (parent, child) -> place in the parent's sequence

    @staticmethod
    def _resolve(node: etree._Element, qname: str | None) -> str | None:
        if not qname:
            return None
        prefix, _, local = qname.rpartition(":")
        return f"{{{node.nsmap.get(prefix or None, '')}}}{local}"

    def heads(self, tag: str) -> Iterator[str]:
        """The element and every element it substitutes for, nearest first."""
        seen = set()
        while tag and tag not in seen:
            seen.add(tag)
            yield tag
            tag = self.head.get(tag, "")

    def _positions(self, parent: str) -> dict[str, int]:
        found = self._order.get(parent)
        if found is None:
            refs: list[str] = []
            t = self.element_type.get(parent)
            chain = []
            while t and t in self.sequence:
                chain.append(t)
                t = self.sequence[t][0]
            for t in reversed(chain):
                refs += self.sequence[t][1]
            found = {}
            for i, ref in enumerate(refs):
                found.setdefault(ref, i)
            self._order[parent] = found
        return found

    def position(self, parent: str, child: str) -> int:
        found = self._position.get((parent, child))
        if found is not None:
            return found
        positions = self._positions(parent)
        found = len(positions)
        for tag in self.heads(child):
            if tag in positions:
                found = positions[tag]
                break
        self._position[(parent, child)] = found
        return found

    def sort(self, el: etree._Element) -> None:
        """Put every element's children in schema order (stable for equals)."""
        position = self.position
        for parent in [p for p in el.iter() if len(p) > 1]:
            tag = parent.tag
            children = list(parent)
            ordered = sorted(children, key=lambda c: position(tag, c.tag))
            if ordered != children:
                parent[:] = ordered

    def substitutes(self, candidate: str, tag: str) -> bool:
        """True if ``candidate``, a state's extension element, stands in the place of the FBI's ``tag``.

        Both substitute for the same abstract element (Hawaii's hi_nibrs_codes:PersonRaceCode and
        j:PersonRaceNDExCode for nc:PersonRace). Elements of the IEPD's own namespaces never count:
        nc:YearMonthDate is not an nc:Date.
        """
        if etree.QName(candidate).namespace in IEPD_NAMESPACES:
            return False
        heads = [h for h in self.heads(tag) if h != tag]
        if not heads:
            return False
        return heads[0] in self.heads(candidate)


@functools.lru_cache(maxsize=1)
def schema_model() -> SchemaModel:
    return SchemaModel(resource_path(*SCHEMA_FOLDER))
