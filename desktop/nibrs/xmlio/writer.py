"""Writing a report as a NIBRS XML document, validated against the schema before it is returned.

An invalid document is refused with the schema's message (:class:`XmlWriteError` names the
report). XML has no place for some flat-file facts (a city indicator beside the ORI, a zero
report for another month than the submission); the writer refuses those rather than drop them.
"""

from __future__ import annotations

import os
import uuid
from datetime import datetime
from decimal import InvalidOperation
from pathlib import Path
from typing import Any, Iterable

from lxml import etree

from desktop.fileio import atomic_write
from desktop.nibrs import age as nibrs_age
from desktop.nibrs import model as m
from desktop.nibrs.dictionary import Dictionary, dictionary as fbi_dictionary
from desktop.nibrs.xmlio.paths import REFERENCE_TAGS, element_paths, path_of
from desktop.nibrs.xmlio.schema import IEPD_VERSION, NS, S_ID, S_REF, T, clark, schema_errors, schema_model


def _plain_paths(d, kind: str) -> list:
    """The elements of a kind written as plain values (ages and the hour are written apart), worked out once per
    dictionary and kind."""
    return d.cached(("xml plain paths", kind), lambda: [
        p for p in element_paths(d, kind)
        if p.field and p.steps and p.element.value_type.xml_plain and p.steps[-1] not in REFERENCE_TAGS])


class XmlWriteError(ValueError):
    """A report cannot be written as a NIBRS XML document; the message names the report and why."""


def describe(sub: m.Submission) -> str:
    return m.describe_report(sub.report)


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
        for p in _plain_paths(self.d, kind):
            if p.entity not in entities:
                continue
            if wanted is not None and p.element.id not in wanted:
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
                    text = p.element.value_type.to_xml(self.d, p.element, v)
                except (XmlWriteError, TypeError, ValueError, InvalidOperation, AttributeError):
                    raise self.fail(f"{label}: {p.element.name} holds {v!r}, which NIBRS XML cannot carry") from None
                self.chain(target, p.steps, fresh=p.element.multiple).text = text

    def age(self, segment: m.Segment, kind: str, person: Any, label: str) -> Any:
        for p in element_paths(self.d, kind):
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
        ym = self.chain(header, (clark("nibrs:ReportDate"), T["nc:YearMonthDate"]), fresh=True)
        ym.text = f"{year:04d}-{month:02d}"
        self.check_readable(r, "the report")
        if isinstance(r, m.GroupAIncident):
            self.incident(r, header)
        elif isinstance(r, m.GroupBArrest):
            self.group_b(r, header)
        else:
            self.put(r, "zero_report", {"nibrs:ReportHeader": header}, "the zero report", only=("1",))
        schema_model().sort(self.root)
        return self.root

    # ------------------------------------------------------------------ Group A
    def incident(self, inc: m.GroupAIncident, header: etree._Element) -> None:
        d = self.d
        inc_el = self.entity("nc:Incident")
        self.put(inc, "incident", {"nibrs:ReportHeader": header, "nc:Incident": inc_el}, "the incident")
        if self.sub.action != "D":
            # An indicator whose code list has only "true" (report date R): its absence is written as
            # "false", as the FBI samples do.
            for p in element_paths(d, "incident"):
                codes = d.code_lists.get(p.element.codes or "")
                if p.field and codes is not None and [c.xml_value for c in codes] == ["true"] \
                        and getattr(inc, p.field) is None:
                    self.chain(inc_el, p.steps, fresh=False).text = "false"
        hour_path = next(p for p in element_paths(d, "incident") if p.element.type == "hour")
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
        loss = path_of(d, "14", "property")
        descriptions = d.codes_for("15")
        substance_codes = {c.code for c in descriptions if c.get("substance")}
        drug_item = next((it for it in prop.items if it.description in substance_codes), None) if prop.drugs else None
        # DE 18/19: the count goes on the segment's motor-vehicle items with the matching status
        quantity_of: dict[int, int] = {}
        for element_id in ("18", "19"):
            path = path_of(d, element_id, "property")
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
        quantity_path = path_of(d, "18", "property")
        status = None
        if prop.loss_type is not None:
            status = loss.element.value_type.to_xml(d, loss.element, prop.loss_type)

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
