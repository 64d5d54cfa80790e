"""A state's own XML: the FBI's NIBRS XML plus the state profile's elements, in the profile's namespace.

The FBI document is written as for the FBI (``xmlio``), then the profile's mapping is applied:

  container "incident"   the profile's incident elements inside ``<prefix>:IncidentAugmentation``,
                         an ``nc:IncidentAugmentationPoint`` substitute, in ``nc:Incident``
  container "person"     an offender's or arrestee's elements inside ``<prefix>:PersonAugmentation``
                         (an ``nc:PersonAugmentationPoint`` substitute) in that person's ``nc:Person``
  replace                an FBI element written under the state's element name instead (Hawaii's
                         ``hi_nibrs_codes:PersonRaceCode`` for race, which carries Hawaii's codes)

Every document is validated against the FBI schema and the profile's extension schema together
before it is returned; one that does not pass is refused with the schema's message. FBI files
never see any of this: :func:`to_fbi` gives the report as the FBI may see it.
"""

from __future__ import annotations

import copy
import functools
import os
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from lxml import etree

from desktop.nibrs import model as m
from desktop.nibrs import xmlio
from desktop.nibrs.elementtypes import Unreadable
from desktop.nibrs.profiles import Profile, XmlMapping
from desktop.nibrs.values import walk
from desktop.nibrs.xmlio.schema import clark, readable, schema_model
from desktop.resources import resource_path


class StateXmlError(xmlio.XmlWriteError):
    pass


# ------------------------------------------------------------------------------------ FBI view
def to_fbi(report: m.Report, profile: Profile | None) -> m.Report:
    """The report as FBI files may carry it: no profile values, state codes turned into FBI codes."""
    out = copy.deepcopy(report)
    for kind, segment, _where in walk(out):
        segment.extras = {}
        if profile is None or not profile.extend_codes:
            continue
        d = profile.dictionary
        for element, placement in d.model_elements(kind):
            if element.codes not in profile.extend_codes:
                continue
            value = getattr(segment, placement.field)
            if isinstance(value, list):
                setattr(segment, placement.field, [profile.fbi_code(element.codes, v) for v in value])
            elif value is not None:
                setattr(segment, placement.field, profile.fbi_code(element.codes, value))
    return out


# ------------------------------------------------------------------------------------ schema
@functools.lru_cache(maxsize=8)
def _schema_for(profile_id: str, schema_path: str, namespace: str) -> etree.XMLSchema:
    fbi = resource_path(*xmlio.SCHEMA_ENTRY)
    wrapper = (
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
        f'<xsd:import namespace="{xmlio.NS["nibrs"]}" schemaLocation="{Path(fbi).as_uri()}"/>'
        f'<xsd:import namespace="{namespace}" schemaLocation="{Path(schema_path).as_uri()}"/>'
        "</xsd:schema>"
    )
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), parser))


def schema_errors(profile: Profile, doc: etree._Element) -> list[str]:
    if profile.xml_schema is None or profile.xml_namespace is None:
        return xmlio.schema_errors(doc)
    schema = _schema_for(profile.id, str(profile.xml_schema), profile.xml_namespace[1])
    if schema.validate(doc):
        return []
    return [f"line {e.line}: {readable(e.message)}" if e.line else readable(e.message)
            for e in schema.error_log]


# ------------------------------------------------------------------------------------ writing
def _qname(profile: Profile, name: str) -> str:
    prefix, _, local = name.partition(":")
    if profile.xml_namespace and prefix == profile.xml_namespace[0]:
        return f"{{{profile.xml_namespace[1]}}}{local}"
    return clark(name)


def _text(profile: Profile, element_id: str, value: Any) -> str:
    element = profile.dictionary.element(element_id)
    return element.value_type.to_xml(profile.dictionary, element, value)


