"""The service layer: the only code that writes the database.

Views and commands call :class:`Store`; it refuses values the data dictionary does not
allow, keeps each save to one transaction, records status and revision, and (through the
``validator`` it is given) the FBI findings of every report it saves. It also checks who
may do what (``users.Actor``; roles deputy, supervisor, administrator), moves reports through
their life (draft, ready for review, approved, submitted, accepted or rejected), keeps
restricted state-profile fields from anyone not granted them, and writes every change, login
and view of a restricted field to the hash-chained audit trail in the same transaction.

The Store is one object made of its concerns, each in its own module:

  records.py     create, read, update, delete          lifecycle.py   statuses and review
  search.py      the list's summaries and counts       accounts.py    sign-in and user accounts
  restricted.py  restricted state-profile fields       preferences.py each person's recent codes
                                                       (this module)  opening, the unit of work,
                                                                       agency settings, audit trail

and, as functions taking the store, ``submissions`` (exports, imports, feedback), ``transfer``
and ``history``. Every change goes through the unit of work (:meth:`Store.unit`, ``unit.py``).
"""

from __future__ import annotations

import dataclasses
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Iterator

from sqlalchemy import func, select

from desktop.nibrs.dictionary import Dictionary, dictionary as fbi_dictionary
from desktop.store import audit, users
from desktop.store import schema as s
from desktop.store.accounts import Accounts
from desktop.store.db import Database, open_database
from desktop.store.errors import (  # noqa: F401  (the store's errors, for its callers)
    AccessError, AuthenticationError, DuplicateRecord, InvalidReport, NotFound, PermissionDenied, StaleRevision,
    StoreError,
)
from desktop.store.lifecycle import (  # noqa: F401
    ACCEPTED, APPROVED, DRAFT, READY, REJECTED, STATUS_LABELS, STATUSES, SUBMITTED, Lifecycle,
)
from desktop.store.local import LocalValues
from desktop.store.preferences import Preferences
from desktop.store.records import DEFAULT_VALIDATOR, Records, StoredRecord, Validator  # noqa: F401
from desktop.store.restricted import RestrictedFields
from desktop.store.search import RecordSummary, Search, SearchFilter  # noqa: F401
from desktop.store.unit import Unit, now as store_now
from desktop.store.users import SYSTEM_ACTOR, Actor


@dataclass
class AgencySettings:
    ori: str
    name: str
    state_profile: str = "fbi"
    nibrs_start_date: date | None = None
    spec_version: str = "2019.1"
    federal: bool = False


