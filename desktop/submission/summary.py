"""The month's summary: what a file sends, in counts an office manager can check before sending it.

Counts by offense (Group A offenses and Group B arrest offenses), clearances (by arrest: the
incident has an arrestee; exceptionally: DE 4 A-E, by reason), Group A arrestees, Group B
arrests, corrections and deletes, and whether the file is a zero report. The state profile's
coded elements of offenders, arrestees and Group B arrests are counted too (e.g. Missouri's
immigration status); restricted ones only for someone granted restricted fields.

Rendered as text (the command line, the export dialog) or CSV (``section,item,count``).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from desktop.nibrs import model as m
from desktop.nibrs.dictionary import Dictionary


@dataclass(frozen=True)
class Row:
    section: str
    item: str
    count: int


@dataclass
class MonthSummary:
    month: str  # YYYY-MM, the month of submission
    title: str
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # lines shown under the counts (text only)

    def add(self, section: str, item: str, count: int) -> None:
        self.rows.append(Row(section, item, count))

    def count(self, section: str, item: str) -> int:
        return sum(r.count for r in self.rows if r.section == section and r.item == item)

    def section(self, name: str) -> list[Row]:
        return [r for r in self.rows if r.section == name]

    def to_dict(self) -> dict[str, Any]:
        return {"month": self.month, "title": self.title, "notes": list(self.notes),
                "rows": [[r.section, r.item, r.count] for r in self.rows]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "MonthSummary":
        out = cls(data.get("month", ""), data.get("title", ""), notes=list(data.get("notes", [])))
        out.rows = [Row(s, i, int(c)) for s, i, c in data.get("rows", [])]
        return out

    def text(self) -> str:
        lines = [self.title, ""]
        current = None
        for r in self.rows:
            if r.section != current:
                if current is not None:
                    lines.append("")
                lines.append(f"{r.section}:")
                current = r.section
            lines.append(f"  {r.item:<58} {r.count:>6,}")
        if self.notes:
            lines += [""] + self.notes
        return "\n".join(lines) + "\n"

    def csv(self) -> str:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(("section", "item", "count"))
        for r in self.rows:
            w.writerow((r.section, r.item, r.count))
        return out.getvalue()


# Section names (also the CSV's first column).
REPORTS = "Reports in the file"
OFFENSES = "Group A offenses"
CLEARANCES = "Clearances (Group A incidents)"
ARRESTS = "Arrests"
GROUP_B = "Group B arrests by offense"


@dataclass(frozen=True)
class Sent:
    """One report of a file: the report and its action (I, A, R, D)."""

    report: m.Report
    action: str


def _label(code: str, codes) -> str:
    c = codes.get(code) if codes is not None else None
    return f"{code} {c.text}" if c is not None else code


def summarize(sent: Iterable[Sent], month: str, title: str, dictionary: Dictionary, *,
              restricted: bool = False, profile_name: str = "") -> MonthSummary:
    """The counts of a file's reports. Deletes count as deletes only; the other actions count their content."""
    d = dictionary
    out = MonthSummary(month, title)
    actions: Counter[tuple[str, str]] = Counter()
    offenses: Counter[str] = Counter()
    group_b: Counter[str] = Counter()
    cleared_arrest = cleared_exc = not_cleared = 0
    exceptional: Counter[str] = Counter()
    arrestees = 0
    arrest_types: Counter[str] = Counter()
    zero = 0
    profile_counts: dict[tuple[str, str], Counter[str]] = {}
    profile_elements = {kind: [(e, p) for e, p in d.profile_elements(kind)  # the state's; the agency's own never
                               if e.type == "code" and (restricted or not e.restricted) and e.profile != "local"]
                        for kind in ("offender", "arrestee", "group_b")}
    hidden = any(e.restricted and e.profile != "local" for kind in ("offender", "arrestee", "group_b")
                 for e, _p in d.profile_elements(kind)) and not restricted

    def profile(kind: str, segment: m.Segment) -> None:
        for e, p in profile_elements.get(kind, ()):
            value = segment.extras.get(p.field or e.id)
            key = (e.id, {"offender": "offenders", "arrestee": "arrestees", "group_b": "Group B arrestees"}[kind])
            profile_counts.setdefault(key, Counter())[value if value not in (None, "") else ""] += 1

    for s in sent:
        r = s.report
        actions[(r.KIND, s.action)] += 1
        if s.action == "D":
            continue
        if isinstance(r, m.GroupAIncident):
            for o in r.offenses:
                if o.offense_code:
                    offenses[o.offense_code] += 1
            if r.arrestees:
                cleared_arrest += 1
            elif r.cleared_exceptionally and r.cleared_exceptionally != "N":
                cleared_exc += 1
                exceptional[r.cleared_exceptionally] += 1
            else:
                not_cleared += 1
            for a in r.arrestees:
                arrestees += 1
                if a.arrest_type:
                    arrest_types[a.arrest_type] += 1
            for o in r.offenders:
                profile("offender", o)
            for a in r.arrestees:
                profile("arrestee", a)
        elif isinstance(r, m.GroupBArrest):
            group_b[r.arrest_offense_code or "?"] += 1
            profile("group_b", r)
        elif isinstance(r, m.ZeroReport):
            zero += 1

    words = {"I": "new", "A": "new", "R": "corrected (sent again)", "D": "deleted"}
    for kind, name in (("incident", "Group A incidents"), ("group_b", "Group B arrests"),
                       ("zero_report", "Zero reports")):
        for action in ("I", "A", "R", "D"):
            if actions[(kind, action)]:
                out.add(REPORTS, f"{name}, {words[action]}", actions[(kind, action)])
    out.add(REPORTS, "Zero report (no incidents and no arrests in the month)", zero)
    offense_codes = d.code_list("offense_code")
    for code in sorted(offenses):
        out.add(OFFENSES, _label(code, offense_codes), offenses[code])
    if cleared_arrest or cleared_exc or not_cleared:
        out.add(CLEARANCES, "Cleared by arrest", cleared_arrest)
        out.add(CLEARANCES, "Cleared exceptionally", cleared_exc)
        exc_codes = d.code_list("cleared_exceptionally")
        for code in sorted(exceptional):
            out.add(CLEARANCES, f"  exceptionally: {_label(code, exc_codes)}", exceptional[code])
        out.add(CLEARANCES, "Not cleared", not_cleared)
    if arrestees or group_b:
        out.add(ARRESTS, "Arrestees in Group A incidents", arrestees)
        types = d.code_list("arrest_type")
        for code in sorted(arrest_types):
            out.add(ARRESTS, f"  {_label(code, types)}", arrest_types[code])
        out.add(ARRESTS, "Group B arrests", sum(group_b.values()))
    for code in sorted(group_b):
        out.add(GROUP_B, _label(code, offense_codes), group_b[code])
    for (element_id, among), counter in sorted(profile_counts.items()):
        e = d.element(element_id)
        codes = d.code_lists.get(e.codes or "")
        section = f"{profile_name or 'State'}: {e.name} of {among}" + (" (restricted)" if e.restricted else "")
        for code in [c.code for c in codes] if codes is not None else sorted(counter):
            if counter.get(code):
                out.add(section, _label(code, codes), counter[code])
        if counter.get(""):
            out.add(section, "(not given)", counter[""])
    if hidden:
        out.notes.append("Restricted state fields are not counted: you are not granted restricted fields.")
    return out
