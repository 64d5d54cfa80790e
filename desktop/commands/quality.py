"""``nibrs-desk quality``: data quality and the FBI's certification terms, offline; the certification packet."""

from __future__ import annotations

from desktop.cli import EXIT_OK, CommandError

NAME = "quality"
HELP = "error rates by month (from the feedback loaded), certification terms, common errors, trends; the packet"
DESCRIPTION = (
    "Show the data quality of the agency's submissions: per month of submission the reports exported, accepted and "
    "rejected (from the feedback files loaded) and the error rate as the FBI counts it (reports with an error over "
    "reports submitted), whether the agency meets the certification terms (4% or less for three consecutive "
    "submissions) and what is still needed; the most common errors of the quarter with their field and fix; and "
    "trends (offenses by month, clearance rate, arrests in Group A incidents and Group B arrests). With --packet "
    "DIR, write the certification packet instead: the months' files by the FBI's names, a zero report test, the "
    "error-rate table and the list of corrections."
)


def add_arguments(parser) -> None:
    parser.add_argument("--months", type=int, default=12, metavar="N", help="how many months to show (default 12)")
    parser.add_argument("--until", metavar="YYYY-MM", help="the last month shown (default: the latest with data)")
    parser.add_argument("--format", choices=("text", "json", "csv"), default="text", help="text (default), JSON or CSV")
    parser.add_argument("--packet", metavar="DIR", help="write the certification packet into DIR")
    parser.add_argument("--period", metavar="YYYY-MM:YYYY-MM",
                        help="the months of the packet (default: the last three months exported)")


def _month(text: str):
    from desktop.submission.months import Month

    try:
        return Month.parse(text)
    except ValueError as exc:
        raise CommandError(str(exc)) from None


def run(args) -> int:
    from desktop.commands._session import open_store
    from desktop.store import users
    from desktop.store.service import StoreError
    from desktop.submission import quality as q

    if args.months < 1:
        raise CommandError("--months: at least 1")
    store = open_store(args, permission=users.EXPORT if args.packet else users.READ)
    try:
        try:
            if args.packet:
                months = None
                if args.period:
                    first, _sep, last = args.period.partition(":")
                    start, end = _month(first), _month(last or first)
                    if end < start:
                        raise CommandError("--period: the first month comes first")
                    months = [start]
                    while months[-1] < end:
                        months.append(months[-1].next())
                packet = q.write_packet(store, args.packet, months)
                print(f"certification packet for {', '.join(str(m) for m in packet.months)} in {packet.folder}:")
                for path in packet.files:
                    print(f"  {path.relative_to(packet.folder)}")
                return EXIT_OK
            report = q.quality(store, months=args.months, until=_month(args.until) if args.until else None)
        except (StoreError, ValueError) as exc:
            raise CommandError.refused(exc) if isinstance(exc, StoreError) else CommandError(str(exc)) from None
        out = {"json": report.json, "csv": report.csv}.get(args.format, report.text)()
        print(out, end="")
        return EXIT_OK
    finally:
        store.close()