def _sequence_of(el: etree._Element, tag: str) -> int | None:
    text = el.findtext(clark(tag))
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _person_of(report_el: etree._Element, role_el: etree._Element, prefix: str) -> etree._Element:
    """The nc:Person a role element points at; made (and pointed at) when the role has none."""
    ids = {el.get(xmlio.S_ID): el for el in report_el.iterchildren(clark("nc:Person"))}
    role = role_el.find(clark("nc:RoleOfPerson"))
    if role is not None and role.get(xmlio.S_REF) in ids:
        return ids[role.get(xmlio.S_REF)]
    n = 1
    while f"{prefix}{n}" in ids:
        n += 1
    person = etree.SubElement(report_el, clark("nc:Person"))
    person.set(xmlio.S_ID, f"{prefix}{n}")
    role = etree.Element(clark("nc:RoleOfPerson"))
    role.set(xmlio.S_REF, person.get(xmlio.S_ID))
    role_el.insert(0, role)
    return person


def _augment(profile: Profile, parent: etree._Element, container: str, values: list[tuple[XmlMapping, Any]]) -> None:
    if not values:
        return
    wrapper_name = "IncidentAugmentation" if container == "incident" else "PersonAugmentation"
    ns = profile.xml_namespace[1]  # type: ignore[index]
    aug = etree.SubElement(parent, f"{{{ns}}}{wrapper_name}")
    order = [e.id for e in profile.elements]
    for mapping, value in sorted(values, key=lambda mv: order.index(mv[0].element_id)):
        etree.SubElement(aug, _qname(profile, mapping.name)).text = _text(profile, mapping.element_id, value)


def build_state_document(sub: m.Submission, profile: Profile, **kw: Any) -> etree._Element:
    """The state document's root element (not yet validated)."""
    if profile.xml_namespace is None:
        raise StateXmlError(f"the {profile.name} profile has no XML of its own; send FBI NIBRS XML")
    root = xmlio.build_document(sub, dictionary=profile.dictionary, **kw)
    prefix, uri = profile.xml_namespace
    new_root = etree.Element(root.tag, nsmap={**root.nsmap, prefix: uri})
    new_root[:] = list(root)
    root = new_root
    report_el = root.find(clark("nibrs:Report"))
    by_container: dict[str, list[XmlMapping]] = {}
    for mapping in profile.xml_mappings:
        by_container.setdefault(mapping.container, []).append(mapping)

    # FBI elements the state writes under its own name (Hawaii's race)
    for mapping in by_container.get("replace", []):
        element = profile.dictionary.element(mapping.element_id)
        leaves = {clark(p.xml.split("/")[-1]) for p in element.placements if p.xml}
        for el in list(root.iter(*leaves)):
            el.tag = _qname(profile, mapping.name)

    r = sub.report
    if sub.action == "D" or report_el is None:
        return root
    incident_maps = by_container.get("incident", [])
    person_maps = by_container.get("person", [])
    if isinstance(r, m.GroupAIncident):
        inc_el = report_el.find(clark("nc:Incident"))
        vals = [(mp, r.extras[mp.element_id]) for mp in incident_maps if r.extras.get(mp.element_id) is not None]
        if inc_el is not None:
            _augment(profile, inc_el, "incident", vals)
        people = [("offender", r.offenders, "j:Subject", "j:SubjectSequenceNumberText", "PersonSubject"),
                  ("arrestee", r.arrestees, "j:Arrestee", "j:ArrestSequenceID", "PersonArrestee")]
        for kind, segments, role_tag, seq_tag, prefix_id in people:
            kind_maps = [mp for mp in person_maps
                         if profile.dictionary.element(mp.element_id).placement(kind) is not None]
            if not kind_maps:
                continue
            roles = {_sequence_of(el, seq_tag): el for el in report_el.iterchildren(clark(role_tag))}
            for segment in segments:
                vals = [(mp, segment.extras[mp.element_id]) for mp in kind_maps
                        if segment.extras.get(mp.element_id) is not None]
                if not vals:
                    continue
                role_el = roles.get(segment.sequence_number)
                if role_el is None:
                    raise StateXmlError(f"{xmlio.describe(sub)}: {kind} {segment.sequence_number} has no element "
                                        "to hang its state values on")
                _augment(profile, _person_of(report_el, role_el, prefix_id), "person", vals)
    elif isinstance(r, m.GroupBArrest):
        kind_maps = [mp for mp in person_maps if profile.dictionary.element(mp.element_id).placement("group_b")]
        vals = [(mp, r.extras[mp.element_id]) for mp in kind_maps if r.extras.get(mp.element_id) is not None]
        role_el = report_el.find(clark("j:Arrestee"))
        if vals and role_el is not None:
            _augment(profile, _person_of(report_el, role_el, "PersonArrestee"), "person", vals)
    schema_model().sort(report_el)  # a person made above goes to its place among the entities
    return root


