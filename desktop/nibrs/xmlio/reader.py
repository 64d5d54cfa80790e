"""Reading a NIBRS XML document (IEPD 2019.1; IEPD 4.2 RC2 documents are read as 2019.1).

Property: the XML has one ``nc:Item`` (or ``nc:Substance`` for drugs) per property description
with its status. Reading groups them into property segments by loss type, in document order;
the drugs of a segment become its drug rows (two measurements of one drug type stay two rows),
and the value of the drugs' own property description is the sum of the substances' values.
DE 18/19 are the ``nc:ItemQuantity`` of the stolen/recovered motor-vehicle items.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import IO, Iterable

from lxml import etree

from desktop.nibrs import model as m
from desktop.nibrs.dictionary import Dictionary, dictionary as fbi_dictionary
from desktop.nibrs.elementtypes import Unreadable
from desktop.nibrs.xmlio.paths import (
    REFERENCE_TAGS, ElementPath, element_paths, path_of, texts_at,
)
from desktop.nibrs.xmlio.safe import XmlReadError, parse_document
from desktop.nibrs.xmlio.schema import NS, S_ID, S_REF, T, clark, schema_model

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
    clark("cjis:ItemStatusCode"): {
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
        self.model = schema_model()

    def error(self, why: str, el: etree._Element | None = None) -> XmlReadError:
        line = f", line {el.sourceline}" if el is not None and el.sourceline else ""
        return XmlReadError(f"{self.name}{line}: {why}")

    # ------------------------------------------------------------------ generic fill
    def fill(self, segment: m.Segment, kind: str, entities: dict[str, etree._Element | None],
             skip: Iterable[str] = ()) -> None:
        """Read every plain element of ``kind`` from its entity into ``segment``."""
        skipped = set(skip)
        for p in element_paths(self.d, kind):
            if not p.field or p.element.id in skipped or p.entity not in entities or not p.steps:
                continue
            if not p.element.value_type.xml_plain or p.steps[-1] in REFERENCE_TAGS:  # ages, the hour: below
                continue
            texts = texts_at(self.model, entities[p.entity], p.steps)
            if p.element.type == "date" and not texts:  # a date given only with its hour
                texts = [t[:10] for t in texts_at(self.model, entities[p.entity], p.steps[:-1] + (T["nc:DateTime"],))]
            if p.element.multiple:
                values = getattr(segment, p.field)
                for t in texts:
                    self.put(segment, values, p, t)
            elif texts:
                self.set(segment, p, texts[0])

    def set(self, segment: m.Segment, p: ElementPath, text: str) -> None:
        try:
            setattr(segment, p.field, p.element.value_type.from_xml(self.d, p.element, text))  # type: ignore[arg-type]
        except Unreadable:
            segment.invalid[p.field] = text  # type: ignore[index]

    def put(self, segment: m.Segment, values: list, p: ElementPath, text: str) -> None:
        try:
            values.append(p.element.value_type.from_xml(self.d, p.element, text))
        except Unreadable:
            segment.invalid[f"{p.field}[{len(values)}]"] = text
            values.append(None)

    def age(self, segment: m.Segment, kind: str, person: etree._Element | None) -> None:
        for p in element_paths(self.d, kind):
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
        ym = texts_at(self.model, header, (clark("nibrs:ReportDate"), T["nc:YearMonthDate"]))
        if ym:
            year, month = _year_month(ym[0])
        city = self._header_value(header, "city_indicator")
        ori_path = path_of(self.d, "1", kind)
        ori = texts_at(self.model, header, ori_path.steps)
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
        texts = texts_at(self.model, header, tuple(clark(s) for s in p.xml.split("/")[1:]))
        return texts[0] if texts else None

    # ------------------------------------------------------------------ Group A
    def incident(self, report: etree._Element, header: etree._Element, ids: dict, action: str) -> m.GroupAIncident:
        d = self.d
        inc = m.GroupAIncident()
        inc_el = report.find(T["nc:Incident"])
        self.fill(inc, "incident", {"nc:Incident": inc_el, "nibrs:ReportHeader": header})
        hour_path = next(p for p in element_paths(d, "incident") if p.element.type == "hour")
        stamps = texts_at(self.model, inc_el, hour_path.steps)
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
        loss = path_of(d, "14", "property")
        descriptions = d.codes_for("15")
        counts = [(path_of(d, e.id, "property"), str(e.attrs.get("loss_type"))) for e in
                  (d.element("18"), d.element("19"))]
        by_loss: dict[str, m.Property] = {}
        merged: dict[tuple[str, str | None], m.PropertyItem] = {}  # substances' items, one per description

        def segment_for(el: etree._Element) -> m.Property:
            texts = texts_at(self.model, el, loss.steps)
            code = loss.element.value_type.from_xml(d, loss.element, texts[0]) if texts else None
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
                quantities = texts_at(self.model, el, path.steps)
                if desc is not None and desc.get("motor_vehicle") and quantities:
                    try:
                        n = path.element.value_type.from_xml(d, path.element, quantities[0])
                    except Unreadable:
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
