"""``nibrs-desk audit verify|list``: check the audit trail's hash chain; list entries."""

from __future__ import annotations

import argparse
import json

NAME = "audit"
HELP = "verify the audit trail (every entry hash-chained) or list its entries"


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    sub.add_parser("verify", help="recompute the hash chain and name any altered, inserted or removed entry")
    lst = sub.add_parser("list", help="list the newest entries (supervisors and administrators)")
    lst.add_argument("--limit", type=int, default=50)
    lst.add_argument("--user-name", dest="who", help="only entries of this user")
    lst.add_argument("--action", help="only this action (create, update, login, view_restricted, ...)")
    lst.add_argument("--format", choices=("text", "json"), default="text")
    for p in sub.choices.values():  # also accepted after the action; SUPPRESS keeps an earlier value
        p.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="data folder")
        p.add_argument("--user", metavar="NAME", default=argparse.SUPPRESS, help="sign in as NAME")


def run(args) -> int:
    from desktop.commands._session import open_store

    if args.audit_command == "verify":
        store = open_store(args, login=False)
        try:
            problems = store.verify_audit()
            with store.db.read() as session:
                from desktop.store.audit import HEAD_KEY
                from desktop.store.schema import Setting

                head = session.get(Setting, HEAD_KEY)
                count = head.value["seq"] if head else 0
        finally:
            store.close()
        if problems:
            for p in problems:
                print(f"TAMPERED: {p}")
            print(f"audit trail: {len(problems)} problem(s) found")
            return 1
        print(f"audit trail intact: {count} entries, every hash matches")
        return 0
    store = open_store(args)
    try:
        rows = store.audit_entries(username=args.who, action=args.action, limit=args.limit)
    finally:
        store.close()
    if args.format == "json":
        print(json.dumps(rows, default=str, indent=2))
        return 0
    for r in rows:
        record = f" {r['kind']} #{r['record_id']}" if r["record_id"] is not None else ""
        print(f"{r['seq']:>6}  {r['at']:%Y-%m-%d %H:%M:%S}  {r['user']:<16} {r['action']:<16}{record}")
    return 0

