"""The monthly export: what goes in a month's file (:func:`plan_export`), writing and recording it
(:func:`run_export`), and writing a recorded export again byte for byte (:func:`reproduce`).

See the package's docstring for which records belong to a month. The plan checks every report
with the FBI edits for the month of submission (and this database as history); a report with
errors stops the export, listed by number, error and message, unless errors are allowed.
Writing goes to a temporary name; the database records the export, marks the records submitted
at the revision sent and purges the records whose delete was sent, and the file is moved to its
final name inside that same transaction (see ``desktop.store.submissions.record_export``).

Checking a month again (the export dialog does after every change) can keep what the last check
read in a :class:`CheckCache`: reports are loaded again only when their revision or their time of
change differs, and the FBI edits run again only on those, unless the history they are checked
against (what else is on file), the agency's settings or the month changed.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable

from sqlalchemy import select

from desktop.nibrs import model as m
from desktop.nibrs.filenames import submission_name
from desktop.nibrs.findings import Finding
from desktop.store import submissions as subs_db
from desktop.store import users
from desktop.store.lock import store_lock
from desktop.store.service import APPROVED, READY, DRAFT, StoreError
from desktop.store.submissions import ExportEntry, ExportInfo, Loaded, describe, key_of
from desktop.submission import batch
from desktop.nibrs.invalid import apply_layout, join
from desktop.submission.months import Month, latest_date, main_date
from desktop.submission.summary import MonthSummary, Sent, summarize

Progress = Callable[[str, int, int], None]  # stage ("checking", "writing", "recording"), done, total


class ExportError(StoreError):
    """The export cannot be made; the message says why in words (and ``lines`` lists what to fix)."""

    def __init__(self, message: str, lines: list[str] | None = None):
        self.lines = list(lines or [])
        super().__init__(message + ("".join(f"\n  {line}" for line in self.lines) if self.lines else ""))


class NothingNew(ExportError):
    """The month has nothing that was not sent already."""


class ExportRefused(ExportError):
    """Reports with errors (listed): fix them, return them to draft, or allow errors."""


@dataclass
class Blocked:
    what: str
    number: str
    errors: list[Finding]
    kind: str = ""  # the record it is (to open it at its first error)
    record_id: int | None = None

    def lines(self) -> list[str]:
        return [f"{self.number}: error {f.error}: {f.message}" for f in self.errors]


@dataclass
class Plan:
    month: Month
    agency_ori: str
    agency_name: str
    fmt: str
    entries: list[ExportEntry] = field(default_factory=list)  # in file order
    sent: list[Sent] = field(default_factory=list)  # one per report (a replacement once), for the summary
    purge_unsent: list[tuple[str, int]] = field(default_factory=list)
    blocked: list[Blocked] = field(default_factory=list)
    warnings: int = 0
    waiting: list[str] = field(default_factory=list)  # approved, but dated after the month
    not_ready: list[str] = field(default_factory=list)  # dated in the month, not approved yet
    zero_report: bool = False
    zero_note: str = ""
    earlier: list[ExportInfo] = field(default_factory=list)  # exports of this month already recorded
    allow_errors: bool = False

    @property
    def nothing_new(self) -> bool:
        return not self.entries

    def summary(self, store, title: str | None = None) -> MonthSummary:
        from desktop.nibrs.profiles import get_profile

        restricted = store.actor is not None and store.actor.can(users.RESTRICTED)
        try:
            profile_name = get_profile(store.profile).name if store.profile != "fbi" else ""
        except KeyError:
            profile_name = store.profile
        out = summarize(self.sent, str(self.month), title or self.title(), store.dictionary, restricted=restricted,
                        profile_name=profile_name)
        out.notes += self.notes()
        return out

    def title(self, name: str = "") -> str:
        file = f", file {name}" if name else ""
        return f"NIBRS submission for {self.month.words} - {self.agency_name} ({self.agency_ori}){file}"

    def notes(self) -> list[str]:
        out = []
        if self.blocked:
            out.append(f"{len(self.blocked)} report(s) have errors" +
                       (" and are sent anyway (errors allowed)." if self.allow_errors else
                        ": the file cannot be written until they are fixed (or returned to draft)."))
            for b in self.blocked:
                out += [f"  {line}" for line in b.lines()]
        if self.warnings:
            out.append(f"{self.warnings} warning(s) on the reports sent (warnings do not stop a submission).")
        if self.not_ready:
            out.append(f"{len(self.not_ready)} report(s) dated in the month are not approved yet and are not in the "
                       "file: " + ", ".join(self.not_ready[:20]) + (" ..." if len(self.not_ready) > 20 else ""))
        if self.waiting:
            out.append(f"{len(self.waiting)} approved report(s) carry a date after the month and wait for a later "
                       "month's file: " + "; ".join(self.waiting[:10]) + (" ..." if len(self.waiting) > 10 else ""))
        if self.zero_note:
            out.append(self.zero_note)
        if self.purge_unsent:
            out.append(f"{len(self.purge_unsent)} deleted report(s) the state had rejected are removed (nothing to "
                       "delete at the FBI).")
        return out

    def nothing_new_message(self) -> str:
        if self.earlier:
            last = self.earlier[0]
            return (f"Nothing new to send for {self.month.words}: every approved report was already sent (last "
                    f"export {last.id}, {last.name}, on {last.created_at:%m/%d/%Y %H:%M}). To write that file again, "
                    f"use --reproduce {last.id}.")
        return f"Nothing to send for {self.month.words}: no approved report waits to be sent."


# ------------------------------------------------------------------------------------------- planning
def _identifying(report: m.Report) -> m.Report:
    """What a delete carries: the key and the date the FBI files the report under (DE 1, 2 and 3 - date, report
    date indicator and hour - for an incident; DE 1, 41, 40 and 42 for a Group B arrest)."""
    if isinstance(report, m.GroupAIncident):
        return m.GroupAIncident(ori=report.ori, incident_number=report.incident_number,
                                incident_date=report.incident_date, report_date_indicator=report.report_date_indicator,
                                incident_hour=report.incident_hour)
    if isinstance(report, m.GroupBArrest):
        return m.GroupBArrest(ori=report.ori, arrest_transaction_number=report.arrest_transaction_number,
                              sequence_number=report.sequence_number, arrest_date=report.arrest_date)
    return m.ZeroReport(ori=report.ori, year=report.year, month=report.month)


def _number(report: m.Report) -> str:
    if isinstance(report, m.GroupAIncident):
        return report.incident_number or "?"
    if isinstance(report, m.GroupBArrest):
        return f"{report.arrest_transaction_number or '?'}/{report.sequence_number or '?'}"
    return f"zero report {report.year}-{report.month:02d}" if report.year and report.month else "zero report"


def _add_action(kind: str) -> str:
    return "I" if kind == "incident" else "A"


def _profile(store):
    from desktop.nibrs.profiles import get_profile

    try:
        return get_profile(store.profile or "fbi")
    except KeyError:
        return None


def _fbi_view(report: m.Report, profile) -> m.Report:
    """What an FBI file may carry of a report: no state values, state codes as FBI codes."""
    from desktop.nibrs.state_xml import to_fbi
    from desktop.nibrs.invalid import segments

    if (profile is None or not profile.extend_codes) and not any(seg.extras for _k, _p, seg in segments(report)):
        return report
    return to_fbi(report, profile)


class CheckCache:
    """What one export check keeps for the next (see the module's docstring); one per database."""

    def __init__(self) -> None:
        self.loaded: dict[tuple[str, int], Loaded] = {}
        self.findings: dict[tuple, list[Finding]] = {}
        self.context: tuple | None = None  # what the kept findings were checked against
        self.loads = 0  # reports read from the database (every check), for tests and the benchmark
        self.checks = 0  # reports the FBI edits ran on

    def load(self, store, kind: str, *conditions) -> list[Loaded]:
        """``load_where`` through the cache: records whose revision and time of change are known are not read."""
        cls = subs_db.KINDS[kind].row
        with store.db.read() as session:
            current = session.execute(select(cls.id, cls.revision, cls.updated_at).where(*conditions)
                                      .order_by(cls.id)).all()
        stale = [rid for rid, revision, updated in current
                 if (kept := self.loaded.get((kind, rid))) is None or (kept.revision, kept.updated_at) !=
                 (revision, updated)]
        for i in range(0, len(stale), 500):
            for rec in subs_db.load_where(store, kind, cls.id.in_(stale[i:i + 500])):
                self.loaded[(kind, rec.id)] = rec
        self.loads += len(stale)
        return [self.loaded[(kind, rid)] for rid, _r, _u in current if (kind, rid) in self.loaded]

    def checked(self, context: tuple) -> None:
        """The findings kept were found against another history or settings: forget them."""
        if context != self.context:
            self.findings.clear()
            self.context = context


def _load(store, cache: CheckCache | None, kind: str, *conditions) -> list[Loaded]:
    return cache.load(store, kind, *conditions) if cache is not None else subs_db.load_where(store, kind, *conditions)


def plan_export(store, month: Month, *, fmt: str = batch.FLAT, allow_errors: bool = False, today: date | None = None,
                progress: Progress | None = None, cache: CheckCache | None = None) -> Plan:
    """What the month's file would hold now, checked with the FBI edits. Reads only.

    ``cache`` keeps the reports read and their findings for the next check (see :class:`CheckCache`)."""
    store.require(users.READ)
    if fmt not in (batch.FLAT, batch.XML, batch.STATE_XML):
        raise ExportError(f"format {fmt!r}: choose flat, xml or state-xml")
    profile = _profile(store)
    if fmt == batch.STATE_XML and (profile is None or profile.xml_namespace is None):
        raise ExportError(f"the agency's profile ({store.profile or 'fbi'}) has no state XML of its own: export "
                          "the FBI's flat file or XML")
    agency = store.agency()
    if agency is None:
        raise ExportError("the agency is not set up yet (ORI and name): open the app, or set it up first")
    today = today or date.today()
    if month.first > today:
        raise ExportError(f"{month.words} has not begun; a file is sent for a month that has begun (usually ended)")
    plan = Plan(month, agency.ori, agency.name, fmt, allow_errors=allow_errors)
    plan.earlier = subs_db.exports(store, year=month.year, month=month.month)

    approved: list[Loaded] = []
    for kind in ("incident", "group_b", "zero_report"):
        cls = subs_db.KINDS[kind].row
        for rec in _load(store, cache, kind, cls.status == APPROVED, cls.deleted_at.is_(None)):
            if kind == "zero_report":
                if (rec.report.year, rec.report.month) <= (month.year, month.month):
                    approved.append(rec)
                else:
                    plan.waiting.append(f"{_number(rec.report)} (a later month)")
                continue
            latest = latest_date(rec.report)
            if main_date(rec.report) is None:
                plan.waiting.append(f"{_number(rec.report)} (no {'incident' if kind == 'incident' else 'arrest'} "
                                    "date)")
            elif latest is not None and latest[1] > month.last:
                plan.waiting.append(f"{_number(rec.report)} ({latest[0]} {latest[1]:%m/%d/%Y})")
            else:
                approved.append(rec)
    deleted: list[Loaded] = []
    for kind in ("incident", "group_b", "zero_report"):
        cls = subs_db.KINDS[kind].row
        deleted += _load(store, cache, kind, cls.deleted_at.is_not(None), cls.submitted_revision.is_not(None))
    before = subs_db.sent_before(store, approved + deleted)

    groups: dict[str, dict[str, list[ExportEntry]]] = {k: {"D": [], "R": [], "I": []}
                                                      for k in ("incident", "group_b", "zero_report")}
    for rec in deleted:
        if not subs_db.fbi_holds(rec, before.get((rec.kind, rec.id))):
            plan.purge_unsent.append((rec.kind, rec.id))
            continue
        sent = before[(rec.kind, rec.id)].report if (rec.kind, rec.id) in before else None
        sent = sent or subs_db.revision_report(store, rec.kind, rec.id, rec.submitted_revision) or rec.report
        when = main_date(sent)
        if when is not None and when > month.last:
            plan.waiting.append(f"delete of {_number(sent)} (dated {when:%m/%d/%Y})")
            continue
        ident = _identifying(sent)
        groups[rec.kind]["D"].append(ExportEntry(rec.kind, rec.id, rec.submitted_revision, "D", ident, purge=True))
        plan.sent.append(Sent(ident, "D"))
    for rec in approved:
        full = join(rec.report, rec.invalid, store.dictionary) if rec.invalid else rec.report
        apply_layout(full, rec.layout)
        report = full if fmt == batch.STATE_XML else _fbi_view(full, profile)
        add = _add_action(rec.kind)
        prior = before.get((rec.kind, rec.id))
        if subs_db.fbi_holds(rec, prior):
            old = (prior.report if prior is not None else None) or \
                subs_db.revision_report(store, rec.kind, rec.id, rec.submitted_revision)
            if fmt != batch.FLAT and (old is None or key_of(old) == key_of(report)):
                groups[rec.kind]["R"].append(ExportEntry(rec.kind, rec.id, rec.revision, "R", report,
                                                         mark_submitted=True, layout=rec.layout, checked=full))
            else:
                groups[rec.kind]["R"] += [
                    ExportEntry(rec.kind, rec.id, rec.submitted_revision, "D", _identifying(old or report)),
                    ExportEntry(rec.kind, rec.id, rec.revision, add, report, mark_submitted=True, layout=rec.layout,
                                checked=full)]
            plan.sent.append(Sent(full, "R"))
        else:
            groups[rec.kind]["I"].append(ExportEntry(rec.kind, rec.id, rec.revision, add, report,
                                                     mark_submitted=True, layout=rec.layout, checked=full))
            plan.sent.append(Sent(full, add))

    _zero_report(store, plan, groups, today)
    for kind in ("incident", "group_b", "zero_report"):
        for action in ("D", "R", "I"):
            plan.entries += groups[kind][action]
    not_ready = []
    for kind in ("incident", "group_b"):
        for _id, number, status, _when in subs_db.dated_in(store, kind, month.first, month.last,
                                                           statuses=(DRAFT, READY)):
            not_ready.append(f"{number} ({status})")
    plan.not_ready = not_ready
    _check(store, plan, progress, cache)
    return plan


def _zero_report(store, plan: Plan, groups, today: date) -> None:
    month = plan.month
    anything = any(subs_db.dated_in(store, kind, month.first, month.last, include_deleted=True)
                   for kind in ("incident", "group_b"))
    zero = subs_db.dated_in(store, "zero_report", month.first, month.last)
    if anything:
        return
    if zero:
        states = {status for _i, _n, status, _d in zero}
        if states & {DRAFT, READY}:
            plan.zero_note = f"The zero report for {month.words} is not approved yet."
        return
    if month.last >= today:
        plan.zero_note = (f"Nothing is dated in {month.words}, but the month is not over: a zero report can only "
                          "be sent for a month that has ended.")
        return
    report = m.ZeroReport(ori=plan.agency_ori, year=month.year, month=month.month)
    groups["zero_report"]["I"].append(ExportEntry("zero_report", None, None, "A", report, mark_submitted=True))
    plan.sent.append(Sent(report, "A"))
    plan.zero_report = True


def _check(store, plan: Plan, progress: Progress | None, cache: CheckCache | None = None) -> None:
    """The FBI edits on every report of the plan, for its month of submission (those a cache kept are not run
    again)."""
    from desktop.nibrs.rules import validate
    from desktop.store.history import context_for

    ctx = context_for(store, submission_year=plan.month.year, submission_month=plan.month.month)
    ctx.history = subs_db.MemoryHistory(store)
    if cache is not None:
        cache.checked((store.agency(), store.profile, store.profile_version, plan.fmt,
                       ctx.history.fingerprint()))
    blocked: dict[tuple[str, int | None, str], Blocked] = {}
    total = len(plan.entries)
    for n, e in enumerate(plan.entries, 1):
        ctx.stored_id = e.record_id
        ctx.action = e.action
        key = (e.kind, e.record_id, e.revision, e.action, plan.month) if e.record_id is not None else None
        found = cache.findings.get(key) if cache is not None and key is not None else None
        if found is None:
            found = validate(e.checked if e.checked is not None else e.report, ctx)
            if cache is not None:
                cache.checks += 1
                if key is not None:
                    cache.findings[key] = found
        errors = [f for f in found if f.is_error]
        plan.warnings += len(found) - len(errors)
        if errors:
            key = (e.kind, e.record_id, e.action)
            blocked.setdefault(key, Blocked(describe(e.report), _number(e.report), [], e.kind, e.record_id)
                               ).errors.extend(errors)
        if progress is not None and (n % 100 == 0 or n == total):
            progress("checking", n, total)
    plan.blocked = list(blocked.values())


# ------------------------------------------------------------------------------------------- writing
@dataclass
class ExportResult:
    export_id: int
    path: Path
    name: str
    files: list[batch.WrittenFile]
    summary: MonthSummary


def _submission(report: m.Report, action: str, month: Month) -> m.Submission:
    return m.Submission(report=report, action=action, year=month.year, month=month.month)


def _target(store, out_dir: Path, final_name: str, overwrite: bool) -> None:
    final = out_dir / final_name
    if not final.exists():
        return
    recorded = subs_db.recorded_file(store, str(out_dir), final_name)
    if recorded is not None:
        raise ExportError(f"{final} is the file of export {recorded}; write this export into another folder")
    if not overwrite:
        raise ExportError(f"{final} already exists and no export of this database wrote it (an export that was "
                          "interrupted?); remove it, or allow it to be replaced (--overwrite)")


def _restricted_allowed(store, fmt: str, reports: list[m.Report]) -> None:
    """The state's own XML carries the profile's elements, restricted ones too: only someone who may see them
    writes it (FBI files never carry state elements)."""
    if fmt != batch.STATE_XML or store.may_see_restricted():
        return
    from desktop.nibrs.local import is_local  # the agency's own values are in no file: they never stop it

    held = sorted({name for r in reports for name in store.restricted_values(r)
                   if not is_local(store.dictionary.element(name))})
    if held:
        raise ExportError(f"the state's XML would carry restricted fields ({', '.join(held)}), which "
                          f"{store.user or 'this user'} may not see: someone granted restricted fields writes it")


def _state_document(sub: m.Submission, *, profile, write, **kw) -> bytes:
    return write(sub, profile, **kw)


def _write(subs: list[m.Submission], out_dir: Path, name: str, fmt: str, packaging: str, timestamp: datetime,
           submitter: str, store, progress: Progress | None) -> batch.Pending:
    step = (lambda done, total: progress("writing", done, total)) if progress is not None else None
    if fmt == batch.FLAT:
        return batch.write_flat(subs, out_dir, name, dictionary=store.dictionary, progress=step)
    builder = None
    if fmt == batch.STATE_XML:
        from desktop.nibrs.state_xml import to_state_xml

        profile = _profile(store)
        if profile is None or profile.xml_namespace is None:
            raise ExportError(f"the profile {store.profile!r} has no state XML of its own")
        builder = functools.partial(_state_document, profile=profile, write=to_state_xml)

    return batch.write_xml(subs, out_dir, name, timestamp=timestamp, submitter=submitter, packaging=packaging,
                           dictionary=store.dictionary, progress=step, builder=builder)


def run_export(store, plan: Plan, out_dir: str | os.PathLike, *, packaging: str | None = None,
               overwrite: bool = False, now: datetime | None = None,
               progress: Progress | None = None) -> ExportResult:
    """Write the plan's file and record it; raises :class:`NothingNew` or :class:`ExportRefused` instead."""
    store.require(users.EXPORT)
    with store_lock(store, "export"):
        return _run_export(store, plan, out_dir, packaging=packaging, overwrite=overwrite, now=now, progress=progress)


def _run_export(store, plan: Plan, out_dir, *, packaging: str | None, overwrite: bool, now: datetime | None,
                progress: Progress | None) -> ExportResult:
    if plan.nothing_new:
        raise NothingNew(plan.nothing_new_message())
    if plan.blocked and not plan.allow_errors:
        lines = [line for b in plan.blocked for line in b.lines()]
        raise ExportRefused(f"{len(plan.blocked)} report(s) have errors, so nothing was exported. Fix them, return "
                            "them to draft to send them later, or allow errors (--allow-errors):", lines)
    fmt = plan.fmt
    _restricted_allowed(store, fmt, [e.report for e in plan.entries])
    packaging = batch.FILE if fmt == batch.FLAT else (packaging or batch.ZIP)
    if fmt != batch.FLAT and packaging not in (batch.ZIP, batch.FOLDER):
        raise ExportError(f"XML documents go in a zip or a folder, not {packaging!r}")
    out = Path(out_dir).resolve()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{out}: cannot be created: {exc.strerror or exc}") from None
    stamp = (now or datetime.now()).replace(microsecond=0)
    series = subs_db.next_series(store, stamp.year)
    name = submission_name(plan.agency_ori, stamp.date(), series=series)
    final_name = batch.target_name(name, fmt, packaging)
    _target(store, out, final_name, overwrite)
    subs = [_submission(e.report, e.action, plan.month) for e in plan.entries]
    try:
        pending = _write(subs, out, name, fmt, packaging, stamp, plan.agency_ori, store, progress)
    except batch.BatchWriteError as exc:
        raise ExportError(f"the {fmt} file cannot be written, so nothing was exported:", exc.problems) from None
    except OSError as exc:
        raise ExportError(f"{out}: cannot be written: {exc.strerror or exc}") from None
    for e, place in zip(plan.entries, pending.places):
        e.document, e.first_record, e.records = place.document, place.first_record, place.records
    summary = plan.summary(store, plan.title(final_name))
    params = {"timestamp": stamp.isoformat(), "newline": "CRLF", "message_ids": "document name without .xml"
              if fmt != batch.FLAT else None, "flat_layout": "long segment forms",
              "profile_version": store.profile_version}
    record = {"year": plan.month.year, "month": plan.month.month, "format": fmt, "packaging": packaging,
              "submitter": plan.agency_ori, "generated": stamp.date(), "series": series, "name": name,
              "out_dir": str(out), "allow_errors": plan.allow_errors, "profile": store.profile or "fbi",
              "params": params, "summary": summary.to_dict(), "created_at": stamp}
    step = (lambda done, total: progress("recording", done, total)) if progress is not None else None
    _reached("written")
    try:
        export_id = subs_db.record_export(store, batch=record, entries=plan.entries,
                                          files=[(f.path, f.sha256, f.size) for f in pending.files],
                                          purge_unsent=plan.purge_unsent, commit_files=pending.commit, progress=step,
                                          step=_reached)
    except BaseException:
        if not pending.committed:
            pending.discard()
        raise
    return ExportResult(export_id, pending.final, name, pending.files, summary)


# Told the name of each step of an export as it is reached: "written" (the file under its temporary name),
# "pending" (the export recorded as pending), "renamed" (the file under its final name), "final" (recorded
# final). None in the program; the kill tests set it to stop a child process at a named step.
step_hook: Callable[[str], None] | None = None


def _reached(step: str) -> None:
    if step_hook is not None:
        step_hook(step)


@dataclass
class Reproduction:
    export: ExportInfo
    path: Path
    files: list[batch.WrittenFile]
    mismatches: list[str]

    @property
    def identical(self) -> bool:
        return not self.mismatches


def reproduce(store, export_id: int, out_dir: str | os.PathLike, *, overwrite: bool = False) -> Reproduction:
    """Write a recorded export again from what it recorded; compares every file's SHA-256."""
    store.require(users.EXPORT)
    with store_lock(store, "export"):
        return _reproduce(store, export_id, out_dir, overwrite=overwrite)


def _reproduce(store, export_id: int, out_dir, *, overwrite: bool) -> "Reproduction":
    info = subs_db.export_info(store, export_id)
    _restricted_allowed(store, info.format, [it.report for it in info.items])
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    final_name = batch.target_name(info.name, info.format, info.packaging)
    final = out / final_name
    if final.exists() and not overwrite:
        raise ExportError(f"{final} already exists; write the copy into another folder (or --overwrite)")
    month = Month(info.year, info.month)
    subs = [_submission(it.report, it.action, month) for it in info.items]
    try:
        pending = _write(subs, out, info.name, info.format, info.packaging, info.created_at, info.submitter,
                         store, None)
    except batch.BatchWriteError as exc:
        raise ExportError(f"export {export_id} cannot be written again:", exc.problems) from None
    recorded = {f.path: f.sha256 for f in info.files}
    written = {f.path: f.sha256 for f in pending.files}
    mismatches = [f"{p}: recorded {recorded.get(p, 'nothing')}, written {written.get(p, 'nothing')}"
                  for p in sorted(set(recorded) | set(written)) if recorded.get(p) != written.get(p)]
    pending.commit()
    subs_db.record_reproduction(store, export_id, str(out), not mismatches)
    return Reproduction(info, pending.final, pending.files, mismatches)


# ------------------------------------------------------------------------------------------- at start
def reconcile(store) -> list[str]:
    """Exports a kill left pending (see ``record_export``): each finished or taken back; what was done, in words.

    A pending export whose files are under their final names with the SHA-256 recorded was written whole:
    it is made final (the file and the record agree). One whose file is missing or differs never reached
    its final name: its temporary file is removed and the export is taken back (nothing was exported).
    """
    done: list[str] = []
    for info in subs_db.pending_exports(store):
        out = Path(info.out_dir)
        final = out / batch.target_name(info.name, info.format, info.packaging)
        whole = bool(info.files) and all(_matches(out / f.path, f.sha256) for f in info.files)
        if whole:
            subs_db.finalize_export(store, info.id)
            done.append(f"export {info.id} ({info.month_text}, {final}) was interrupted after its file was written: "
                        "it is now recorded as sent")
            continue
        temp = batch.temp_path(out, final.name)
        batch.Pending(temp, final).discard()
        subs_db.discard_export(store, info.id, "interrupted before its file got its final name")
        done.append(f"export {info.id} ({info.month_text}) was interrupted before its file was complete: nothing "
                    "was exported; export the month again")
    return done


def _matches(path: Path, sha256: str) -> bool:
    import hashlib

    if not path.is_file():
        return False
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest() == sha256
