"""Accounts: signing in and out, and the administrator's user management (roles in ``users``).

Every sign-in, failed or not, every unlock and every change to an account is in the audit trail.
Five wrong passwords lock an account for a while; there is always an active administrator.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from desktop.store import audit, users
from desktop.store import schema as s
from desktop.store.errors import AuthenticationError, DuplicateRecord, NotFound, PermissionDenied, StoreError
from desktop.store.users import SYSTEM_ACTOR, Actor


class Accounts:
    """The Store's accounts (a part of :class:`desktop.store.service.Store`)."""

    def has_users(self) -> bool:
        with self.db.read() as session:
            return session.scalar(select(func.count()).select_from(s.UserAccount)) > 0

    def login(self, username: str, password: str) -> Actor:
        """Sign in; too many wrong passwords lock the account for a while (both audited)."""
        with self.unit() as u:
            row = u.session.scalar(select(s.UserAccount).where(s.UserAccount.username == (username or "").strip()))
            if row is None or not row.active:
                u.audit(audit.LOGIN_FAILED, user=(username or "")[:64], detail={"reason": "unknown user"})
                failed = "unknown"
            elif users.locked(row.locked_until, u.now):
                u.audit(audit.LOGIN_FAILED, user=row.username, detail={"reason": "locked"})
                failed = "locked"
            elif not users.verify_password(row.password_hash, password):
                row.failed_attempts += 1
                reason = {"reason": "wrong password", "attempt": row.failed_attempts}
                if row.failed_attempts >= users.MAX_FAILED:
                    row.locked_until = u.now + users.LOCKOUT
                    row.failed_attempts = 0
                    reason["locked_until"] = row.locked_until
                u.audit(audit.LOGIN_FAILED, user=row.username, detail=reason)
                failed = "locked" if "locked_until" in reason else "wrong"
            else:
                if users.needs_rehash(row.password_hash):
                    row.password_hash = users.hash_password(password)
                row.failed_attempts = 0
                row.locked_until = None
                row.last_login_at = u.now
                u.audit(audit.LOGIN, user=row.username)
                ident = (row.username, row.role, row.display_name, row.id)
                failed = ""
        if failed == "locked":
            minutes = int(users.LOCKOUT.total_seconds() // 60)
            raise AuthenticationError(f"too many wrong passwords: the account is locked for {minutes} minutes")
        if failed:
            raise AuthenticationError("user name or password is wrong")
        self.actor = self.actor_for(*ident)
        return self.actor

    def logout(self) -> None:
        if self.actor is not None and not self.actor.is_system:
            with self.unit() as u:
                u.audit(audit.LOGOUT)
        self.actor = None if self.has_users() else SYSTEM_ACTOR

    def verify_password(self, password: str, *, purpose: str = "") -> bool:
        """Unlock an idle-locked session: the signed-in person's password (audited either way).

        ``purpose`` names another reason to confirm it (e.g. "change own password"), kept in the audit entry.
        """
        if self.actor is None or self.actor.user_id is None:
            return False
        with self.unit() as u:
            row = u.session.get(s.UserAccount, self.actor.user_id)
            ok = row is not None and row.active and users.verify_password(row.password_hash, password)
            detail = {} if ok else {"reason": f"wrong password at {purpose or 'unlock'}"}
            if purpose:
                detail["purpose"] = purpose
            u.audit(audit.UNLOCK if ok else audit.LOGIN_FAILED, detail=detail)
        return ok

    def add_user(self, username: str, password: str, role: str, display_name: str = "") -> Actor:
        """Create an account. The very first account must be an administrator and needs no sign-in."""
        first = not self.has_users()
        if first:
            if role != users.ADMINISTRATOR:
                raise StoreError("the first account must be an administrator")
        else:
            self.require(users.MANAGE_USERS)
        if role not in users.ROLES:
            raise StoreError(f"unknown role {role!r}; one of {', '.join(users.ROLES)}")
        try:
            name = users.check_username(username)
            digest = users.hash_password(password)
        except ValueError as exc:
            raise StoreError(str(exc)) from None
        try:
            with self.unit() as u:
                row = s.UserAccount(username=name, display_name=display_name.strip(), role=role,
                                    password_hash=digest, failed_attempts=0, active=True, created_at=u.now,
                                    updated_at=u.now)
                u.session.add(row)
                u.session.flush()
                u.audit(audit.USER_ADD, user=self.user or name, detail={"username": name, "role": role, "first": first})
                ident = (name, role, row.display_name, row.id)
        except IntegrityError:
            raise DuplicateRecord(f"there is already a user named {name}") from None
        actor = self.actor_for(*ident)
        if first:
            self.actor = actor
        return actor

    def change_user(self, username: str, *, role: str | None = None, active: bool | None = None,
                    password: str | None = None, display_name: str | None = None) -> None:
        """Change an account; anyone may change their own password, everything else needs an administrator."""
        own_password_only = (username == self.user and role is None and active is None and display_name is None)
        if not own_password_only:
            self.require(users.MANAGE_USERS)
        elif self.actor is None:
            raise PermissionDenied("sign in first")
        if role is not None and role not in users.ROLES:
            raise StoreError(f"unknown role {role!r}; one of {', '.join(users.ROLES)}")
        with self.unit() as u:
            row = u.session.scalar(select(s.UserAccount).where(s.UserAccount.username == username))
            if row is None:
                raise NotFound(f"no user named {username}")
            changes: dict[str, Any] = {}
            if role is not None and role != row.role:
                if row.role == users.ADMINISTRATOR and self._last_admin(u.session, row):
                    raise StoreError("there must always be an active administrator")
                changes["role"] = [row.role, role]
                row.role = role
            if active is not None and active != row.active:
                if not active and row.role == users.ADMINISTRATOR and self._last_admin(u.session, row):
                    raise StoreError("there must always be an active administrator")
                changes["active"] = [row.active, active]
                row.active = active
            if display_name is not None:
                changes["display_name"] = [row.display_name, display_name]
                row.display_name = display_name
            if password is not None:
                try:
                    row.password_hash = users.hash_password(password)
                except ValueError as exc:
                    raise StoreError(str(exc)) from None
                row.failed_attempts = 0
                row.locked_until = None
                changes["password"] = "changed"
            row.updated_at = u.now
            u.audit(audit.USER_CHANGE, detail={"username": username, "changes": changes})

    def list_users(self) -> list[dict[str, Any]]:
        with self.unit(users.MANAGE_USERS, write=False) as u:
            return [{"username": a.username, "display_name": a.display_name, "role": a.role, "active": a.active,
                     "locked": users.locked(a.locked_until), "last_login_at": a.last_login_at}
                    for a in u.session.scalars(select(s.UserAccount).order_by(s.UserAccount.username))]

    def actor_for(self, username: str, role: str, display_name: str, user_id: int) -> Actor:
        extra = frozenset({users.RESTRICTED}) if role in self.restricted_roles() else frozenset()
        base = users.PERMISSIONS[role]
        if users.RESTRICTED in base and role not in self.restricted_roles():
            # an administrator may withdraw the grant from a role that has it by default
            return Actor(username, role, display_name, user_id, frozenset(), frozenset({users.RESTRICTED}))
        return Actor(username, role, display_name, user_id, extra)

    @staticmethod
    def _last_admin(session, row) -> bool:
        admins = session.scalar(select(func.count()).select_from(s.UserAccount).where(
            s.UserAccount.role == users.ADMINISTRATOR, s.UserAccount.active.is_(True)))
        return admins <= 1 and row.role == users.ADMINISTRATOR
