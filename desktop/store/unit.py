"""The unit of work: how every part of the store changes the database.

``Store.unit(permission)`` checks that the signed-in person may do the work (``PermissionDenied``
otherwise), opens one transaction and gives a :class:`Unit`: its session, the time of the work,
and the audit entries written in that same transaction, so a change and its entry commit together
or not at all::

    with store.unit(users.FEEDBACK) as u:
        row = u.row("incident", record_id)      # NotFound names the record
        row.status = ACCEPTED
        u.stamp(row, findings)                  # who changed it and when, its findings and profile
        u.audit(audit.STATUS, kind="incident", record_id=record_id, detail={...})

A permission decided by what is read (someone's own draft or not) is checked inside with
``u.require``; ``store.unit(users.READ, write=False)`` is a read (the check, then a session).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Sequence

from desktop.nibrs.findings import Finding, count
from desktop.store import audit
from desktop.store.errors import NotFound
from desktop.store.kinds import kind

if TYPE_CHECKING:  # pragma: no cover
    from sqlalchemy.orm import Session

    from desktop.store.service import Store


def now() -> datetime:
    """The store's clock: local time to the second (what records, exports and feedback are stamped with)."""
    return datetime.now().replace(microsecond=0)


class Unit:
    """One transaction of the store's work (see the module's docstring)."""

    def __init__(self, store: "Store", session: "Session", when: datetime):
        self.store = store
        self.session = session
        self.now = when

    @property
    def user(self) -> str:
        return self.store.user

    def require(self, permission: str, what: str = "") -> None:
        self.store.require(permission, what)

    def row(self, kind_name: str, record_id: int, *, include_deleted: bool = True) -> Any:
        """The record's row, or :class:`NotFound` naming it."""
        k = kind(kind_name)
        row = self.session.get(k.row, record_id)
        if row is None or (not include_deleted and row.deleted_at is not None):
            raise NotFound(f"no {k.words} with record id {record_id}")
        return row

    def stamp(self, row: Any, findings: Sequence[Finding], *, created: bool = False) -> None:
        """Record on a row who saved it and when, its findings and the profile it was saved under."""
        for column, value in self.stamp_values(findings, created=created).items():
            setattr(row, column, value)

    def stamp_values(self, findings: Sequence[Finding], *, created: bool = False) -> dict[str, Any]:
        """What :meth:`stamp` records, as columns and values (for rows written in bulk)."""
        errors, warnings = count(findings)
        out = {"error_count": errors, "warning_count": warnings, "waiting_count": self.store.waiting_errors(findings),
               "findings": [f.to_dict() for f in findings], "updated_at": self.now, "updated_by": self.user,
               "profile": self.store.profile, "profile_version": self.store.profile_version}
        if created:
            out["created_at"] = self.now
            out["created_by"] = self.user
        return out

    def audit(self, action: str, *, kind: str = "", record_id: int | None = None, detail: Any = None,
              user: str | None = None) -> None:
        """An entry in the audit trail, by the signed-in person (or ``user``: a sign-in names who tried)."""
        audit.append(self.session, self.user if user is None else user, action, kind=kind, record_id=record_id,
                     detail=detail)

    def audit_many(self, entries: list[dict[str, Any]], *, at: datetime | None = None) -> None:
        """Many entries (dicts of action, kind, record_id, detail) at once: an export's or an import's (``at``: the
        time they are written with, when not now)."""
        audit.append_many(self.session, self.user, entries, at=at)
