"""Opening the store for a command: passphrase, profile, and signing in when there are accounts."""

from __future__ import annotations

import getpass
import os
import sys

from desktop.cli import CommandError

ENV_USER = "NIBRS_DESK_USER"
ENV_PASSWORD = "NIBRS_DESK_PASSWORD"


def _ask(prompt: str) -> str | None:
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(prompt)


def open_store(args, *, login: bool = True, permission: str | None = None, what: str = ""):
    """The store of ``--data-dir``, signed in as ``--user`` when the database has user accounts.

    A database with accounts is never used without a sign-in (``login=False`` is only for the first
    account). ``permission`` is then checked at once (``PermissionDenied``: "not allowed: ...", exit 2),
    before anything is read or written.
    """
    from desktop import paths
    from desktop.store import crypto
    from desktop.store.db import DatabaseError, PassphraseRequired
    from desktop.store.service import Store
    from desktop.store.users import AuthenticationError

    folder = paths.data_dir(getattr(args, "data_dir", None))
    passphrase = crypto.passphrase_from_environment()
    try:
        try:
            store = Store.open(folder, passphrase=passphrase)
        except PassphraseRequired:
            asked = _ask("Database passphrase: ")
            if not asked:
                raise
            store = Store.open(folder, passphrase=asked)
    except DatabaseError as exc:
        raise CommandError(str(exc)) from None
    from desktop.store.profiles import apply_agency_profile

    apply_agency_profile(store)
    for line in store.profile_errors:  # a profile in the data folder refused (issue 19): file and line
        print(f"nibrs-desk: WARNING: profile not used: {line}", file=sys.stderr)
    for line in store.anchor_problems():  # the trail against the anchor file beside it, before anyone signs in
        print(f"nibrs-desk: WARNING: {line}", file=sys.stderr)
    if login and store.has_users():
        user = getattr(args, "user", None) or os.environ.get(ENV_USER)
        if not user:
            store.close()
            raise CommandError("this database has user accounts: sign in with --user NAME "
                               f"(or {ENV_USER}); the password comes from {ENV_PASSWORD} or is asked for")
        password = os.environ.get(ENV_PASSWORD) or _ask(f"Password for {user}: ")
        if not password:
            store.close()
            raise CommandError(f"no password for {user}: set {ENV_PASSWORD} or run in a terminal")
        try:
            store.login(user, password)
        except AuthenticationError as exc:
            store.close()
            raise CommandError(f"cannot sign in: {exc}") from None
    if permission is not None:
        try:
            store.require(permission, what)
        except BaseException:
            store.close()
            raise
    if login:
        from desktop.submission.startup import startup_checks

        for line in startup_checks(store):  # stale backup parts, exports a kill left pending
            print(f"nibrs-desk: {line}", file=sys.stderr)
    return store