class Store(Records, Lifecycle, Search, RestrictedFields, Accounts, Preferences, LocalValues):
    """Create, read, update, delete and search reports; people, agency settings and the audit trail."""

    def __init__(self, db: Database, *, actor: Actor | None = None, user: str | None = None,
                 dictionary: Dictionary | None = None, validator: Validator | None = DEFAULT_VALIDATOR,
                 profile: str = "fbi", profile_version: str = ""):
        self.db = db
        self.dictionary = dictionary or fbi_dictionary()
        self.validator = validator
        if validator is DEFAULT_VALIDATOR:  # load the rules now, not in the middle of the first save
            from desktop.nibrs.rules import REGISTRY

            REGISTRY.load()
        self.profile = profile
        self.profile_version = profile_version
        # Set with the profile (desktop.store.profiles): the state's profile with the agency's local elements, and
        # the problem of a local.yaml that could not be used (file, line), if any.
        self.profile_spec = None
        self.local_error: str | None = None
        # Set with the profile (desktop.store.profiles): turns values saved under an older version
        # of this profile into what the current version calls them, when a record is read.
        self.migrate_extras: Callable[[str, dict[str, Any]], dict[str, Any]] | None = None
        self.profile_errors: list[str] = []  # profile files refused when they were loaded (file:line: why)
        if actor is None and not self.has_users():
            # No accounts yet (first start, tests, scripts on a single-user install): the system acts.
            actor = Actor(user, users.SYSTEM) if user else SYSTEM_ACTOR
        self.actor: Actor | None = actor

    @property
    def user(self) -> str:
        return self.actor.username if self.actor else ""

    @classmethod
    def open(cls, data_dir: str | Path | None = None, *, passphrase: str | None = None, **kwargs: Any) -> "Store":
        return cls(open_database(Path(data_dir) if data_dir else None, passphrase=passphrase), **kwargs)

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------------ the unit of work
    def require(self, permission: str, what: str = "") -> None:
        """Refuse (:class:`PermissionDenied`, saying who may not do what) unless the signed-in person may do this."""
        if self.actor is None:
            raise PermissionDenied("sign in first")
        self.actor.require(permission, what)

    @contextmanager
    def unit(self, permission: str | None = None, what: str = "", *, write: bool = True,
             now: datetime | None = None) -> Iterator[Unit]:
        """One unit of work: ``permission`` checked (if given), then one transaction (a read with ``write=False``);
        its audit entries are written in it. ``now`` is the time the work is stamped with (the store's clock)."""
        if permission is not None:
            self.require(permission, what)
        with (self.db.write() if write else self.db.read()) as session:
            session.info["user"] = self.user  # who a seal entry names (checksums.py)
            session.info[audit.RESTRICTED_IDS] = frozenset(self.restricted_elements())  # kept out of details
            if write:
                self.local_index_on(session)  # the search box's index of local values follows every save
            yield Unit(self, session, now or store_now())

    # ------------------------------------------------------------------ agency and settings
    def agency(self) -> AgencySettings | None:
        with self.db.read() as session:
            row = session.get(s.Agency, 1)
            if row is None:
                return None
            return AgencySettings(row.ori, row.name, row.state_profile, row.nibrs_start_date,
                                  row.spec_version, row.federal)

    def save_agency(self, settings: AgencySettings) -> None:
        self.require(users.SETTINGS)
        ori = (settings.ori or "").strip().upper()
        element = self.dictionary.element("1")
        from desktop.nibrs.values import value_problem

        reason = value_problem(element, ori, self.dictionary)
        if reason or not ori:
            raise StoreError(f"ORI: {reason or 'an ORI is required'}")
        if not (settings.name or "").strip():
            raise StoreError("Agency name: a name is required")
        with self.unit(users.SETTINGS) as u:
            row = u.session.get(s.Agency, 1)
            if row is None:
                row = s.Agency(id=1, created_at=u.now)
                u.session.add(row)
            row.ori = ori
            row.name = settings.name.strip()
            row.state_profile = settings.state_profile or "fbi"
            row.nibrs_start_date = settings.nibrs_start_date
            row.spec_version = settings.spec_version or "2019.1"
            row.federal = bool(settings.federal)
            row.updated_at = u.now
            u.audit(audit.SETTINGS, detail={"agency": dataclasses.asdict(settings)})

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self.db.read() as session:
            row = session.get(s.Setting, key)
            return default if row is None else row.value

    def set_setting(self, key: str, value: Any) -> None:
        with self.unit(users.SETTINGS) as u:
            u.audit(audit.SETTINGS, detail={"key": key, "value": value})
            row = u.session.get(s.Setting, key)
            if row is None:
                u.session.add(s.Setting(key=key, value=value))
            else:
                row.value = value

    # ------------------------------------------------------------------ audit trail
    def audit_entries(self, **filters: Any) -> list[dict[str, Any]]:
        with self.unit(users.AUDIT_VIEW, write=False) as u:
            found = audit.entries(u.session, **filters)
        details = self.scrub_restricted([e.detail for e in found])  # restricted values rendered for this viewer
        return [{"seq": e.seq, "at": e.at, "user": e.username, "action": e.action, "kind": e.kind,
                 "record_id": e.record_id, "detail": detail} for e, detail in zip(found, details)]

    def verify_audit(self, *, records: bool = True) -> list[audit.Problem]:
        """Every problem of the trail, each named (``audit.verify``): with this installation's audit key, against the
        anchor file beside the database, and the report tables against the checksums the trail recorded."""
        with self.db.read() as session:
            # one machine's anchor file holds every entry of a SQLite database (not those of a shared server)
            return audit.verify(session, key=self.db.audit_key, data_dir=self.db.data_dir, records=records,
                                anchor_required=self.db.is_sqlite and self.db.data_dir is not None)

    def anchor_problems(self) -> list[str]:
        """The check at start: the trail's newest entries against the newest lines of the anchor file (removed at
        the end, all removed, rewritten). Quick: the file's last lines and a few entries."""
        from desktop.store import anchor

        newest = None
        for a in anchor.read(self.db.data_dir, self.db.audit_key, tail=64 * 1024):
            if a.valid and (newest is None or a.seq > newest.seq):
                newest = a
        if newest is None:
            return []
        with self.db.read() as session:
            last = session.scalar(select(func.max(s.AuditEntry.seq))) or 0
            entry = session.scalar(select(s.AuditEntry).where(s.AuditEntry.seq == newest.seq).limit(1))
        if last == 0:
            return [f"the audit trail is empty, but the anchor file beside the database recorded {newest.words()}: "
                    "every entry was removed (run `nibrs-desk audit verify`)"]
        if last < newest.seq:
            return [f"the audit trail ends at entry {last}, but the anchor file beside the database recorded "
                    f"{newest.words()}: entries were removed at the end (run `nibrs-desk audit verify`)"]
        if entry is None or entry.hash != newest.hash:
            return [f"audit entry {newest.seq} is not the one the anchor file recorded ({newest.words()}): the trail "
                    "was rewritten (run `nibrs-desk audit verify`)"]
        return []

    def record_event(self, action: str, *, kind: str = "", record_id: int | None = None, detail: Any = None) -> None:
        """Audit an event another part of the program carried out (an export, an import, a backup)."""
        with self.unit() as u:
            u.audit(action, kind=kind, record_id=record_id, detail=detail)

