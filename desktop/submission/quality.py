"""Data quality and certification, offline: what the state's scorecards say, before anything is submitted.

Per month of submission: the reports the month's exports sent, and from the feedback loaded for them (EDS files
or web-service responses) those accepted and those rejected. The **error rate** is counted as the FBI counts it
for certification: the reports (Group A incidents, Group B arrests, zero reports) the FBI rejected with at least
one error, over the reports submitted in the month; warnings do not count. An agency meets the **certification
terms** with an error rate of 4% or less for three consecutive submissions (months); the view says how many
more months are needed and, for a month over 4%, how many reports with errors are too many.

Besides: the most common errors of the quarter (the calendar quarter of the latest month shown), each with its
field, a one-line fix and the reports it names; trends by the reports' own month (Group A offenses, the
clearance rate, arrests in Group A incidents and Group B arrests); and the month's summary of what it sent
(desktop.submission.summary) beside them. A **certification packet** puts together what a state program asks a
new agency for: the months' files by the FBI's names, a zero report test, the error-rate table and the list
of corrections. No Qt here: the command line and the Data quality window show it.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.nibrs import model as m
from desktop.store import quality as facts
from desktop.store import users
from desktop.submission.months import Month
from desktop.submission.summary import MonthSummary

THRESHOLD = 4.0  # percent: the FBI's certification bar
CONSECUTIVE = 3  # months in a row at or under it
COMMON = 10  # errors listed


@dataclass
class MonthQuality:
    month: Month
    exported: int
    feedback: bool  # feedback loaded for the month
    rejected: int | None  # None without feedback
    warned: int | None
    summary: MonthSummary | None = None
    # trends, by the reports' own month
    incidents: int = 0
    offenses: int = 0
    cleared: int = 0
    arrests_a: int = 0
    arrests_b: int = 0

    @property
    def accepted(self) -> int | None:
        return None if self.rejected is None else max(self.exported - self.rejected, 0)

    @property
    def error_rate(self) -> float | None:
        """Percent of the month's reports rejected with an error (None without feedback or reports)."""
        if self.rejected is None or not self.exported:
            return None
        return 100.0 * self.rejected / self.exported

    @property
    def meets(self) -> bool | None:
        rate = self.error_rate
        return None if rate is None else rate <= THRESHOLD

    @property
    def allowed(self) -> int:
        """Reports with errors the month may have and stay at or under the bar."""
        return int(self.exported * THRESHOLD // 100)

    @property
    def clearance_rate(self) -> float | None:
        return None if not self.incidents else 100.0 * self.cleared / self.incidents


@dataclass
class CommonError:
    number: str
    element: str
    field: str  # the element in words ("Age of Victim (DE 26)")
    message: str
    fix: str
    reports: int
    records: list[tuple[str, int]]


@dataclass
class Certification:
    met: bool
    streak: int  # the latest months in a row at or under the bar, with feedback
    months: list[Month]  # those months
    needed: list[str]  # what is needed, in words (English; the window and the command say them)


@dataclass
class Quality:
    months: list[MonthQuality]
    common: list[CommonError]
    quarter: str
    certification: Certification
    generated: date = field(default_factory=date.today)

    # ------------------------------------------------------------------ words and files
    def rate_rows(self) -> list[dict[str, Any]]:
        return [{"month": str(q.month), "exported": q.exported, "accepted": q.accepted, "rejected": q.rejected,
                 "warnings": q.warned, "error_rate": None if q.error_rate is None else round(q.error_rate, 2),
                 "meets_4_percent": q.meets, "reports_with_errors_allowed": q.allowed if q.exported else None,
                 "feedback": q.feedback}
                for q in self.months]

    def trend_rows(self) -> list[dict[str, Any]]:
        return [{"month": str(q.month), "incidents": q.incidents, "offenses": q.offenses, "cleared": q.cleared,
                 "clearance_rate": None if q.clearance_rate is None else round(q.clearance_rate, 1),
                 "arrests_group_a": q.arrests_a, "arrests_group_b": q.arrests_b}
                for q in self.months]

    def to_dict(self) -> dict[str, Any]:
        c = self.certification
        return {
            "generated": self.generated.isoformat(),
            "error_rates": self.rate_rows(),
            "certification": {"met": c.met, "consecutive_months": c.streak, "months": [str(x) for x in c.months],
                              "threshold_percent": THRESHOLD, "months_needed": CONSECUTIVE, "needed": c.needed},
            "common_errors": {"quarter": self.quarter, "errors": [
                {"number": e.number, "element": e.element, "field": e.field, "message": e.message, "fix": e.fix,
                 "reports": e.reports, "records": [[k, i] for k, i in e.records]} for e in self.common]},
            "trends": self.trend_rows(),
            "summaries": {str(q.month): q.summary.to_dict() for q in self.months if q.summary is not None},
        }

    def json(self) -> str:
        return json.dumps(self.to_dict(), indent=2) + "\n"

    def rates_csv(self) -> str:
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(("month", "exported", "accepted", "rejected", "warnings", "error_rate_percent", "meets_4_percent"))
        for r in self.rate_rows():
            w.writerow((r["month"], r["exported"], _blank(r["accepted"]), _blank(r["rejected"]),
                        _blank(r["warnings"]), _blank(r["error_rate"]), _blank(r["meets_4_percent"])))
        return out.getvalue()

    def csv(self) -> str:
        """Every table, one after the other, each with its name in the first column."""
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\r\n")
        w.writerow(("table", "month", "exported", "accepted", "rejected", "warnings", "error_rate_percent",
                    "meets_4_percent"))
        for r in self.rate_rows():
            w.writerow(("error rate", r["month"], r["exported"], _blank(r["accepted"]), _blank(r["rejected"]),
                        _blank(r["warnings"]), _blank(r["error_rate"]), _blank(r["meets_4_percent"])))
        w.writerow(("table", "number", "field", "reports", "message", "fix"))
        for e in self.common:
            w.writerow((f"common errors {self.quarter}", e.number, e.field, e.reports, e.message, e.fix))
        w.writerow(("table", "month", "incidents", "offenses", "cleared", "clearance_rate_percent", "arrests_group_a",
                    "arrests_group_b"))
        for r in self.trend_rows():
            w.writerow(("trends", r["month"], r["incidents"], r["offenses"], r["cleared"], _blank(r["clearance_rate"]),
                        r["arrests_group_a"], r["arrests_group_b"]))
        return out.getvalue()

    def text(self) -> str:
        lines = ["Data quality", ""]
        lines.append(f"{'Month':<8} {'Exported':>9} {'Accepted':>9} {'Rejected':>9} {'Error rate':>11}  4% or less")
        for q in self.months:
            rate = "" if q.error_rate is None else f"{q.error_rate:.2f}%"
            meets = "" if q.meets is None else ("yes" if q.meets else "no")
            no_feedback = "" if q.feedback or not q.exported else "  (no feedback loaded)"
            lines.append(f"{str(q.month):<8} {q.exported:>9,} {_blank(q.accepted):>9} {_blank(q.rejected):>9} "
                         f"{rate:>11}  {meets}{no_feedback}")
        c = self.certification
        lines += ["", "Certification (error rate of 4% or less for three consecutive submissions): "
                  + ("met" if c.met else "not met yet")]
        lines += [f"  {n}" for n in c.needed]
        lines += ["", f"Most common errors, {self.quarter}:"]
        if not self.common:
            lines.append("  none")
        for e in self.common:
            lines.append(f"  {e.number:<6} {e.reports:>5} report(s)  {e.field}: {e.message}")
            if e.fix:
                lines.append(f"  {'':<6} {'':>5}            To fix: {e.fix}")
        lines += ["", f"{'Month':<8} {'Offenses':>9} {'Incidents':>10} {'Cleared':>8} {'Clearance':>10} "
                      f"{'Arrests A':>10} {'Arrests B':>10}"]
        for q in self.months:
            rate = "" if q.clearance_rate is None else f"{q.clearance_rate:.1f}%"
            lines.append(f"{str(q.month):<8} {q.offenses:>9,} {q.incidents:>10,} {q.cleared:>8,} {rate:>10} "
                         f"{q.arrests_a:>10,} {q.arrests_b:>10,}")
        return "\n".join(lines) + "\n"


def _blank(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


# ------------------------------------------------------------------------------------ working it out
def _field_words(dictionary, element_id: str) -> str:
    if not element_id:
        return "the whole report"
    try:
        e = dictionary.element(element_id)
    except KeyError:
        return element_id
    return f"{e.name} (DE {e.number})" if e.number else e.name


def _fix_for(number: str, given: str) -> str:
    if given:
        return given
    from desktop.nibrs.rules import catalogue

    entry = catalogue.entry(number)
    if entry is None:
        return ""
    fixes = [f for f in entry.fixes if f]
    return fixes[0] if fixes else ""


def _message_for(number: str, given: str) -> str:
    from desktop.nibrs.rules import catalogue

    entry = catalogue.entry(number)
    plain = [x for x in (entry.messages if entry else ()) if x and "{" not in x and "..." not in x
             and "\u2026" not in x]
    return plain[0] if plain else given or (entry.title if entry else "")


def certification(months: list[MonthQuality]) -> Certification:
    """The latest consecutive months with feedback at or under the bar, and what is still needed."""
    judged = [q for q in months if q.meets is not None]
    streak: list[MonthQuality] = []
    for q in reversed(judged):
        if not q.meets or (streak and q.month.next() != streak[-1].month):
            break
        streak.append(q)
    streak.reverse()
    met = len(streak) >= CONSECUTIVE
    needed: list[str] = []
    if met:
        last = streak[-CONSECUTIVE:]
        needed.append(f"The last {CONSECUTIVE} submissions ({', '.join(str(q.month) for q in last)}) were at or under "
                      f"{THRESHOLD:g}%: the agency meets the terms.")
    else:
        more = CONSECUTIVE - len(streak)
        if not judged:
            needed.append(f"No feedback is loaded yet: load the state's or the FBI's error files for each month; "
                          f"{CONSECUTIVE} consecutive months at or under {THRESHOLD:g}% are needed.")
        else:
            needed.append(f"{more} more consecutive month(s) at or under {THRESHOLD:g}% are needed "
                          f"({len(streak)} so far).")
            latest = judged[-1]
            if not latest.meets:
                too_many = latest.rejected - latest.allowed
                needed.append(f"{latest.month}: {latest.rejected:,} of {latest.exported:,} reports had errors "
                              f"({latest.error_rate:.2f}%); at most {latest.allowed:,} may. Correct and resubmit "
                              f"at least {too_many:,} of them, and keep next month's at or under "
                              f"{latest.allowed:,} in {latest.exported:,}.")
    return Certification(met, len(streak), [q.month for q in streak], needed)


def quality(store, *, months: int = 12, until: Month | None = None) -> Quality:
    """The data-quality view of the last ``months`` months (ending with ``until``, else the latest with data)."""
    store.require(users.READ)
    by_month = facts.month_facts(store)
    trends = facts.trend_facts(store)
    known = sorted(set(by_month) | {k for k in trends.incidents if k} | {k for k in trends.arrests_b if k})
    if until is None:
        until = Month(*known[-1]) if known else Month.of(date.today())
    shown: list[Month] = []
    cursor = until
    for _ in range(max(months, 1)):
        shown.append(cursor)
        cursor = cursor.previous()
    shown.reverse()
    out = []
    for month in shown:
        ym = (month.year, month.month)
        f = by_month.get(ym)
        fed = bool(f and f.feedback_files)
        q = MonthQuality(
            month, len(f.exported) if f else 0, fed,
            len(f.with_errors) if fed else None,
            len(f.with_warnings - f.with_errors) if fed else None,
            MonthSummary.from_dict(f.summary) if f and f.summary else None,
            trends.incidents.get(ym, 0), trends.offenses.get(ym, 0), trends.cleared.get(ym, 0),
            trends.arrests_a.get(ym, 0), trends.arrests_b.get(ym, 0))
        out.append(q)
    first_of_quarter = Month(until.year, 3 * ((until.month - 1) // 3) + 1)
    quarter_months = {(first_of_quarter.year, first_of_quarter.month + i) for i in range(3)}
    quarter = f"{until.year} Q{(until.month - 1) // 3 + 1}"
    grouped: dict[tuple[str, str], CommonError] = {}
    for e in facts.error_facts(store, quarter_months):
        c = grouped.get((e.number, e.element))
        if c is None:
            c = grouped[(e.number, e.element)] = CommonError(
                e.number, e.element, _field_words(store.dictionary, e.element), _message_for(e.number, e.message),
                _fix_for(e.number, e.fix), 0, [])
        c.records = sorted(set(c.records) | e.records)
        c.reports += len(e.keys)
    common = sorted(grouped.values(), key=lambda c: (-c.reports, c.number, c.element))[:COMMON]
    return Quality(out, common, quarter, certification(out))


# ------------------------------------------------------------------------------------ the certification packet
@dataclass
class Packet:
    folder: Path
    files: list[Path]
    months: list[Month]


def corrections_csv(rows: list[facts.Correction], dictionary) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(("month", "report", "error", "field", "message", "revision_with_error", "revision_now",
                "revision_sent_last", "what_became_of_it"))
    for c in rows:
        if c.current is None:
            state = "no such report here"
        elif c.status == "deleted":
            state = "deleted"
        elif c.submitted is not None and c.revision is not None and c.submitted > c.revision:
            state = "corrected and resubmitted"
        elif c.revision is not None and c.current > c.revision:
            state = "corrected, not yet resubmitted"
        else:
            state = "not corrected yet"
        w.writerow((f"{c.month[0]:04d}-{c.month[1]:02d}", c.key, c.number, _field_words(dictionary, c.element),
                    c.message, _blank(c.revision), _blank(c.current), _blank(c.submitted), state))
    return out.getvalue()


def packet_months(store, count: int = CONSECUTIVE) -> list[Month]:
    """The latest ``count`` months of submission with an export (the period a packet covers by default)."""
    exported = sorted(ym for ym, f in facts.month_facts(store).items() if f.export_ids)
    return [Month(*ym) for ym in exported[-count:]]


def write_packet(store, folder: str | Path, months: list[Month] | None = None) -> Packet:
    """The certification packet in ``folder``: each month's files (written again from what the export recorded,
    under the FBI's names), a zero report test, the error-rate table, the list of corrections, the quality report
    and a README saying what each is. Raises ValueError when there is nothing to put in it."""
    from desktop.nibrs.filecheck import FileChecker
    from desktop.nibrs.filenames import submission_name
    from desktop.nibrs.flatfile import write_flat
    from desktop.store.submissions import exports as exported_batches
    from desktop.submission.export import reproduce

    store.require(users.EXPORT)
    months = list(months or packet_months(store))
    if not months:
        raise ValueError("no month has been exported yet: a certification packet holds the months' files")
    folder = Path(folder)
    files_dir = folder / "files"
    files_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for month in months:
        batches = sorted(exported_batches(store, year=month.year, month=month.month), key=lambda b: b.id)
        if not batches:
            raise ValueError(f"{month}: nothing was exported for this month")
        for b in batches:
            reproduce(store, b.id, files_dir, overwrite=True)
            written += [files_dir / f.path for f in b.files]
    agency = store.agency()
    ori = agency.ori if agency else "UNKNOWN"
    test_month = months[-1].next()
    zero = files_dir / (submission_name(ori, date.today(), extra="ZERO REPORT TEST", series=1).replace(" ", "-")
                        + ".txt")
    write_flat([m.Submission(m.ZeroReport(ori=ori, year=test_month.year, month=test_month.month), action="A",
                             year=test_month.year, month=test_month.month)], zero)
    from desktop.nibrs.filecheck import inputs

    checker = FileChecker(spec_version=agency.spec_version if agency else "2019.1",
                          nibrs_start=agency.nibrs_start_date if agency else None)
    zero_findings = [f for item in inputs([zero]) for result in checker.check(item) for f in result.findings]
    written.append(zero)
    q = quality(store, months=max(len(months), 1), until=months[-1])
    chosen = {(x.year, x.month) for x in months}
    q.months = [x for x in q.months if (x.month.year, x.month.month) in chosen]
    rates = folder / "error-rates.csv"
    rates.write_text(q.rates_csv(), encoding="utf-8", newline="")
    corrections = folder / "corrections.csv"
    corrections.write_text(corrections_csv(facts.correction_facts(store, chosen), store.dictionary),
                           encoding="utf-8", newline="")
    report = folder / "quality.txt"
    report.write_text(q.text(), encoding="utf-8")
    readme = folder / "README.txt"
    readme.write_text(_readme(agency, months, written, zero, test_month, zero_findings, q), encoding="utf-8")
    return Packet(folder, [*written, rates, corrections, report, readme], months)


def _readme(agency, months, written, zero, test_month, zero_findings, q: Quality) -> str:
    name = agency.name if agency else ""
    lines = [f"NIBRS certification packet: {name} ({agency.ori if agency else ''})",
             f"Months: {', '.join(str(x) for x in months)}; made {date.today():%m/%d/%Y}.", "",
             "files/                 each month's submission file(s), by the FBI's naming convention, written again",
             "                       byte for byte from what NIBRS Desk recorded when they were exported",
             f"files/{zero.name:<16} a zero report test: the file sent for a month with no incident and no arrest",
             f"                       (here {test_month}); checked against the FBI edits: "
             + ("no error" if not [f for f in zero_findings if f.severity == "error"] else
                "; ".join(f"error {f.error}: {f.message}" for f in zero_findings if f.severity == "error")),
             "error-rates.csv        per month: reports exported, accepted and rejected (from the feedback loaded),",
             "                       and the error rate as the FBI counts it (reports with an error / reports sent)",
             "corrections.csv        every error the feedback named, and whether the report was corrected and resent",
             "quality.txt            the data-quality report: rates, certification terms, common errors, trends", "",
             "Certification (4% or less for three consecutive submissions): "
             + ("met" if q.certification.met else "not met yet"), *[f"  {n}" for n in q.certification.needed], "",
             "Files:", *[f"  {p.name}" for p in written]]
    return "\n".join(lines) + "\n"
