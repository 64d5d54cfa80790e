"""Restricted fields: state-profile elements (such as Missouri's immigration status) not everyone may see.

An administrator decides which roles may see and change them (supervisors and administrators
unless changed). For anyone else the store leaves them out of every report it gives
(``StoredRecord.restricted_hidden`` says some were there), refuses a report that sets one, and
keeps the stored values when such a person saves a report; each view of them by a person granted
them is audited.
"""

from __future__ import annotations

from typing import Iterable

from desktop.nibrs import model as m
from desktop.nibrs import serialize
from desktop.nibrs.findings import Finding
from desktop.nibrs.values import walk
from desktop.store import users
from desktop.store.errors import PermissionDenied


class RestrictedFields:
    """The Store's restricted fields (a part of :class:`desktop.store.service.Store`)."""

    RESTRICTED_ROLES_KEY = "restricted_roles"
    DEFAULT_RESTRICTED_ROLES = (users.SUPERVISOR, users.ADMINISTRATOR)

    def restricted_roles(self) -> list[str]:
        return list(self.get_setting(self.RESTRICTED_ROLES_KEY, list(self.DEFAULT_RESTRICTED_ROLES)))

    def grant_restricted(self, roles: Iterable[str]) -> None:
        """Which roles may see and change restricted fields (an administrator's decision)."""
        roles = [r for r in roles if r in users.ROLES]
        self.set_setting(self.RESTRICTED_ROLES_KEY, roles)

    def restricted_elements(self) -> list[str]:
        return list(self.dictionary.cached("restricted elements", _restricted_ids, self.dictionary))

    def sees_restricted(self) -> bool:
        """Whether the signed-in person sees (and fills in) restricted fields."""
        return self.actor is None or self.actor.can(users.RESTRICTED)

    def waiting_errors(self, findings: Iterable[Finding]) -> int:
        """Errors on restricted fields: they wait for someone granted those fields, and are not counted
        against anyone else (the list's error count, marking ready)."""
        ids = set(self.restricted_elements())
        return sum(1 for f in findings if f.is_error and f.element in ids) if ids else 0

    def restricted_only(self, changes: dict[str, list]) -> bool:
        """Whether a change (``audit.diff`` of a report) touches restricted fields and nothing else."""
        ids = set(self.restricted_elements())
        if not ids or not changes:
            return False
        for path, (old, new) in changes.items():
            head, _dot, last = path.rpartition(".")
            if head.endswith("extras") and last in ids:
                continue
            if last == "extras" and all(k in ids for k in {**(old or {}), **(new or {})}):
                continue
            return False
        return True

    def keeps_review(self, status: str, changes: dict[str, list]) -> bool:
        """A report ready for review whose restricted fields a reviewer granted them fills in stays ready: the
        supervisor fills them and approves in one step."""
        from desktop.store.lifecycle import READY

        return (status == READY and self.actor is not None and self.actor.can(users.RESTRICTED)
                and self.actor.can(users.REVIEW) and self.restricted_only(changes))

    def _restricted_values(self, report: m.Report) -> set[str]:
        """The restricted elements that hold a value in the report."""
        ids = set(self.restricted_elements())
        if not ids:
            return set()
        found = set()
        for _kind, segment, _where in walk(report):
            for key, value in segment.extras.items():
                if key in ids and value not in (None, "", []):
                    found.add(key)
        return found

    def _strip_restricted(self, report: m.Report) -> m.Report:
        """A copy of the report without its restricted values."""
        ids = set(self.restricted_elements())
        copy = serialize.report_from_dict(serialize.report_to_dict(report), self.dictionary)
        for _kind, segment, _where in walk(copy):
            for key in list(segment.extras):
                if key in ids:
                    del segment.extras[key]
        return copy

    def findings_with_hidden(self, report: m.Report, given: list[Finding], record_id: int | None) -> list[Finding]:
        """The findings of a report saved by someone who does not see its restricted values (kept as stored):
        what they were told was worked out without those values, so the store works the FBI edits out again on
        the whole report; the fields' own findings (typed but not understood) stay."""
        own = [f for f in given if (f.extra or {}).get("rule") == "entry"]
        return own + list(self.findings_for(report, record_id))

    def _check_restricted_write(self, report: m.Report) -> None:
        if self.actor is None or self.actor.can(users.RESTRICTED):
            return
        if self._restricted_values(report):
            names = ", ".join(sorted(self._restricted_values(report)))
            raise PermissionDenied(f"{self.user} may not enter restricted fields ({names})")

    def _keep_hidden_restricted(self, report: m.Report, before: m.Report) -> m.Report:
        """For someone not granted restricted fields: refuse setting them, keep what is stored."""
        if self.actor is None or self.actor.can(users.RESTRICTED):
            return report
        self._check_restricted_write(report)
        ids = set(self.restricted_elements())
        if not ids:
            return report
        stored = {(where): {k: v for k, v in seg.extras.items() if k in ids} for _k, seg, where in walk(before)}
        merged = serialize.report_from_dict(serialize.report_to_dict(report), self.dictionary)
        for _kind, segment, where in walk(merged):
            segment.extras.update(stored.get(where, {}))
        return merged

    # ------------------------------------------------------------------ outputs (issue 17)
    def may_see_restricted(self) -> bool:
        """Whether the signed-in person may see restricted fields (so whatever they write may carry them)."""
        return self.actor is not None and self.actor.can(users.RESTRICTED)

    def restricted_values(self, report: m.Report) -> set[str]:
        """The restricted elements that hold a value in the report."""
        return self._restricted_values(report)

    def without_restricted(self, report: m.Report) -> m.Report:
        """A copy of the report without its restricted values (for an output someone not granted them makes)."""
        return self._strip_restricted(report) if self._restricted_values(report) else report

    def with_restricted_of(self, report: m.Report, stored: m.Report) -> m.Report:
        """``report`` with the restricted values ``stored`` holds, segment by segment (a file that left them out
        does not take them away from the office)."""
        ids = set(self.restricted_elements())
        if not ids:
            return report
        kept = {where: {k: v for k, v in seg.extras.items() if k in ids} for _k, seg, where in walk(stored)}
        merged = serialize.report_from_dict(serialize.report_to_dict(report), self.dictionary)
        for _kind, segment, where in walk(merged):
            for k in [k for k in segment.extras if k in ids]:
                del segment.extras[k]
            segment.extras.update(kept.get(where, {}))
        return merged

    def scrub_restricted(self, value):
        """An audit detail (or any JSON-ready value) as the signed-in person may see it: for someone granted
        restricted fields, the values it names by reference (``audit.by_reference``) read back; for anyone else,
        restricted keys of ``extras`` dicts go, and so do changes whose path names a restricted element."""
        from desktop.store import audit

        if self.may_see_restricted():
            return self._resolve_references(value)
        ids = set(self.restricted_elements())

        def walk_value(v):
            if audit.is_reference(v):
                return "(restricted)"  # an element no longer restricted in this profile: still not shown here
            if isinstance(v, dict):
                return {k: walk_value(x) for k, x in v.items() if audit.element_named(k, ids) is None}
            if isinstance(v, list):
                return [walk_value(x) for x in v]
            return v

        return walk_value(value)

    def _resolve_references(self, value):
        from sqlalchemy import select

        from desktop.store import audit
        from desktop.store import schema as s

        wanted: set[int] = set()

        def find(v):
            if audit.is_reference(v):
                wanted.add(v[audit.REFERENCE])
            elif isinstance(v, dict):
                for x in v.values():
                    find(x)
            elif isinstance(v, list):
                for x in v:
                    find(x)

        find(value)
        if not wanted:
            return value
        with self.db.read() as session:
            found = dict(session.execute(select(s.RestrictedValue.id, s.RestrictedValue.value)
                                         .where(s.RestrictedValue.id.in_(wanted))).all())

        def walk(v):
            if audit.is_reference(v):
                return found.get(v[audit.REFERENCE], "(restricted value missing)")
            if isinstance(v, dict):
                return {k: walk(x) for k, x in v.items()}
            if isinstance(v, list):
                return [walk(x) for x in v]
            return v

        return walk(value)


def _restricted_ids(dictionary) -> tuple[str, ...]:
    return tuple(e.id for e in dictionary.elements.values() if e.restricted)