def to_state_xml(sub: m.Submission, profile: Profile, *, message_id: str | None = None,
                 timestamp: datetime | None = None, submitting_ori: str | None = None) -> bytes:
    """One report as the state's XML document (UTF-8), validated against FBI + extension schema."""
    root = build_state_document(sub, profile, message_id=message_id, timestamp=timestamp,
                                submitting_ori=submitting_ori)
    problems = schema_errors(profile, root)
    if problems:
        shown = "; ".join(problems[:3]) + (f" (and {len(problems) - 3} more)" if len(problems) > 3 else "")
        raise StateXmlError(f"{xmlio.describe(sub)}: the document does not pass the {profile.name} schema: {shown}")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# ------------------------------------------------------------------------------------ reading
def read_state_xml(source: str | os.PathLike | bytes | IO[bytes], profile: Profile, *,
                   name: str | None = None) -> list[m.Submission]:
    """Submissions from a state document: the FBI content plus the profile's values in ``extras``."""
    if name is None:
        name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "<xml>")
    tree = xmlio.parse_document(source, name)
    root = tree.getroot()
    report_el = root.find(clark("nibrs:Report"))
    incident_values: dict[str, Any] = {}
    person_values: dict[tuple[str, int | None], dict[str, Any]] = {}
    if profile.xml_namespace is not None and report_el is not None:
        ns = profile.xml_namespace[1]
        by_name = {_qname(profile, mp.name): mp for mp in profile.xml_mappings}
        # state elements standing in for FBI ones: back under the FBI name for the FBI reader
        for mp in profile.xml_mappings:
            if mp.container == "replace":
                element = profile.dictionary.element(mp.element_id)
                fbi_leaf = next(clark(p.xml.split("/")[-1]) for p in element.placements if p.xml)
                for el in list(root.iter(_qname(profile, mp.name))):
                    el.tag = fbi_leaf
        owners: dict[str, tuple[str, int | None]] = {}
        for role_tag, seq_tag, kind in (("j:Subject", "j:SubjectSequenceNumberText", "offender"),
                                        ("j:Arrestee", "j:ArrestSequenceID", "arrestee")):
            for role_el in report_el.iterchildren(clark(role_tag)):
                ref = role_el.find(clark("nc:RoleOfPerson"))
                if ref is not None:
                    owners[ref.get(xmlio.S_REF)] = (kind, _sequence_of(role_el, seq_tag))
        for aug in list(root.iter(f"{{{ns}}}IncidentAugmentation", f"{{{ns}}}PersonAugmentation")):
            parent = aug.getparent()
            target: dict[str, Any]
            if etree.QName(aug).localname == "IncidentAugmentation":
                target = incident_values
            else:
                owner = owners.get(parent.get(xmlio.S_ID))
                target = person_values.setdefault(owner or ("?", None), {})
            for child in aug:
                mp = by_name.get(child.tag)
                if mp is None:
                    raise xmlio.XmlReadError(f"{name}, line {child.sourceline}: {etree.QName(child).localname} is "
                                             f"not an element of the {profile.name} profile")
                target[mp.element_id] = _value(profile, mp.element_id, (child.text or "").strip())
            parent.remove(aug)
        # a person made only to carry state values has nothing left for the FBI reader: fine as it is
    data = etree.tostring(root)
    subs = xmlio.read_xml(data, name=str(name), dictionary=profile.dictionary)
    for sub in subs:
        r = sub.report
        if isinstance(r, m.GroupAIncident):
            r.extras.update(incident_values)
            for o in r.offenders:
                o.extras.update(person_values.get(("offender", o.sequence_number), {}))
            for a in r.arrestees:
                a.extras.update(person_values.get(("arrestee", a.sequence_number), {}))
        elif isinstance(r, m.GroupBArrest):
            r.extras.update(person_values.get(("arrestee", r.sequence_number), {}))
    return subs


def _value(profile: Profile, element_id: str, text: str) -> Any:
    element = profile.dictionary.element(element_id)
    try:
        return element.value_type.from_xml(profile.dictionary, element, text)
    except Unreadable:
        return text  # kept as it is: storage names it
