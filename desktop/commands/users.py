"""``nibrs-desk users``: list, add and change user accounts (administrators)."""

from __future__ import annotations

import getpass
import os
import sys

from desktop.cli import CommandError, add_common

NAME = "users"
HELP = "list, add or change user accounts (deputy, supervisor, administrator)"


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    sub.add_parser("list", help="list the accounts")
    add = sub.add_parser("add", help="add an account (the first account must be an administrator)")
    add.add_argument("username")
    add.add_argument("--role", choices=("deputy", "supervisor", "administrator"), required=True)
    add.add_argument("--name", default="", help="the person's name as shown in the app")
    ch = sub.add_parser("set", help="change an account")
    ch.add_argument("username")
    ch.add_argument("--role", choices=("deputy", "supervisor", "administrator"))
    ch.add_argument("--active", choices=("yes", "no"))
    ch.add_argument("--password", action="store_true", help="set a new password (asked, or NIBRS_DESK_NEW_PASSWORD)")
    for p in sub.choices.values():  # also accepted after the action (cli.merge_globals)
        add_common(p, after=True)


def _new_password(username: str) -> str:
    value = os.environ.get("NIBRS_DESK_NEW_PASSWORD")
    if value:
        return value
    if not sys.stdin.isatty():
        raise CommandError("give the new password in NIBRS_DESK_NEW_PASSWORD or run in a terminal")
    first = getpass.getpass(f"New password for {username}: ")
    if first != getpass.getpass("Again: "):
        raise CommandError("the two passwords differ")
    return first


def run(args) -> int:
    from desktop.commands._session import open_store
    from desktop.store.service import StoreError

    from desktop.store import users

    own_password = (args.users_command == "set" and args.password and args.role is None and args.active is None)
    store = open_store(args, permission=None if own_password else users.MANAGE_USERS,
                       first_account=args.users_command == "add")  # a new server's first administrator
    try:
        if args.users_command == "list":
            for u in store.list_users():
                state = "locked" if u["locked"] else ("active" if u["active"] else "inactive")
                print(f"{u['username']:<20} {u['role']:<14} {state:<9} {u['display_name']}")
            return 0
        if args.users_command == "add":
            store.add_user(args.username, _new_password(args.username), args.role, args.name)
            print(f"added {args.username} ({args.role})")
            return 0
        store.change_user(args.username, role=args.role,
                          active=None if args.active is None else args.active == "yes",
                          password=_new_password(args.username) if args.password else None)
        print(f"changed {args.username}")
        return 0
    except StoreError as exc:
        raise CommandError.refused(exc) from None
    finally:
        store.close()
