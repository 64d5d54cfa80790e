"""Opening the store for a command: passphrase, profile, and signing in when there are accounts."""

from __future__ import annotations

import getpass
import os
import sys

from desktop.cli import CommandError

ENV_USER = "NIBRS_DESK_USER"
ENV_PASSWORD = "NIBRS_DESK_PASSWORD"
ENV_NO_ENCRYPTION = "NIBRS_DESK_NO_ENCRYPTION"  # "1": --no-encryption for scripts (and the test suite)
NO_PASSPHRASE = ("there is no database in {folder} yet, and a new database is encrypted: give its passphrase "
                 "(NIBRS_DESK_PASSPHRASE, or run in a terminal to be asked), or give --no-encryption to create "
                 "it WITHOUT encryption (recorded and shown in the window)")


def _ask(prompt: str) -> str | None:
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(prompt)


def _new_passphrase() -> str | None:
    """A new database's passphrase, typed twice in a terminal (None when there is no terminal)."""
    first = _ask("New database passphrase (at least 10 characters; it cannot be recovered): ")
    if not first:
        return None
    if len(first) < 10:
        raise CommandError("the passphrase needs at least 10 characters; nothing was created")
    if first != _ask("Again: "):
        raise CommandError("the two passphrases differ; nothing was created")
    return first


def _no_encryption(args) -> str | None:
    """How plain was asked for: "--no-encryption", "NIBRS_DESK_NO_ENCRYPTION=1", or None."""
    if getattr(args, "no_encryption", False):
        return "--no-encryption"
    if os.environ.get(ENV_NO_ENCRYPTION) == "1":
        return f"{ENV_NO_ENCRYPTION}=1"
    return None


def _is_new(db_path) -> bool:
    return not db_path.exists() or db_path.stat().st_size == 0


def open_store(args, *, login: bool = True, permission: str | None = None, what: str = "",
               first_account: bool = False):
    """The store of ``--data-dir``, signed in as ``--user`` when the database has user accounts.

    A database with accounts is never used without a sign-in (``login=False`` is only for the first
    account). ``first_account`` lets ``users add`` make the first account on a database server named in
    settings.json, which is otherwise refused until it has one. ``permission`` is then checked at once
    (``PermissionDenied``: "not allowed: ...", exit 2), before anything is read or written.
    """
    from desktop import paths
    from desktop.store import crypto
    from desktop.store.db import DatabaseError, PassphraseRequired
    from desktop.store.service import Store
    from desktop.store.users import AuthenticationError

    folder = paths.data_dir(getattr(args, "data_dir", None))
    passphrase = crypto.passphrase_from_environment()
    plain = _no_encryption(args)
    try:
        server = paths.read_settings(folder).get("database_url")
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    created_plain = False
    if not server and passphrase is None and _is_new(paths.database_path(folder)):
        # Encrypted unless told otherwise (issue 19): never a plain database by default.
        if plain is None:
            passphrase = _new_passphrase()
            if passphrase is None:
                raise CommandError(NO_PASSPHRASE.format(folder=folder))
        else:
            created_plain = True
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
    from desktop.store import encryption

    if created_plain:
        encryption.record_plain_choice(store, plain)
        print(f"nibrs-desk: the new database {store.db.path} is NOT encrypted ({plain}); this is recorded",
              file=sys.stderr)
    elif store.db.path is not None and not store.db.encrypted and plain is None \
            and encryption.plain_choice(store) is None:
        print(f"nibrs-desk: warning: {encryption.describe(store)}", file=sys.stderr)
    if store.db.path is None and passphrase is not None:  # a database server
        from desktop.store.db import SERVER_ENCRYPTION

        print(f"nibrs-desk: note: {SERVER_ENCRYPTION}", file=sys.stderr)
    if store.db.from_settings and not store.has_users() and login and not first_account:
        store.close()
        raise CommandError(
            f"settings.json names the database server {store.db.server}, which has no user accounts: a database "
            "named in settings.json is used only with a sign-in; an administrator creates the first account "
            "there first (nibrs-desk users add NAME --role administrator)")
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
