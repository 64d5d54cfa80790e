"""``nibrs-desk summary --month YYYY-MM``: what the month's file holds, in counts, before it is sent."""

from __future__ import annotations

from desktop.cli import EXIT_OK, CommandError

NAME = "summary"
HELP = "the month's submission in counts (offenses, clearances, arrests, Group B, zero report), as text or CSV"
DESCRIPTION = (
    "Show the summary of the month's submission: counts by offense, clearances (by arrest and exceptional), "
    "arrests, Group B arrests, corrections and deletes, and whether it is a zero report; with the state profile's "
    "coded elements where they apply (restricted ones only for users granted restricted fields). By default, what "
    "the month's file would hold if it were exported now; with --export ID, what a recorded export held."
)


def add_arguments(parser) -> None:
    parser.add_argument("--month", metavar="YYYY-MM", help="the month of submission")
    parser.add_argument("--export", type=int, metavar="ID", help="the summary of recorded export ID")
    parser.add_argument("--format", choices=("text", "csv"), default="text", help="text (default) or CSV")


def run(args) -> int:
    from desktop.commands._session import open_store
    from desktop.store.service import StoreError
    from desktop.submission.export import ExportError, plan_export
    from desktop.submission.months import Month

    if args.export is None and not args.month:
        raise CommandError("give the month: --month YYYY-MM (or --export ID)")
    from desktop.store import users

    store = open_store(args, permission=users.READ)
    try:
        try:
            if args.export is not None:
                summary = export_summary(store, args.export)
            else:
                try:
                    month = Month.parse(args.month)
                except ValueError as exc:
                    raise CommandError(str(exc)) from None
                plan = plan_export(store, month)
                summary = plan.summary(store)
                if plan.nothing_new:
                    summary.notes.insert(0, plan.nothing_new_message())
        except (ExportError, StoreError) as exc:
            raise CommandError.refused(exc) from None
        print(summary.csv() if args.format == "csv" else summary.text(), end="")
        return EXIT_OK
    finally:
        store.close()


def export_summary(store, export_id: int):
    """A recorded export's summary, counted again from the reports it sent (restricted fields as allowed now)."""
    from desktop.nibrs.profiles import get_profile
    from desktop.store import users
    from desktop.store.submissions import export_info
    from desktop.submission.summary import Sent, summarize

    info = export_info(store, export_id)
    sent, seen = [], set()
    for it in info.items:
        if it.action == "D" and any(o.record_id == it.record_id and o.kind == it.kind and o.action != "D"
                                    for o in info.items):
            continue  # the delete half of a flat-file correction
        key = (it.kind, it.record_id, it.action)
        if key in seen:
            continue
        seen.add(key)
        replaced = it.action != "D" and any(o.record_id == it.record_id and o.kind == it.kind and o.action == "D"
                                            for o in info.items)
        sent.append(Sent(it.report, "R" if replaced else it.action))
    restricted = store.actor is not None and store.actor.can(users.RESTRICTED)
    try:
        profile_name = get_profile(store.profile).name if store.profile != "fbi" else ""
    except KeyError:
        profile_name = store.profile
    title = (f"NIBRS submission for {info.month_text} (export {info.id}, {info.name}, written "
             f"{info.created_at:%m/%d/%Y %H:%M} by {info.created_by})")
    return summarize(sent, info.month_text, title, store.dictionary, restricted=restricted, profile_name=profile_name)
