"""``nibrs-desk audit verify|list``: check the audit trail's hash chain; list entries."""

from __future__ import annotations

import json

from desktop.cli import add_common

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
    for p in sub.choices.values():  # also accepted after the action (cli.merge_globals)
        add_common(p, after=True)


def run(args) -> int:
    from desktop.commands._session import open_store

    from desktop.store import users

    if args.audit_command == "verify":
        store = open_store(args, permission=users.AUDIT_VIEW)
        try:
            problems = store.verify_audit()
            with store.db.read() as session:
                from desktop.store.audit import HEAD_KEY
                from desktop.store.schema import Setting

                head = session.get(Setting, HEAD_KEY)
                count = head.value["seq"] if head else 0
        finally:
            store.close()
        from desktop.store.audit import GAP

        tampered = [p for p in problems if p.kind != GAP]
        gaps = [p for p in problems if p.kind == GAP]
        for p in tampered:
            print(f"TAMPERED: {p}")
        for p in gaps:
            print(f"GAP: {p}")
        if tampered:
            print(f"audit trail: {len(tampered)} problem(s) found" +
                  (f", and {len(gaps)} gap(s) left by restores" if gaps else ""))
            return 1
        if gaps:
            print(f"audit trail: every hash matches ({count} entries), but NOT intact: {len(gaps)} restore(s) took "
                  "away changes the trail records (listed above)")
            return 1
        print(f"audit trail intact: {count} entries, every hash matches")
        return 0
    store = open_store(args, permission=users.AUDIT_VIEW)
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

