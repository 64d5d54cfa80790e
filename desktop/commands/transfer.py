"""``nibrs-desk transfer``: move reports between machines in an encrypted transfer file."""

from __future__ import annotations

import getpass
import os
import sys

from desktop.cli import CommandError, add_common

NAME = "transfer"
HELP = ("write reports to an encrypted transfer file, import one, list or resolve conflicts; pair a laptop with "
        "the office")


def add_arguments(parser) -> None:
    sub = parser.add_subparsers(dest="transfer_command", metavar="ACTION", required=True)
    out = sub.add_parser("export", help="write this machine's reports to a transfer file")
    out.add_argument("--out", required=True, metavar="FILE", help="the transfer file to write")
    imp = sub.add_parser("import", help="merge a transfer file into this machine's database")
    imp.add_argument("file")
    sub.add_parser("conflicts", help="list records changed on both machines")
    res = sub.add_parser("resolve", help="resolve a conflict: keep this machine's version or take the incoming one")
    res.add_argument("conflict", type=int)
    res.add_argument("--keep", choices=("local", "incoming"), required=True)
    sub.add_parser("machine", help="show this machine's pairing code (to pair it with the office)")
    pair = sub.add_parser("pair", help="pair a laptop with this office: its transfer files then speak for its owner "
                                       "(administrators)")
    pair.add_argument("code", help="the pairing code `transfer machine` shows on the laptop")
    pair.add_argument("--owner", default="", help="the office user the laptop belongs to")
    pair.add_argument("--name", default="", help="a name for the laptop (for example 'Car 12')")
    pair.add_argument("--office", action="store_true",
                      help="on a laptop: pair the office's machine (its files carry the office's decisions)")
    sub.add_parser("machines", help="list the machines paired with this office (administrators)")
    unpair = sub.add_parser("unpair", help="forget a paired machine (administrators)")
    unpair.add_argument("fingerprint")
    for p in sub.choices.values():  # also accepted after the action (cli.merge_globals)
        add_common(p, after=True)


def _passphrase(confirm: bool) -> str:
    from desktop.store.transfer import ENV_TRANSFER_PASSPHRASE

    value = os.environ.get(ENV_TRANSFER_PASSPHRASE)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CommandError(f"give the transfer passphrase in {ENV_TRANSFER_PASSPHRASE} or run in a terminal")
    first = getpass.getpass("Transfer passphrase: ")
    if confirm and first != getpass.getpass("Again: "):
        raise CommandError("the two passphrases differ")
    return first


def run(args) -> int:
    from desktop.commands._session import open_store
    from desktop.store.transfer import TransferError, import_transfer, open_conflicts, resolve_conflict, write_transfer

    from desktop.store import users

    needs = {"export": users.TRANSFER, "import": users.IMPORT, "conflicts": users.READ,
             "resolve": users.RESOLVE_CONFLICTS, "machine": users.READ, "pair": users.SETTINGS,
             "machines": users.SETTINGS, "unpair": users.SETTINGS}[args.transfer_command]
    store = open_store(args, permission=needs, what="import transfer files" if args.transfer_command == "import" else "")
    try:
        if args.transfer_command in ("machine", "pair", "machines", "unpair"):
            return _pairing(store, args)
        if args.transfer_command == "export":
            n = write_transfer(store, args.out, _passphrase(confirm=True))
            print(f"wrote {n} record(s) to {args.out}")
            return 0
        if args.transfer_command == "import":
            report = import_transfer(store, args.file, _passphrase(confirm=False))
            for line in report.lines():
                print(line)
            print(f"{len(report.created)} created, {len(report.updated)} updated, {len(report.deleted)} deleted, "
                  f"{len(report.unchanged)} unchanged, {len(report.conflicts)} conflict(s)")
            return 1 if report.conflicts else 0
        if args.transfer_command == "conflicts":
            for c in open_conflicts(store):
                print(f"{c.id:>5}  {c.key:<30} from {c.origin}  received {c.received_at:%Y-%m-%d %H:%M}")
            return 0
        resolve_conflict(store, args.conflict, args.keep)
        print(f"conflict {args.conflict} resolved: kept the {args.keep} version")
        return 0
    except TransferError as exc:
        raise CommandError(str(exc)) from None
    finally:
        store.close()


def _pairing(store, args) -> int:
    from desktop.store import pairing

    try:
        if args.transfer_command == "machine":
            code = pairing.pairing_code(store)
            print(f"this machine: {pairing.fingerprint(code)}")
            print(f"pairing code: {code}")
            print("at the office an administrator runs: nibrs-desk transfer pair CODE --owner USER")
            return 0
        if args.transfer_command == "pair":
            if not args.office and not args.owner.strip():
                raise CommandError("name the office user the machine belongs to (--owner USER)")
            fp = pairing.pair(store, args.code, args.owner, args.name, office=args.office)
            print(f"paired machine {fp} with {args.owner or 'the office'}: its transfer files speak for "
                  f"{args.owner or 'the office'} here (check that the laptop shows the same {fp})")
            return 0
        if args.transfer_command == "unpair":
            pairing.unpair(store, args.fingerprint)
            print(f"machine {args.fingerprint} is no longer paired: its transfer files are refused here")
            return 0
        machines = pairing.paired_machines(store)
        for fp, entry in sorted(machines.items()):
            print(f"{fp}  {entry.get('owner', ''):<20} {entry.get('kind', pairing.PERSON):<7} "
                  f"{entry.get('name', '')}  paired {entry.get('paired_at', '')} by {entry.get('paired_by', '')}")
        if not machines:
            print("no machine is paired with this office")
        return 0
    except pairing.PairingError as exc:
        raise CommandError(str(exc)) from None
