"""What the store refuses: exceptions whose message is meant for the person who asked.

A refusal about who is asking (:class:`AccessError`: the role may not do it, or the user name or
password is wrong) is a :class:`StoreError` like any other refusal, never an ``OSError``: an
``except OSError`` around a store call that writes a file does not report a role's refusal as a
disk problem, and ``except StoreError`` shows every refusal to the person who asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from desktop.nibrs.values import Problem


class StoreError(Exception):
    """A request the store refuses; the message is meant for the person who asked."""


class InvalidReport(StoreError, ValueError):
    def __init__(self, problems: list["Problem"]):
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"the report cannot be saved:\n{lines}")


class NotFound(StoreError, KeyError):
    def __str__(self) -> str:  # KeyError quotes its message otherwise
        return str(self.args[0]) if self.args else "not found"


class DuplicateRecord(StoreError):
    pass


class StaleRevision(StoreError):
    pass


class AccessError(StoreError):
    """A refusal because of who is asking (not of what is asked)."""


class PermissionDenied(AccessError):
    """The signed-in person may not do this; the message says what and why in words."""


class AuthenticationError(AccessError):
    """The user name or password is wrong, or the account is locked."""
