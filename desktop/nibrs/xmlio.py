"""NIBRS XML (FBI IEPD 2019.1): one report per ``nibrs:Submission`` document, read and written.

Where each data element lives comes from the data dictionary (``xml`` of each placement, relative
to ``nibrs:Report``): its first step names the entity that holds it (``j:Offense``,
``nc:Person``, ``nc:Item`` ...), the rest the path inside that entity. XML code values come from
the code lists (flat code <-> XML value, e.g. relationship AQ <-> Acquaintance, bias 88 <->
NONE, loss type 7 <-> STOLEN, age NN <-> NEONATAL, booleans). What this module knows itself is
the IEPD's structure around the elements: entities linked by ``s:id``/``s:ref`` through
``nc:RoleOfPerson`` and the association elements, and the element order, which it takes from the
schema set shipped in ``resources/fbi/xsd-iepd-2019.1``.

Property: the XML has one ``nc:Item`` (or ``nc:Substance`` for drugs) per property description
with its status. Reading groups them into property segments by loss type, in document order;
the drugs of a segment become its drug rows (two measurements of one drug type stay two rows),
and the value of the drugs' own property description is the sum of the substances' values.
DE 18/19 are the ``nc:ItemQuantity`` of the stolen/recovered motor-vehicle items.

Every document written is validated against the schema first (loaded once); an invalid one is
refused with the schema's message. Reading parses safely: no DTD, no entities, no network, and
a document that carries a DOCTYPE is refused, so external entities and entity bombs never load.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import os
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from lxml import etree

from desktop.fileio import atomic_write
from desktop.nibrs import age as nibrs_age
from desktop.nibrs import model as m
from desktop.nibrs.dictionary import DataElement, Dictionary, dictionary as fbi_dictionary
from desktop.nibrs.filenames import submission_name
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


def _q(name: str) -> str:
    """``nc:Item`` -> ``{http://...niem-core/3.0/}Item``."""
    prefix, _, local = name.partition(":")
    return f"{{{NS[prefix]}}}{local}"


S_ID, S_REF = _q("s:id"), _q("s:ref")
_IEPD_NAMESPACES = frozenset(NS.values())

# The IEPD's structure around the data elements (entity links and envelope), not data elements.
T = {name: _q(name) for name in (
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


class XmlReadError(ValueError):
    """A document cannot be read as NIBRS XML; the message names the file (and line when known)."""


class XmlWriteError(ValueError):
    """A report cannot be written as a NIBRS XML document; the message names the report and why."""


# ============================================================================ the schema
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
        out.append(f"{where}: {_readable(e.message)}" if where else _readable(e.message))
    return out


_PREFIX_OF = {uri: prefix for prefix, uri in NS.items()}


def _readable(message: str) -> str:
    for uri, prefix in _PREFIX_OF.items():
        message = message.replace(f"{{{uri}}}", f"{prefix}:")
    head, sep, values = message.partition("is not an element of the set {")
    if sep and values.count(",") >= 10:
        message = f"{head}is not one of the {values.count(',') + 1} values the schema allows."
    return message


class _SchemaModel:
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
        if etree.QName(candidate).namespace in _IEPD_NAMESPACES:
            return False
        heads = [h for h in self.heads(tag) if h != tag]
        if not heads:
            return False
        return heads[0] in self.heads(candidate)


@functools.lru_cache(maxsize=1)
def _schema_model() -> _SchemaModel:
    return _SchemaModel(resource_path(*SCHEMA_FOLDER))


# ============================================================================ element paths
@dataclass(frozen=True)
class _Path:
    element: DataElement
    field: str | None
    entity: str  # first step: the entity that holds the element ("j:Offense")
    steps: tuple[str, ...]  # the rest, as Clark names
    text: str  # the dictionary's path, for messages


_PATHS: dict[tuple[int, str], tuple[Dictionary, list[_Path]]] = {}


def _paths(d: Dictionary, kind: str) -> list[_Path]:
    """The elements of a segment kind that have an XML path (computed once per dictionary)."""
    found = _PATHS.get((id(d), kind))
    if found is not None and found[0] is d:
        return found[1]
    out = []
    for e, p in d.in_segment(kind):
        if p.xml and p.profile is None:
            entity, *rest = p.xml.split("/")
            out.append(_Path(e, p.field, entity, tuple(_q(s) for s in rest), p.xml))
    _PATHS[(id(d), kind)] = (d, out)
    return out


def _path_of(d: Dictionary, element_id: str, kind: str) -> _Path:
    e = d.element(element_id)
    p = e.placement(kind)
    if p is None or not p.xml:
        raise KeyError(f"data element {element_id} has no XML path in {kind}")  # pragma: no cover
    entity, *rest = p.xml.split("/")
    return _Path(e, p.field, entity, tuple(_q(s) for s in rest), p.xml)


# ============================================================================ values
def _is_boolean_list(codes) -> bool:
    return {c.xml_value for c in codes} <= {"true", "false"}


def _to_text(d: Dictionary, element: DataElement, value: Any) -> str:
    t = element.type
    if t == "code":
        codes = d.code_lists.get(element.codes or "")
        if codes is not None and value in codes:
            return codes.to_xml(value)
        return str(value)
    if t == "date":
        return value.isoformat()
    if t in ("integer", "money", "hour", "month", "year"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise XmlWriteError(f"{element.name}: {value!r} is not a whole number")
        return str(value)
    if t in ("quantity", "decimal"):
        return format(Decimal(value).normalize(), "f")
    return str(value)


class _Unreadable(ValueError):
    pass


def _from_text(d: Dictionary, element: DataElement, text: str) -> Any:
    """XML text -> model value; raises _Unreadable for text the element cannot mean."""
    t = element.type
    if t == "code":
        codes = d.code_lists.get(element.codes or "")
        if codes is None:
            return text
        if _is_boolean_list(codes):
            text = {"1": "true", "0": "false"}.get(text, text)
            code = codes.from_xml(text)
            if code is None and text in ("true", "false"):
                return None  # e.g. "false" for the report date indicator: not a report date
            return code.code if code is not None else text
        code = codes.from_xml(text)
        return code.code if code is not None else text  # unknown codes stay, for the validator
    if t == "date":
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            raise _Unreadable(text) from None
    if t in ("integer", "money", "hour", "month", "year"):
        try:
            n = Decimal(text)
        except InvalidOperation:
            raise _Unreadable(text) from None
        if n != n.to_integral_value():
            raise _Unreadable(text)
        return int(n)
    if t == "quantity":
        try:
            q = Decimal(text)
        except InvalidOperation:
            raise _Unreadable(text) from None
        if not q.is_finite() or q != q.quantize(Decimal("0.001")):
            raise _Unreadable(text)
        return q.quantize(Decimal("0.001"))
    return text


def _texts(model: _SchemaModel, entity: etree._Element | None, steps: tuple[str, ...]) -> list[str]:
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


# ============================================================================ reading
def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


MAX_DOCUMENT_BYTES = 64 * 1024 * 1024  # one report per document: far below this


def _has_doctype(data: bytes) -> bool:
    """True if the prolog (before the root element) holds a DOCTYPE declaration."""
    i, n = 0, len(data)
    if data.startswith(b"\xef\xbb\xbf"):
        i = 3
    while i < n:
        while i < n and data[i:i + 1].isspace():
            i += 1
        if data.startswith(b"<?", i):
            end = data.find(b"?>", i)
        elif data.startswith(b"<!--", i):
            end = data.find(b"-->", i)
        else:
            return data.startswith(b"<!DOCTYPE", i)
        if end < 0:
            return False
        i = end + 2
    return False


def parse_document(source: str | os.PathLike | bytes | IO[bytes], name: str | None = None) -> etree._ElementTree:
    """Parse an XML document safely; raises :class:`XmlReadError` naming the file.

    No DTD is loaded, no entity expanded, nothing fetched from the network; a document that
    declares a DOCTYPE is refused before parsing (and again after, should the prolog be in an
    encoding the first check cannot see), so external entities and entity bombs never load.
    """
    if name is None:
        name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "<xml>")
    refused = (f"{name}: the document carries a DOCTYPE declaration; NIBRS XML has none, and documents with "
               "one are refused so that no entity or external file is ever loaded")
    try:
        if isinstance(source, bytes):
            data = source
        elif isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as fh:
                data = fh.read(MAX_DOCUMENT_BYTES + 1)
        else:
            data = source.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        raise XmlReadError(f"{name}: cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_DOCUMENT_BYTES:
        raise XmlReadError(f"{name}: larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB; a NIBRS XML document "
                           "holds one report")
    if _has_doctype(data):
        raise XmlReadError(refused)
    try:
        tree = etree.parse(io.BytesIO(data), _safe_parser())
    except etree.XMLSyntaxError as exc:
        line = f", line {exc.lineno}" if getattr(exc, "lineno", None) else ""
        raise XmlReadError(f"{name}{line}: not well-formed XML: {exc.msg}") from None
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise XmlReadError(refused)
    return tree


# Documents written for the FBI's earlier IEPD 4.2 (release candidate 2) have the 2019.1 structure
# under other namespaces; the reader renames them and reads them as 2019.1 documents. Some 4.2 code
# values were merged into one 2019.1 value: property status (DE 14) DESTROYED, DAMAGED and VANDALIZED
# are 4 = Destroyed/Damaged/Vandalized, and STOLEN_BRIBED ... STOLEN_ROBBED are 7 = Stolen/Etc. ("includes
# bribed, defrauded, embezzled, extorted, ransomed, robbed", spec 2019.1 DE 14). The other 4.2-only
# values (BAIT, CARGO, FOUND, a relationship such as Babysitter ...) have no 2019.1 code and are read as
# they are, so the validator reports them as invalid codes.
IEPD_42_NAMESPACES = {
    "http://fbi.gov/cjis/nibrs/4.2": NS["nibrs"],
    "http://fbi.gov/cjis/1.0": NS["cjis"],
    "http://fbi.gov/cjis/cjis-codes/1.0": NS["cjiscodes"],
    "http://fbi.gov/cjis/nibrs/nibrs-codes/4.2": NS["nibrscodes"],
    "http://release.niem.gov/niem/codes/fbi_ucr/3.0/": NS["ucr"],
}
IEPD_42_VALUES = {
    _q("cjis:ItemStatusCode"): {
        "DESTROYED": "DESTROYED_DAMAGED_VANDALIZED", "DAMAGED": "DESTROYED_DAMAGED_VANDALIZED",
        "VANDALIZED": "DESTROYED_DAMAGED_VANDALIZED", "STOLEN_BRIBED": "STOLEN", "STOLEN_DEFRAUDED": "STOLEN",
        "STOLEN_EMBEZZLED": "STOLEN", "STOLEN_EXTORTED": "STOLEN", "STOLEN_RANSOMED": "STOLEN",
        "STOLEN_ROBBED": "STOLEN",
    },
}


def is_iepd_42(root: etree._Element) -> bool:
    return etree.QName(root).namespace in IEPD_42_NAMESPACES


def upgrade_iepd_42(root: etree._Element) -> None:
    """Rename an IEPD 4.2 RC2 document's namespaces (and merged code values) to IEPD 2019.1, in place."""
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str) or not tag.startswith("{"):
            continue
        ns, _, local = tag[1:].partition("}")
        new = IEPD_42_NAMESPACES.get(ns)
        if new is not None:
            el.tag = tag = f"{{{new}}}{local}"
        values = IEPD_42_VALUES.get(tag)
        if values is not None and el.text is not None:
            el.text = values.get(el.text.strip(), el.text)


class _Reader:
    def __init__(self, d: Dictionary, name: str):
        self.d = d
        self.name = name
        self.model = _schema_model()

    def error(self, why: str, el: etree._Element | None = None) -> XmlReadError:
        line = f", line {el.sourceline}" if el is not None and el.sourceline else ""
        return XmlReadError(f"{self.name}{line}: {why}")

    # ------------------------------------------------------------------ generic fill
    def fill(self, segment: m.Segment, kind: str, entities: dict[str, etree._Element | None],
             skip: Iterable[str] = ()) -> None:
        """Read every plain element of ``kind`` from its entity into ``segment``."""
        skipped = set(skip)
        for p in _paths(self.d, kind):
            if not p.field or p.element.id in skipped or p.entity not in entities or not p.steps:
                continue
            if p.element.type in ("age", "hour") or p.steps[-1] in _REFERENCE_TAGS:
                continue
            texts = _texts(self.model, entities[p.entity], p.steps)
            if p.element.type == "date" and not texts:  # a date given only with its hour
                texts = [t[:10] for t in _texts(self.model, entities[p.entity], p.steps[:-1] + (T["nc:DateTime"],))]
            if p.element.multiple:
                values = getattr(segment, p.field)
                for t in texts:
                    self.put(segment, values, p, t)
            elif texts:
                self.set(segment, p, texts[0])

    def set(self, segment: m.Segment, p: _Path, text: str) -> None:
        try:
            setattr(segment, p.field, _from_text(self.d, p.element, text))  # type: ignore[arg-type]
        except _Unreadable:
            segment.invalid[p.field] = text  # type: ignore[index]

    def put(self, segment: m.Segment, values: list, p: _Path, text: str) -> None:
        try:
            values.append(_from_text(self.d, p.element, text))
        except _Unreadable:
            segment.invalid[f"{p.field}[{len(values)}]"] = text
            values.append(None)

    def age(self, segment: m.Segment, kind: str, person: etree._Element | None) -> None:
        for p in _paths(self.d, kind):
            if p.element.type != "age" or not p.field or person is None:
                continue
            measures = [c for c in person.iterchildren(p.steps[0])] if p.steps else []
            if not measures:
                continue
            measure = measures[0]
            value = measure.find(T["nc:MeasureIntegerValue"])
            rng = measure.find(T["nc:MeasureIntegerRange"])
            text = measure.find(T["nc:MeasureValueText"])
            if value is not None:
                raw = (value.text or "").strip()
                if raw.isdigit():
                    setattr(segment, p.field, f"{int(raw):02d}")
                else:
                    segment.invalid[p.field] = raw
            elif rng is not None:
                low = (rng.findtext(T["nc:RangeMinimumIntegerValue"]) or "").strip()
                high = (rng.findtext(T["nc:RangeMaximumIntegerValue"]) or "").strip()
                if low.isdigit() and high.isdigit():
                    setattr(segment, p.field, f"{int(low):02d}{int(high):02d}")
                else:
                    segment.invalid[p.field] = f"{low}-{high}"
            elif text is not None:
                raw = (text.text or "").strip()
                code = self.d.code_list(p.element.codes).from_xml(raw) if p.element.codes else None
                setattr(segment, p.field, code.code if code is not None else raw)

    # ------------------------------------------------------------------ documents
    def submissions(self, tree: etree._ElementTree) -> list[m.Submission]:
        root = tree.getroot()
        if is_iepd_42(root):
            upgrade_iepd_42(root)
        if root.tag != T["nibrs:Submission"]:
            ns = etree.QName(root).namespace or ""
            hint = " (an IEPD 4.x document other than 4.2?)" if "nibrs/4" in ns else ""
            raise self.error(f"the root element is {etree.QName(root).localname!r} in namespace {ns!r}, not "
                             f"nibrs:Submission of NIBRS IEPD 2019.1{hint}", root)
        reports = root.findall(T["nibrs:Report"])
        if len(reports) != 1:
            raise self.error(f"a NIBRS submission document holds one nibrs:Report; this one has {len(reports)}", root)
        report = reports[0]
        header = report.find(T["nibrs:ReportHeader"])
        if header is None:
            raise self.error("the report has no nibrs:ReportHeader", report)
        category_text = (header.findtext(T["nibrs:NIBRSReportCategoryCode"]) or "").strip()
        category = self.d.code_list("report_category").get(category_text)
        kind = category.get("report") if category is not None else None
        if kind not in ("incident", "group_b", "zero_report"):
            raise self.error(f"the report category {category_text!r} is not one of "
                             f"{', '.join(c.code for c in self.d.code_list('report_category'))}", header)
        action = (header.findtext(T["nibrs:ReportActionCategoryCode"]) or "").strip()
        ids = {el.get(S_ID): el for el in report.iter() if isinstance(el.tag, str) and el.get(S_ID)}
        year = month = None
        ym = _texts(self.model, header, (_q("nibrs:ReportDate"), T["nc:YearMonthDate"]))
        if ym:
            year, month = _year_month(ym[0])
        city = self._header_value(header, "city_indicator")
        ori_path = _path_of(self.d, "1", kind)
        ori = _texts(self.model, header, ori_path.steps)
        base = dict(action=action, year=year, month=month, city_indicator=city,
                    source=m.SourceRef(self.name, report.sourceline or 0, 0, ""))
        if kind == "zero_report":
            zero = m.ZeroReport(ori=ori[0] if ori else None, year=year, month=month)
            if ym and (year is None or month is None):
                zero.invalid["month"] = ym[0]
            return [m.Submission(report=zero, **base)]
        if kind == "group_b":
            return [m.Submission(report=b, **base) for b in self.group_b(report, header, ids)]
        return [m.Submission(report=self.incident(report, header, ids, action), **base)]

    def _header_value(self, header: etree._Element, element_id: str) -> str | None:
        e = self.d.element(element_id)
        p = e.placement("header")
        if p is None or not p.xml:
            return None
        texts = _texts(self.model, header, tuple(_q(s) for s in p.xml.split("/")[1:]))
        return texts[0] if texts else None

    # ------------------------------------------------------------------ Group A
    def incident(self, report: etree._Element, header: etree._Element, ids: dict, action: str) -> m.GroupAIncident:
        d = self.d
        inc = m.GroupAIncident()
        inc_el = report.find(T["nc:Incident"])
        self.fill(inc, "incident", {"nc:Incident": inc_el, "nibrs:ReportHeader": header})
        hour_path = next(p for p in _paths(d, "incident") if p.element.type == "hour")
        stamps = _texts(self.model, inc_el, hour_path.steps)
        if stamps:
            stamp = stamps[0]
            try:
                when = datetime.fromisoformat(stamp[:19])
                inc.incident_hour = when.hour
                if inc.incident_date is None:
                    inc.incident_date = when.date()
            except ValueError:
                inc.invalid[hour_path.field] = stamp  # type: ignore[index]
        if action == "D":
            return inc
        offenses_by_id: dict[str, m.Offense] = {}
        locations = self.links(report, "j:OffenseLocationAssociation", "j:Offense", "nc:Location")
        for el in report.iterchildren(T["j:Offense"]):
            offense = m.Offense()
            loc_ref = locations.get(el.get(S_ID, ""), [None])[0]
            self.fill(offense, "offense", {"j:Offense": el, "nc:Location": ids.get(loc_ref)})
            inc.offenses.append(offense)
            offenses_by_id[el.get(S_ID, "")] = offense
        inc.properties = self.properties(report)
        persons_eo = {}
        for eo in report.iterchildren(T["j:EnforcementOfficial"]):
            ref = self.role(eo)
            if ref:
                persons_eo[ref] = eo
        subjects: dict[str, m.Offender] = {}
        for el in report.iterchildren(T["j:Subject"]):
            offender = m.Offender()
            person = ids.get(self.role(el))
            self.fill(offender, "offender", {"j:Subject": el, "nc:Person": person})
            self.age(offender, "offender", person)
            subjects[el.get(S_ID, "")] = offender
            inc.offenders.append(offender)
        victim_offenses = self.links(report, "j:OffenseVictimAssociation", "j:Victim", "j:Offense")
        relationships = self.associations(report, "j:SubjectVictimAssociation", "j:Victim")
        for el in report.iterchildren(T["j:Victim"]):
            victim = m.Victim()
            ref = self.role(el)
            person = ids.get(ref)
            self.fill(victim, "victim", {"j:Victim": el, "nc:Person": person,
                                         "j:EnforcementOfficial": persons_eo.get(ref or "")})
            self.age(victim, "victim", person)
            vid = el.get(S_ID, "")
            for i, off_ref in enumerate(victim_offenses.get(vid, [])):
                offense = offenses_by_id.get(off_ref or "")
                if offense is None:
                    victim.invalid[f"offense_codes[{len(victim.offense_codes)}]"] = off_ref or ""
                    victim.offense_codes.append(None)  # type: ignore[arg-type]
                else:
                    victim.offense_codes.append(offense.offense_code)  # type: ignore[arg-type]
            for assoc in relationships.get(vid, []):
                rel = m.Relationship()
                self.fill(rel, "relationship", {"j:SubjectVictimAssociation": assoc})
                subject_ref = self.ref(assoc, "j:Subject")
                offender = subjects.get(subject_ref or "")
                if offender is not None:
                    rel.offender_number = offender.sequence_number
                elif subject_ref:
                    rel.invalid["offender_number"] = subject_ref
                victim.relationships.append(rel)
            inc.victims.append(victim)
        arrests = self.links(report, "j:ArrestSubjectAssociation", "j:Subject", "nc:Activity")
        for el in report.iterchildren(T["j:Arrestee"]):
            arrestee = m.Arrestee()
            person = ids.get(self.role(el))
            arrest = ids.get((arrests.get(el.get(S_ID, ""), [None]) or [None])[0])
            self.fill(arrestee, "arrestee", {"j:Arrestee": el, "j:Arrest": arrest, "nc:Person": person})
            self.age(arrestee, "arrestee", person)
            inc.arrestees.append(arrestee)
        return inc

    def properties(self, report: etree._Element) -> list[m.Property]:
        d = self.d
        loss = _path_of(d, "14", "property")
        descriptions = d.codes_for("15")
        counts = [(_path_of(d, e.id, "property"), str(e.attrs.get("loss_type"))) for e in
                  (d.element("18"), d.element("19"))]
        by_loss: dict[str, m.Property] = {}
        merged: dict[tuple[str, str | None], m.PropertyItem] = {}  # substances' items, one per description

        def segment_for(el: etree._Element) -> m.Property:
            texts = _texts(self.model, el, loss.steps)
            code = _from_text(d, loss.element, texts[0]) if texts else None
            key = code or ""
            if key not in by_loss:
                by_loss[key] = m.Property(loss_type=code)
            return by_loss[key]

        for el in report.iterchildren(T["nc:Item"]):
            prop = segment_for(el)
            item = m.PropertyItem()
            self.fill(item, "property_item", {"nc:Item": el})
            if item.values() != m.PropertyItem().values() or item.invalid:
                prop.items.append(item)
            for path, loss_code in counts:
                if prop.loss_type != loss_code or not path.field:
                    continue
                desc = descriptions.get(item.description)
                quantities = _texts(self.model, el, path.steps)
                if desc is not None and desc.get("motor_vehicle") and quantities:
                    try:
                        n = _from_text(d, path.element, quantities[0])
                    except _Unreadable:
                        prop.invalid[path.field] = quantities[0]
                        continue
                    setattr(prop, path.field, (getattr(prop, path.field) or 0) + n)
        for el in report.iterchildren(T["nc:Substance"]):
            prop = segment_for(el)
            drug = m.Drug()
            self.fill(drug, "drug", {"nc:Substance": el})
            if drug.values() != m.Drug().values() or drug.invalid:
                prop.drugs.append(drug)
            item = m.PropertyItem()
            self.fill(item, "property_item", {"nc:Item": el})
            if item.values() == m.PropertyItem().values() and not item.invalid:
                continue
            key = (prop.loss_type or "", item.description)
            known = merged.get(key)
            if known is None:
                merged[key] = item
                prop.items.append(item)
            else:  # one property description for all of a segment's drugs: their values add up
                if item.value is not None:
                    known.value = (known.value or 0) + item.value
                if known.date_recovered is None:
                    known.date_recovered = item.date_recovered
                for k, v in item.invalid.items():
                    known.invalid.setdefault(k, v)
        return list(by_loss.values())

    # ------------------------------------------------------------------ Group B
    def group_b(self, report: etree._Element, header: etree._Element, ids: dict) -> list[m.GroupBArrest]:
        arrests = self.links(report, "j:ArrestSubjectAssociation", "j:Subject", "nc:Activity")
        all_arrests = list(report.iterchildren(T["j:Arrest"]))
        out = []
        arrestees = list(report.iterchildren(T["j:Arrestee"])) or [None]
        for el in arrestees:
            arrest_ref = (arrests.get(el.get(S_ID, "")) or [None])[0] if el is not None else None
            arrest = ids.get(arrest_ref) if arrest_ref else (all_arrests[0] if len(all_arrests) == 1 else None)
            person = ids.get(self.role(el)) if el is not None else None
            b = m.GroupBArrest()
            self.fill(b, "group_b", {"nibrs:ReportHeader": header, "j:Arrestee": el, "j:Arrest": arrest,
                                     "nc:Person": person})
            self.age(b, "group_b", person)
            out.append(b)
        return out

    # ------------------------------------------------------------------ links
    @staticmethod
    def role(el: etree._Element | None) -> str | None:
        if el is None:
            return None
        r = el.find(T["nc:RoleOfPerson"])
        return r.get(S_REF) if r is not None else None

    @staticmethod
    def ref(assoc: etree._Element, name: str) -> str | None:
        el = assoc.find(T[name])
        return el.get(S_REF) if el is not None else None

    def links(self, report: etree._Element, association: str, key: str, value: str) -> dict[str, list[str | None]]:
        out: dict[str, list[str | None]] = {}
        for a in report.iterchildren(T[association]):
            k = self.ref(a, key)
            if k:
                out.setdefault(k, []).append(self.ref(a, value))
        return out

    def associations(self, report: etree._Element, association: str, key: str) -> dict[str, list[etree._Element]]:
        out: dict[str, list[etree._Element]] = {}
        for a in report.iterchildren(T[association]):
            k = self.ref(a, key)
            if k:
                out.setdefault(k, []).append(a)
        return out


# An element whose path ends in one of these names another entity by s:ref (DE 24, DE 34).
_REFERENCE_TAGS = frozenset({T["j:Subject"], T["j:Victim"], T["j:Offense"], T["nc:Location"]})


def _year_month(text: str) -> tuple[int | None, int | None]:
    text = text.strip()
    if len(text) >= 7 and text[4] == "-" and text[:4].isdigit() and text[5:7].isdigit() and 1 <= int(text[5:7]) <= 12:
        return int(text[:4]), int(text[5:7])
    return None, None


def read_xml(source: str | os.PathLike | bytes | IO[bytes], *, name: str | None = None,
             dictionary: Dictionary | None = None) -> list[m.Submission]:
    """The submission(s) of one NIBRS XML document.

    One, except for a Group B arrest report with several arrestees, which gives one per
    arrestee (each a Group B arrest segment of its own). Raises :class:`XmlReadError` naming
    the file for anything that is not a readable NIBRS 2019 document.
    """
    if name is None:
        name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "<xml>")
    tree = parse_document(source, name)
    return _Reader(dictionary or fbi_dictionary(), str(name)).submissions(tree)


# ============================================================================ writing
def describe(sub: m.Submission) -> str:
    r = sub.report
    if isinstance(r, m.GroupAIncident):
        return f"Group A incident {r.ori or '?'} {r.incident_number or '?'}"
    if isinstance(r, m.GroupBArrest):
        seq = f" arrestee {r.sequence_number}" if r.sequence_number is not None else ""
        return f"Group B arrest {r.ori or '?'} {r.arrest_transaction_number or '?'}{seq}"
    return f"zero report {getattr(r, 'ori', None) or '?'} {getattr(r, 'year', None) or '?'}-{getattr(r, 'month', None) or '?'}"


class _Writer:
    def __init__(self, d: Dictionary, sub: m.Submission):
        self.d = d
        self.sub = sub
        self.what = describe(sub)
        nsmap = {k: v for k, v in NS.items() if k not in ("xsi",)}
        self.root = etree.Element(T["nibrs:Submission"], nsmap=nsmap)
        self.report: etree._Element | None = None
        self.counter: dict[str, int] = {}

    def fail(self, why: str) -> XmlWriteError:
        return XmlWriteError(f"{self.what}: {why}")

    # ------------------------------------------------------------------ building blocks
    def entity(self, name: str, prefix: str | None = None) -> etree._Element:
        el = etree.SubElement(self.report, T[name])  # type: ignore[arg-type]
        if prefix:
            self.counter[prefix] = self.counter.get(prefix, 0) + 1
            el.set(S_ID, f"{prefix}{self.counter[prefix]}")
        return el

    @staticmethod
    def chain(parent: etree._Element, steps: Iterable[str], fresh: bool) -> etree._Element:
        el = parent
        for tag in steps:
            child = None if fresh else el.find(tag)
            if child is None:
                child = etree.SubElement(el, tag)
            el = child
        return el

    def link(self, association: str, *refs: tuple[str, etree._Element]) -> etree._Element:
        a = self.entity(association)
        for name, target in refs:
            etree.SubElement(a, T[name]).set(S_REF, target.get(S_ID))
        return a

    def check_readable(self, segment: m.Segment, label: str) -> None:
        if segment.invalid:
            field_name, raw = next(iter(segment.invalid.items()))
            raise self.fail(f"{label}: {field_name} holds {raw!r}, which could not be read; NIBRS XML cannot "
                            "carry it")

    def put(self, segment: m.Segment, kind: str, entities: dict[str, Any], label: str,
            only: Iterable[str] | None = None) -> None:
        """Write every plain element of ``kind`` that has a value; entities may be created lazily.

        ``entities`` maps an entity name to its element or to a function that creates it.
        """
        wanted = set(only) if only is not None else None
        for p in _paths(self.d, kind):
            if not p.field or p.entity not in entities or not p.steps:
                continue
            if wanted is not None and p.element.id not in wanted:
                continue
            if p.element.type in ("age", "hour") or p.steps[-1] in _REFERENCE_TAGS:
                continue
            value = getattr(segment, p.field)
            values = list(value or ()) if p.element.multiple else ([] if value is None else [value])
            if not values:
                continue
            target = entities[p.entity]
            if callable(target):
                target = entities[p.entity] = target()
            for v in values:
                if v is None:
                    raise self.fail(f"{label}: {p.element.name} has an empty entry")
                try:
                    text = _to_text(self.d, p.element, v)
                except (XmlWriteError, TypeError, ValueError, InvalidOperation, AttributeError):
                    raise self.fail(f"{label}: {p.element.name} holds {v!r}, which NIBRS XML cannot carry") from None
                self.chain(target, p.steps, fresh=p.element.multiple).text = text

    def age(self, segment: m.Segment, kind: str, person: Any, label: str) -> Any:
        for p in _paths(self.d, kind):
            if p.element.type != "age" or not p.field:
                continue
            code = getattr(segment, p.field)
            if code is None:
                continue
            if callable(person):
                person = person()
            measure = self.chain(person, p.steps, fresh=False)
            special = self.d.code_list(p.element.codes).get(code) if p.element.codes else None
            if special is not None and special.xml is not None:
                etree.SubElement(measure, T["nc:MeasureValueText"]).text = special.xml
            elif isinstance(code, str) and nibrs_age.is_range(code):
                rng = etree.SubElement(measure, T["nc:MeasureIntegerRange"])
                etree.SubElement(rng, T["nc:RangeMaximumIntegerValue"]).text = str(int(code[2:]))
                etree.SubElement(rng, T["nc:RangeMinimumIntegerValue"]).text = str(int(code[:2]))
            elif isinstance(code, str) and nibrs_age.is_age_code(code) and code.isdigit():
                etree.SubElement(measure, T["nc:MeasureIntegerValue"]).text = str(int(code))
            else:
                raise self.fail(f"{label}: {p.element.name} {code!r} is not a NIBRS age")
        return person

    # ------------------------------------------------------------------ the document
    def build(self, message_id: str | None, timestamp: datetime | None, submitting_ori: str | None) -> etree._Element:
        sub, d = self.sub, self.d
        r = sub.report
        kind = r.KIND
        category = next((c for c in d.code_list("report_category") if c.get("report") == kind), None)
        if category is None:  # pragma: no cover - the dictionary names every report kind
            raise self.fail(f"no report category for {kind}")
        action_code = d.code_list("action_type").get(sub.action)
        if action_code is None or kind not in action_code.get("reports", ()):
            allowed = [c.code for c in d.code_list("action_type") if kind in c.get("reports", ())]
            raise self.fail(f"action {sub.action!r} is not one a {category.code.lower()} takes in NIBRS XML "
                            f"({', '.join(allowed)})")
        if sub.city_indicator:
            raise self.fail(f"city indicator {sub.city_indicator!r}: a schema-valid NIBRS XML 2019.1 document "
                            "cannot carry it beside the ORI")
        year, month = sub.year, sub.month
        if isinstance(r, m.ZeroReport):
            if (year, month) not in ((None, None), (r.year, r.month)):
                raise self.fail(f"the zero report is for {r.month}/{r.year} but the month of submission is "
                                f"{month}/{year}; in NIBRS XML they are one element (nibrs:ReportDate)")
            year, month = r.year, r.month
        if year is None or month is None:
            raise self.fail("the month and year of submission are missing")
        ori = getattr(r, "ori", None)
        meta = etree.SubElement(self.root, T["cjis:MessageMetadata"])
        stamp = (timestamp or datetime.now()).replace(microsecond=0)
        etree.SubElement(meta, T["cjis:MessageDateTime"]).text = stamp.isoformat()
        ident = etree.SubElement(meta, T["cjis:MessageIdentification"])
        etree.SubElement(ident, T["nc:IdentificationID"]).text = message_id or uuid.uuid4().hex
        etree.SubElement(meta, T["cjis:MessageImplementationVersion"]).text = IEPD_VERSION
        org = etree.SubElement(meta, T["cjis:MessageSubmittingOrganization"])
        self.chain(org, (T["j:OrganizationAugmentation"], T["j:OrganizationORIIdentification"],
                         T["nc:IdentificationID"]), fresh=True).text = submitting_ori or ori or ""
        self.report = etree.SubElement(self.root, T["nibrs:Report"])
        header = self.entity("nibrs:ReportHeader")
        etree.SubElement(header, T["nibrs:NIBRSReportCategoryCode"]).text = category.code
        etree.SubElement(header, T["nibrs:ReportActionCategoryCode"]).text = sub.action
        ym = self.chain(header, (_q("nibrs:ReportDate"), T["nc:YearMonthDate"]), fresh=True)
        ym.text = f"{year:04d}-{month:02d}"
        self.check_readable(r, "the report")
        if isinstance(r, m.GroupAIncident):
            self.incident(r, header)
        elif isinstance(r, m.GroupBArrest):
            self.group_b(r, header)
        else:
            self.put(r, "zero_report", {"nibrs:ReportHeader": header}, "the zero report", only=("1",))
        _schema_model().sort(self.root)
        return self.root

    # ------------------------------------------------------------------ Group A
    def incident(self, inc: m.GroupAIncident, header: etree._Element) -> None:
        d = self.d
        inc_el = self.entity("nc:Incident")
        self.put(inc, "incident", {"nibrs:ReportHeader": header, "nc:Incident": inc_el}, "the incident")
        if self.sub.action != "D":
            # An indicator whose code list has only "true" (report date R): its absence is written as
            # "false", as the FBI samples do.
            for p in _paths(d, "incident"):
                codes = d.code_lists.get(p.element.codes or "")
                if p.field and codes is not None and [c.xml_value for c in codes] == ["true"] \
                        and getattr(inc, p.field) is None:
                    self.chain(inc_el, p.steps, fresh=False).text = "false"
        hour_path = next(p for p in _paths(d, "incident") if p.element.type == "hour")
        if inc.incident_hour is not None:
            if inc.incident_date is None:
                raise self.fail("the incident hour is given without the incident date")
            if not isinstance(inc.incident_hour, int) or not 0 <= inc.incident_hour <= 23:
                raise self.fail(f"incident hour {inc.incident_hour!r} is not 00-23")
            stamp = datetime(inc.incident_date.year, inc.incident_date.month, inc.incident_date.day,
                             inc.incident_hour)
            when = etree.SubElement(self.chain(inc_el, hour_path.steps[:-1], fresh=False), hour_path.steps[-1])
            when.text = stamp.isoformat()
        if self.sub.action == "D":
            return
        offense_ids: dict[str, etree._Element] = {}
        for i, offense in enumerate(inc.offenses):
            label = f"offense {i + 1}"
            self.check_readable(offense, label)
            el = self.entity("j:Offense", "Offense")
            holder: dict[str, Any] = {"j:Offense": el, "nc:Location": lambda: self.entity("nc:Location", "Location")}
            self.put(offense, "offense", holder, label)
            if not callable(holder["nc:Location"]):
                self.link("j:OffenseLocationAssociation", ("j:Offense", el), ("nc:Location", holder["nc:Location"]))
            if offense.offense_code is not None:
                offense_ids.setdefault(offense.offense_code, el)
        for i, prop in enumerate(inc.properties):
            self.property(prop, f"property segment {i + 1}")
        subjects: dict[int | None, etree._Element] = {}
        persons: list[tuple[Any, ...]] = []
        for i, offender in enumerate(inc.offenders):
            label = f"offender {i + 1}"
            self.check_readable(offender, label)
            el = self.entity("j:Subject", "Subject")
            person = self.person("PersonSubject", offender, "offender", label)
            if person is not None:
                etree.SubElement(el, T["nc:RoleOfPerson"]).set(S_REF, person.get(S_ID))
            self.put(offender, "offender", {"j:Subject": el}, label)
            subjects.setdefault(offender.sequence_number, el)
        for i, victim in enumerate(inc.victims):
            label = f"victim {i + 1}"
            self.check_readable(victim, label)
            for row in victim.relationships:
                self.check_readable(row, f"{label}'s relationship")
            el = self.entity("j:Victim", "Victim")
            person = self.person("PersonVictim", victim, "victim", label)
            officer: dict[str, Any] = {"j:EnforcementOfficial": lambda: self.entity("j:EnforcementOfficial")}
            self.put(victim, "victim", officer, label)
            if not callable(officer["j:EnforcementOfficial"]):
                if person is None:
                    person = self.entity("nc:Person", "PersonVictim")
                eo = officer["j:EnforcementOfficial"]
                etree.SubElement(eo, T["nc:RoleOfPerson"]).set(S_REF, person.get(S_ID))
            if person is not None:
                etree.SubElement(el, T["nc:RoleOfPerson"]).set(S_REF, person.get(S_ID))
            self.put(victim, "victim", {"j:Victim": el}, label)
            for code in victim.offense_codes:
                offense_el = offense_ids.get(code)
                if offense_el is None:
                    raise self.fail(f"{label} is connected to offense {code!r}, which the incident does not have; "
                                    "NIBRS XML links a victim to an offense segment")
                self.link("j:OffenseVictimAssociation", ("j:Offense", offense_el), ("j:Victim", el))
            for row in victim.relationships:
                subject = subjects.get(row.offender_number)
                if subject is None:
                    raise self.fail(f"{label} is related to offender {row.offender_number!r}, who is not among the "
                                    "incident's offenders; NIBRS XML links a relationship to an offender")
                assoc = self.link("j:SubjectVictimAssociation", ("j:Subject", subject), ("j:Victim", el))
                self.put(row, "relationship", {"j:SubjectVictimAssociation": assoc}, f"{label}'s relationship")
        for i, arrestee in enumerate(inc.arrestees):
            self.arrestee(arrestee, "arrestee", f"arrestee {i + 1}")

    def person(self, prefix: str, segment: m.Segment, kind: str, label: str) -> etree._Element | None:
        holder: dict[str, Any] = {"nc:Person": lambda: self.entity("nc:Person", prefix)}
        holder["nc:Person"] = self.age(segment, kind, holder["nc:Person"], label)
        self.put(segment, kind, holder, label)
        person = holder["nc:Person"]
        return None if callable(person) else person

    def arrestee(self, segment: m.Segment, kind: str, label: str) -> None:
        self.check_readable(segment, label)
        el = self.entity("j:Arrestee", "Arrestee")
        person = self.person("PersonArrestee", segment, kind, label)
        if person is not None:
            etree.SubElement(el, T["nc:RoleOfPerson"]).set(S_REF, person.get(S_ID))
        arrest = self.entity("j:Arrest", "Arrest")
        self.put(segment, kind, {"j:Arrestee": el, "j:Arrest": arrest}, label)
        self.link("j:ArrestSubjectAssociation", ("nc:Activity", arrest), ("j:Subject", el))

    def property(self, prop: m.Property, label: str) -> None:
        d = self.d
        self.check_readable(prop, label)
        for row in (*prop.items, *prop.drugs):
            self.check_readable(row, label)
        loss = _path_of(d, "14", "property")
        descriptions = d.codes_for("15")
        substance_codes = {c.code for c in descriptions if c.get("substance")}
        drug_item = next((it for it in prop.items if it.description in substance_codes), None) if prop.drugs else None
        # DE 18/19: the count goes on the segment's motor-vehicle items with the matching status
        quantity_of: dict[int, int] = {}
        for element_id in ("18", "19"):
            path = _path_of(d, element_id, "property")
            count = getattr(prop, path.field)  # type: ignore[arg-type]
            if count is None:
                continue
            if prop.loss_type != str(path.element.attrs.get("loss_type")):
                raise self.fail(f"{label}: {path.element.name} is given for loss type {prop.loss_type!r}; NIBRS XML "
                                f"counts them only on items with loss type {path.element.attrs.get('loss_type')}")
            vehicles = [i for i, it in enumerate(prop.items)
                        if (code := descriptions.get(it.description)) is not None and code.get("motor_vehicle")]
            if not vehicles:
                raise self.fail(f"{label}: {path.element.name} ({count}) needs a motor-vehicle property description "
                                "in the same segment; NIBRS XML counts vehicles on their items")
            # one vehicle each, the rest on the first (a count below the number of vehicles leaves the last
            # ones without a quantity; a count of 0 goes on the first)
            k = len(vehicles)
            shares = [count - k + 1] + [1] * (k - 1) if count >= k else [1] * count
            for i, share in zip(vehicles, shares or [0]):
                quantity_of[i] = share
        quantity_path = _path_of(d, "18", "property")
        status = None
        if prop.loss_type is not None:
            status = _to_text(d, loss.element, prop.loss_type)

        def new(tag: str) -> etree._Element:
            el = self.entity(tag)
            if status is not None:
                self.chain(el, loss.steps, fresh=True).text = status
            return el

        wrote = False
        for i, item in enumerate(prop.items):
            if item is drug_item:
                continue
            el = new("nc:Item")
            self.put(item, "property_item", {"nc:Item": el}, label)
            if i in quantity_of:
                self.chain(el, quantity_path.steps, fresh=True).text = str(quantity_of[i])
            wrote = True
        for j, drug in enumerate(prop.drugs):
            el = new("nc:Substance")
            if drug_item is not None:
                only = None if j == 0 else ("15",)
                self.put(drug_item, "property_item", {"nc:Item": el}, label, only=only)
            self.put(drug, "drug", {"nc:Substance": el}, label)
            wrote = True
        if not wrote:
            new("nc:Item")

    # ------------------------------------------------------------------ Group B
    def group_b(self, arrest: m.GroupBArrest, header: etree._Element) -> None:
        self.put(arrest, "group_b", {"nibrs:ReportHeader": header}, "the arrest", only=("1",))
        self.arrestee(arrest, "group_b", "the arrestee")


def build_document(sub: m.Submission, *, message_id: str | None = None, timestamp: datetime | None = None,
                   submitting_ori: str | None = None, dictionary: Dictionary | None = None) -> etree._Element:
    """The ``nibrs:Submission`` element of one report (not yet validated)."""
    return _Writer(dictionary or fbi_dictionary(), sub).build(message_id, timestamp, submitting_ori)


def to_xml(sub: m.Submission, *, message_id: str | None = None, timestamp: datetime | None = None,
           submitting_ori: str | None = None, dictionary: Dictionary | None = None) -> bytes:
    """One report as a schema-valid NIBRS XML document (UTF-8 bytes).

    Raises :class:`XmlWriteError` naming the report when it cannot be represented or when the
    document does not pass the schema (with the schema's message).
    """
    root = build_document(sub, message_id=message_id, timestamp=timestamp, submitting_ori=submitting_ori,
                          dictionary=dictionary)
    problems = schema_errors(root)
    if problems:
        shown = "; ".join(problems[:3]) + (f" (and {len(problems) - 3} more)" if len(problems) > 3 else "")
        raise XmlWriteError(f"{describe(sub)}: the document does not pass the NIBRS XML schema: {shown}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_xml(sub: m.Submission, path: str | os.PathLike, **kw: Any) -> bytes:
    """Write one report as a NIBRS XML document (validated first; atomic); returns the bytes written."""
    data = to_xml(sub, **kw)
    atomic_write(Path(path), data)
    return data




# ============================================================================ a month of documents
MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("file", "report", "action", "ori", "number", "sha256")


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    report: str  # report category code: GROUP A INCIDENT REPORT ...
    action: str
    ori: str
    number: str  # incident number, arrest transaction number (with the arrestee), or zero report YYYY-MM
    sha256: str

    @classmethod
    def of(cls, file: str, sub: m.Submission, data: bytes, dictionary: Dictionary | None = None) -> "ManifestEntry":
        d = dictionary or fbi_dictionary()
        category = next(c.code for c in d.code_list("report_category") if c.get("report") == sub.kind)
        return cls(file, category, sub.action, getattr(sub.report, "ori", None) or "", _number(sub),
                   hashlib.sha256(data).hexdigest())


def manifest_bytes(entries: Iterable[ManifestEntry]) -> bytes:
    """manifest.csv: one row per document (file, report, action, ori, number, sha256)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(MANIFEST_COLUMNS)
    for e in entries:
        writer.writerow((e.file, e.report, e.action, e.ori, e.number, e.sha256))
    return out.getvalue().encode("utf-8")


def write_manifest(folder: str | os.PathLike, entries: Iterable[ManifestEntry]) -> Path:
    path = Path(folder) / MANIFEST_NAME
    atomic_write(path, manifest_bytes(entries))
    return path


@dataclass
class MonthResult:
    path: Path  # the folder or the zip written
    entries: list[ManifestEntry] = field(default_factory=list)


def _number(sub: m.Submission) -> str:
    r = sub.report
    if isinstance(r, m.GroupAIncident):
        return r.incident_number or ""
    if isinstance(r, m.GroupBArrest):
        seq = f"/{r.sequence_number}" if r.sequence_number is not None else ""
        return f"{r.arrest_transaction_number or ''}{seq}"
    return f"{r.year:04d}-{r.month:02d}" if r.year and r.month else ""


def write_xml_month(submissions: Iterable[m.Submission], folder: str | os.PathLike, *, submitter_id: str,
                    generated: date, series: int = 1, extra: str = "", as_zip: bool = False,
                    timestamp: datetime | None = None, dictionary: Dictionary | None = None) -> MonthResult:
    """A month of NIBRS XML: one document per report and a manifest, as a folder or a zip.

    The folder (or zip) is named by the FBI's convention (see
    :func:`desktop.nibrs.filenames.submission_name`) inside ``folder``; document ``n`` is
    ``<name>_<n:05d>.xml`` and ``manifest.csv`` lists file, report category, action, ORI,
    number and SHA-256 of each. Every document is built and validated before anything is
    written: if one report cannot be written, :class:`XmlWriteError` names it (and every other
    one that failed) and nothing is written.
    """
    d = dictionary or fbi_dictionary()
    base = submission_name(submitter_id, generated, series=series, extra=extra)
    documents: list[tuple[str, bytes, m.Submission]] = []
    failures: list[str] = []
    for n, sub in enumerate(submissions, 1):
        try:
            data = to_xml(sub, timestamp=timestamp, message_id=f"{base}_{n:05d}", submitting_ori=submitter_id,
                          dictionary=d)
        except XmlWriteError as exc:
            failures.append(str(exc))
            continue
        documents.append((f"{base}_{n:05d}.xml", data, sub))
    if failures:
        raise XmlWriteError(f"{len(failures)} report(s) cannot be written as NIBRS XML: " + " | ".join(failures))
    entries = [ManifestEntry.of(name, sub, data, d) for name, data, sub in documents]
    manifest = manifest_bytes(entries)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    if as_zip:
        target = out / f"{base}.zip"
        if target.exists():
            raise XmlWriteError(f"{target} already exists; choose another series number")
        tmp = target.with_name(f".{target.name}.part")
        try:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
                for name, data, _ in documents:
                    z.writestr(f"{base}/{name}", data)
                z.writestr(f"{base}/{MANIFEST_NAME}", manifest)
            os.replace(tmp, target)
        finally:
            if tmp.exists():
                tmp.unlink()
        return MonthResult(target, entries)
    target = out / base
    if target.exists():
        raise XmlWriteError(f"{target} already exists; choose another series number")
    tmp_dir = out / f".{base}.part"
    tmp_dir.mkdir()
    try:
        for name, data, _ in documents:
            (tmp_dir / name).write_bytes(data)
        (tmp_dir / MANIFEST_NAME).write_bytes(manifest)
        os.replace(tmp_dir, target)
    except BaseException:
        for p in tmp_dir.glob("*"):
            p.unlink()
        tmp_dir.rmdir()
        raise
    return MonthResult(target, entries)


def read_manifest(path: str | os.PathLike) -> list[ManifestEntry]:
    """The entries of a month's manifest.csv."""
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [ManifestEntry(**{k: row[k] for k in MANIFEST_COLUMNS}) for row in rows]
