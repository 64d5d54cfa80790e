"""Feedback from the state or the FBI: an Error Data Set or a web-service response, attached to records.

An EDS (``desktop.nibrs.eds``) lists errors by submission (year and month), physical record
number, ORI and incident number (or arrest transaction number), segment and data element; its
trailer says the FBI processed the submission. A web-service response (``SubmitNibrsNIEMDocument
Response``) answers one document: ``ddocname`` ``YYYY_MM_ORI_NUMBER_INC``, a status (ACCEPTED,
WARNINGS, ERRORS) and its violations (code, level E or W, data element, value, segment).

Each error is attached to the record it names - through the export it answers when the record
number falls in one (precise, and gives the revision sent), else by ORI and number - with a
path into the report where the segment and element say where, so the wizard can go to the field.
A record with an error becomes rejected; warnings do not reject; a processed EDS (trailer
present) accepts the other records of its export, as does an ACCEPTED or WARNINGS response.
Loading the same file twice changes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from desktop.nibrs import eds
from desktop.nibrs import model as m
from desktop.nibrs.dictionary import SegmentKind, dictionary as fbi_dictionary
from desktop.nibrs.findings import ERROR, WARNING, Finding
from desktop.nibrs.xmlio import XmlReadError, parse_document
from desktop.store import submissions as subs_db
from desktop.store import users
from desktop.store.submissions import ExportInfo, FeedbackTarget

WS_NS = "http://ws.nibrs.ucr.cjis.fbi.gov/"
SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"


def _segment_at(level: str) -> SegmentKind | None:
    """The segment kind of a segment level ("4" -> victim), as the dictionary declares it."""
    return fbi_dictionary().segment_for_level(level)


class FeedbackFileError(ValueError):
    """A file that is not an EDS or a service response (or a service fault); the message names it."""


@dataclass
class Parsed:
    """What one feedback file says."""

    name: str
    format: str  # eds | service
    year: int | None = None
    month: int | None = None
    processed_on: object = None  # date of the EDS trailer
    processed: bool = False  # the submission (or document) was processed: what has no error is accepted
    findings: list[Finding] = field(default_factory=list)
    documents: list[tuple[str, str, str]] = field(default_factory=list)  # service: (ori, number, type) answered


# ------------------------------------------------------------------------------------------- reading
def parse_file(path: Path) -> Parsed:
    data = path.read_bytes()
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return parse_service(data, str(path))
    try:
        ds = eds.read_eds(path)
    except eds.EdsError as exc:
        raise FeedbackFileError(str(exc)) from None
    out = Parsed(str(path), "eds", processed=ds.processed)
    years = {(r.year, r.month) for r in ds.records}
    if ds.trailer is not None:
        years.add((ds.trailer.year, ds.trailer.month))
        out.processed_on = ds.trailer.processed_on
    years.discard((None, None))
    if len(years) == 1:
        out.year, out.month = years.pop()
    out.findings = [eds.to_finding(r, file=str(path)) for r in ds.records]
    return out


def _text(el: etree._Element | None) -> str:
    return " ".join((el.text or "").split()) if el is not None else ""


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def parse_service(data: bytes, name: str) -> Parsed:
    """An FBI web-service response (or SOAP fault) for one document."""
    try:
        root = parse_document(data, name).getroot()
    except XmlReadError as exc:
        raise FeedbackFileError(str(exc)) from None
    fault = next((el for el in root.iter() if isinstance(el.tag, str) and _local(el) == "Fault"), None)
    if fault is not None:
        text = _text(next((c for c in fault.iter() if isinstance(c.tag, str) and _local(c) == "faultstring"), None))
        raise FeedbackFileError(f"{name}: the FBI service refused the document without naming a report: "
                                f"{text or 'no reason given'}")
    responses = [el for el in root.iter() if isinstance(el.tag, str) and _local(el) == "ingestResponse"]
    if not responses:
        raise FeedbackFileError(f"{name}: not an FBI NIBRS service response (no ingestResponse)")
    out = Parsed(name, "service", processed=True)
    for resp in responses:
        child = {_local(c): c for c in resp if isinstance(c.tag, str)}
        doc = _text(child.get("ddocname"))
        status = _text(child.get("status")).upper()
        parts = doc.split("_")
        if len(parts) < 5 or not (parts[0].isdigit() and parts[1].isdigit()):
            raise FeedbackFileError(f"{name}: ddocname {doc!r} does not name a report (YYYY_MM_ORI_NUMBER_TYPE)")
        year, month, ori, number, kind = int(parts[0]), int(parts[1]), parts[2], "_".join(parts[3:-1]), parts[-1]
        out.year, out.month = year, month
        out.documents.append((ori, number, kind))
        for v in resp:
            if not isinstance(v.tag, str) or _local(v) != "violations":
                continue
            fields = {_local(c): _text(c) for c in v if isinstance(c.tag, str)}
            level = fields.get("violationLevel", "E").upper()
            seq = fields.get("sequenceNumber", "")
            out.findings.append(Finding(
                error=fields.get("violationCode", ""), severity=WARNING if level.startswith("W") else ERROR,
                message=fields.get("violationDescription", ""), element=fields.get("dataElement", ""),
                value=fields.get("badValue", ""), ori=ori, incident=number,
                segment_level=fields.get("segmentLevel", ""), sequence=f"{int(seq):03d}" if seq.isdigit() else seq,
                loss_type=fields.get("propertyLossCode", ""), offense_code=fields.get("offenseCode", ""),
                file=name, extra={"source": "service", "ddocname": doc, "status": status, "type": kind}))
        if status not in ("ACCEPTED", "WARNINGS", "ERRORS"):
            raise FeedbackFileError(f"{name}: status {status!r} of {doc} is not ACCEPTED, WARNINGS or ERRORS")
    return out


# ------------------------------------------------------------------------------------------- matching
def _kind_of(f: Finding, doc_type: str = "") -> str:
    segment = _segment_at(f.segment_level)
    if segment is not None and segment.record != "group_a":  # a zero report, a Group B arrest
        return segment.id
    if doc_type and doc_type.upper() not in ("INC", "GROUPA", "A"):
        return "group_b" if doc_type.upper() in ("ARR", "GRPB", "GROUPB", "B") else "incident"
    return "incident"


def _key(kind: str, f: Finding, year: int | None, month: int | None) -> tuple:
    if kind == "group_b":
        return (f.ori, f.incident, int(f.sequence) if f.sequence.strip().isdigit() else None)
    if kind == "zero_report":
        return (f.ori, year, month)
    return (f.ori, f.incident)


def locate(report: m.Report, f: Finding, dictionary) -> str:
    """The path in ``report`` a finding points at (segment by level and sequence/offense/loss type, then element)."""
    base = ""
    kind = report.KIND
    segment = _segment_at(f.segment_level)
    if isinstance(report, m.GroupAIncident) and segment is not None and segment.list:
        name = segment.list
        rows = getattr(report, name)
        kind = segment.id
        index = None
        for i, seg in enumerate(rows):
            if name in ("victims", "offenders", "arrestees") and f.sequence.strip().isdigit() and \
                    seg.sequence_number == int(f.sequence):
                index = i
            elif name == "offenses" and f.offense_code and seg.offense_code == f.offense_code:
                index = i
            elif name == "properties" and f.loss_type and seg.loss_type == f.loss_type:
                index = i
            if index is not None:
                break
        if index is None and len(rows) == 1:
            index = 0
        if index is None:
            return ""
        base = f"{name}[{index}]"
    if not f.element:
        return base
    try:
        element = dictionary.element(f.element)
    except KeyError:
        return base
    placement = element.placement(kind)
    if placement is None or not placement.field:
        return base
    return f"{base}.{placement.field}" if base else placement.field


def _export_for(store, parsed: Parsed, export_id: int | None) -> ExportInfo | None:
    if export_id is not None:
        return subs_db.export_info(store, export_id)
    if parsed.year is None or parsed.month is None:
        return None
    candidates = [e for e in subs_db.exports(store, year=parsed.year, month=parsed.month)
                  if parsed.format != "eds" or e.format == "flat"]
    return subs_db.export_info(store, candidates[0].id) if candidates else None


@dataclass
class FeedbackResult:
    name: str
    feedback_id: int | None
    outcome: dict[str, list[str]]
    already: str = ""  # loaded before: nothing changed
    export_id: int | None = None


def load_feedback(store, path: str | Path, *, export_id: int | None = None) -> FeedbackResult:
    """Read a feedback file and attach it to the records it names (one transaction)."""
    store.require(users.FEEDBACK)
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FeedbackFileError(f"{path}: cannot be read: {exc.strerror or exc}") from None
    digest = hashlib.sha256(data).hexdigest()
    seen = subs_db.feedback_loaded(store, digest)
    if seen is not None:
        return FeedbackResult(str(path), seen[0], {}, already=f"{path} was loaded before (feedback {seen[0]}, "
                                                               f"{seen[1]:%m/%d/%Y %H:%M}); nothing changed")
    parsed = parse_file(path)
    export = _export_for(store, parsed, export_id)
    by_record: dict[int, object] = {}
    if export is not None:
        for it in export.items:
            if it.first_record is not None and it.records:
                for n in range(it.first_record, it.first_record + it.records):
                    by_record[n] = it
    targets: list[FeedbackTarget] = []
    doc_types = {(o, n): t for o, n, t in parsed.documents}
    reports: dict[tuple[str, int], m.Report] = {}
    for f in parsed.findings:
        kind = _kind_of(f, doc_types.get((f.ori, f.incident), ""))
        item = by_record.get(f.record) if f.record else None
        key = _key(kind, f, parsed.year, parsed.month)
        label = f"{f.ori} {f.incident}".strip()
        if item is not None and item.record_id is not None and _matches(item, f):
            kind, record_id, revision = item.kind, item.record_id, item.revision
            record_id = record_id if subs_db.record_exists(store, kind, record_id) else None
        else:
            found = subs_db.find_record(store, kind, key)
            record_id, revision = (found[0], found[1]) if found else (None, None)
        path_in = ""
        if record_id is not None:
            if (kind, record_id) not in reports:
                reports[(kind, record_id)] = store.get(kind, record_id, audited=False).report
            path_in = locate(reports[(kind, record_id)], f, store.dictionary)
        segment = _segment_at(f.segment_level)
        targets.append(FeedbackTarget(replace(f, path=path_in, segment=segment.id if segment is not None else ""),
                                      kind if record_id is not None else None, record_id, revision, label))
    accepted: list[tuple[str, int]] = []
    if parsed.processed:
        if parsed.format == "eds" and export is not None:
            accepted = [(it.kind, it.record_id) for it in export.items if it.record_id is not None and it.action != "D"]
        elif parsed.format == "service":
            for ori, number, doc_type in parsed.documents:
                kind = _kind_of(Finding("", "", ""), doc_type)
                found = subs_db.find_record(store, kind, (ori, number))
                if found is not None:
                    accepted.append((kind, found[0]))
    feedback_id, outcome = subs_db.record_feedback(
        store, name=str(path), sha256=digest, fmt=parsed.format, year=parsed.year, month=parsed.month,
        processed_on=parsed.processed_on, export_id=export.id if export else None, targets=targets,
        accepted=accepted)
    return FeedbackResult(str(path), feedback_id, outcome, export_id=export.id if export else None)


def _matches(item, f: Finding) -> bool:
    """The export item at the EDS record number is the report the EDS names (same ORI and number)."""
    r = item.report
    number = getattr(r, "incident_number", None) or getattr(r, "arrest_transaction_number", None)
    if isinstance(r, m.ZeroReport):
        return getattr(r, "ori", None) == f.ori
    return getattr(r, "ori", None) == f.ori and (number or "") == f.incident.strip()

