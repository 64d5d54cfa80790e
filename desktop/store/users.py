"""People, roles and what each role may do; passwords hashed with Argon2id.

Roles (CJIS asks for individual logins):
  deputy         enters reports and edits their own drafts; sends them for review
  supervisor     reviews, returns a report with a comment, approves; reads restricted fields
  administrator  everything a supervisor does, plus users, settings, export, restore
The service layer checks these permissions on every call (``Actor.require``); hiding a button
in the window is only a convenience.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from desktop.store.errors import AccessError, AuthenticationError, PermissionDenied  # noqa: F401  (role refusals)

DEPUTY, SUPERVISOR, ADMINISTRATOR, SYSTEM = "deputy", "supervisor", "administrator", "system"
ROLES = (DEPUTY, SUPERVISOR, ADMINISTRATOR)
ROLE_LABELS = {DEPUTY: "Deputy", SUPERVISOR: "Supervisor", ADMINISTRATOR: "Administrator"}

# Permissions
READ = "read"  # see reports (restricted fields are separate)
CREATE = "create"
EDIT_OWN_DRAFT = "edit_own_draft"
EDIT_ANY = "edit_any"
SUBMIT_FOR_REVIEW = "submit_for_review"
REVIEW = "review"  # return with a comment, approve
DELETE_OWN_DRAFT = "delete_own_draft"
DELETE_ANY = "delete_any"
EXPORT = "export"
IMPORT = "import"
FEEDBACK = "feedback"
MANAGE_USERS = "manage_users"
SETTINGS = "settings"
BACKUP = "backup"
RESTORE = "restore"
AUDIT_VIEW = "audit_view"
RESTRICTED = "restricted"  # read and change restricted (state-profile) fields
TRANSFER = "transfer"
RESOLVE_CONFLICTS = "resolve_conflicts"

_DEPUTY = {READ, CREATE, EDIT_OWN_DRAFT, SUBMIT_FOR_REVIEW, DELETE_OWN_DRAFT, TRANSFER}
_SUPERVISOR = _DEPUTY | {EDIT_ANY, REVIEW, DELETE_ANY, AUDIT_VIEW, RESTRICTED, FEEDBACK, RESOLVE_CONFLICTS, IMPORT}
_ADMIN = _SUPERVISOR | {EXPORT, MANAGE_USERS, SETTINGS, BACKUP, RESTORE}
PERMISSIONS: dict[str, frozenset[str]] = {
    DEPUTY: frozenset(_DEPUTY),
    SUPERVISOR: frozenset(_SUPERVISOR),
    ADMINISTRATOR: frozenset(_ADMIN),
    SYSTEM: frozenset(_ADMIN),
}
PERMISSION_WORDS = {
    READ: "read reports", CREATE: "enter reports", EDIT_OWN_DRAFT: "edit their own drafts",
    EDIT_ANY: "edit other people's reports or reports past the draft stage", SUBMIT_FOR_REVIEW: "send for review",
    REVIEW: "review and approve reports", DELETE_OWN_DRAFT: "delete their own drafts",
    DELETE_ANY: "delete reports", EXPORT: "export submission files", IMPORT: "import files",
    FEEDBACK: "load state feedback", MANAGE_USERS: "manage users", SETTINGS: "change settings",
    BACKUP: "make backups", RESTORE: "restore backups", AUDIT_VIEW: "view the audit trail",
    RESTRICTED: "see or change restricted fields", TRANSFER: "make transfer files",
    RESOLVE_CONFLICTS: "resolve transfer conflicts",
}

MAX_FAILED = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD = 8
_USERNAME = re.compile(r"^[A-Za-z0-9._-]{2,64}$")

_hasher = PasswordHasher()  # Argon2id, the library's recommended memory-hard parameters


@dataclass(frozen=True)
class Actor:
    """Who is doing something: a signed-in user (or the system itself, for migrations and tests)."""

    username: str
    role: str
    display_name: str = ""
    user_id: int | None = None
    extra: frozenset[str] = field(default_factory=frozenset)  # permissions granted beyond the role
    withdrawn: frozenset[str] = field(default_factory=frozenset)  # permissions of the role taken away

    def can(self, permission: str) -> bool:
        if permission in self.withdrawn:
            return False
        return permission in PERMISSIONS.get(self.role, frozenset()) or permission in self.extra

    def require(self, permission: str, what: str = "") -> None:
        if not self.can(permission):
            role = ROLE_LABELS.get(self.role, self.role)
            raise PermissionDenied(f"{self.username} ({role}) may not {what or PERMISSION_WORDS.get(permission, permission)}")

    @property
    def is_system(self) -> bool:
        return self.role == SYSTEM


SYSTEM_ACTOR = Actor("system", SYSTEM, "NIBRS Desk")


def hash_password(password: str) -> str:
    check_password_rules(password)
    return _hasher.hash(password)


def check_password_rules(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")


def verify_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def check_username(username: str) -> str:
    name = (username or "").strip()
    if not _USERNAME.match(name):
        raise ValueError("a user name has 2 to 64 letters, digits, dots, hyphens or underscores")
    return name


def locked(locked_until: datetime | None, now: datetime | None = None) -> bool:
    return locked_until is not None and (now or datetime.now()) < locked_until
