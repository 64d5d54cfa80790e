"""``nibrs-desk export``: the month's submission file (flat or XML), written again, or listed."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.cli import EXIT_FINDINGS, EXIT_OK, CommandError

NAME = "export"
HELP = "write the month's submission file for the state (flat file or NIBRS XML); list or reproduce exports"
DESCRIPTION = (
    "Write the month's NIBRS submission: every approved Group A incident and Group B arrest not sent yet "
    "(dated on or before the end of the month, with no date after it), corrections (a delete and the report in a "
    "flat file, a replacement in XML), deletes of reports deleted after they were sent, or a zero report when the "
    "month has nothing. The file is named by the FBI's convention (ORI_YYYYMMDD_NIBRS_series) and recorded, with "
    "its SHA-256 and every report at the revision sent, so it can be written again byte for byte (--reproduce) and "
    "nothing is sent twice. Reports with FBI errors stop the export unless --allow-errors. Exit status: 0 written "
    "(or nothing new to send), 1 refused (errors listed), 2 bad usage."
)


def add_arguments(parser) -> None:
    parser.add_argument("--month", metavar="YYYY-MM", help="the month of submission")
    parser.add_argument("--format", choices=("flat", "xml", "state-xml"), default="flat",
                        help="flat file (default), NIBRS XML documents, or the state's own XML where the agency's "
                             "state profile has one (Missouri: MIBRS XML with the state's elements)")
    parser.add_argument("--out", metavar="DIR", help="folder to write into (created if needed)")
    parser.add_argument("--allow-errors", action="store_true", help="send reports that have FBI errors anyway")
    parser.add_argument("--folder", action="store_true",
                        help="with an XML format: write a folder of documents instead of a zip")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace a file of the same name that no recorded export wrote")
    parser.add_argument("--summary-only", action="store_true",
                        help="show what the file would hold, and write nothing")
    parser.add_argument("--reproduce", type=int, metavar="ID", help="write recorded export ID again, byte for byte")
    parser.add_argument("--list", action="store_true", help="list the recorded exports")


def _progress(stage: str, done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r{stage} {done}/{total}   ", end="" if done < total else "\n", file=sys.stderr, flush=True)


def run(args) -> int:
    from desktop.commands._session import open_store
    from desktop.store.service import StoreError
    from desktop.submission import batch
    from desktop.submission.export import ExportError, ExportRefused, NothingNew, plan_export, reproduce, run_export
    from desktop.submission.months import Month

    if args.list:
        return _list(args)
    if args.reproduce is None and not args.month:
        raise CommandError("give the month of submission: --month YYYY-MM (or --reproduce ID, or --list)")
    if not args.out and not args.summary_only:
        raise CommandError("give the folder to write into: --out DIR")
    from desktop.store import users

    store = open_store(args, permission=users.READ if args.summary_only else users.EXPORT)
    try:
        if args.reproduce is not None:
            result = reproduce(store, args.reproduce, args.out, overwrite=args.overwrite)
            print(f"export {args.reproduce} ({result.export.month_text}, {result.export.format}) written again to "
                  f"{result.path}")
            for f in result.files if len(result.files) <= 5 else result.files[-1:]:
                print(f"  {f.path}  sha256 {f.sha256}")
            if result.mismatches:
                print("NOT identical to what was recorded:")
                for line in result.mismatches[:20]:
                    print(f"  {line}")
                return EXIT_FINDINGS
            print(f"identical: every file has the SHA-256 recorded on {result.export.created_at:%m/%d/%Y %H:%M}")
            return EXIT_OK
        try:
            month = Month.parse(args.month)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        plan = plan_export(store, month, fmt=args.format, allow_errors=args.allow_errors, progress=_progress)
        if args.summary_only:
            print(plan.summary(store).text(), end="")
            return EXIT_OK
        packaging = batch.FOLDER if args.folder else batch.ZIP
        try:
            result = run_export(store, plan, Path(args.out), packaging=packaging, overwrite=args.overwrite,
                                progress=_progress)
        except NothingNew as exc:
            print(str(exc))
            return EXIT_OK
        except ExportRefused as exc:
            print(str(exc))
            return EXIT_FINDINGS
        print(result.summary.text(), end="")
        print()
        print(f"export {result.export_id}: {result.path}")
        shown = result.files if len(result.files) == 1 else [f for f in result.files if f.path.endswith(".csv")]
        for f in shown:
            print(f"  {f.path}  sha256 {f.sha256}")
        if len(result.files) > 1:
            print(f"  ({len(result.files)} files; the manifest lists each document's SHA-256)")
        submitted = sum(1 for e in plan.entries if e.mark_submitted)
        removed = sum(1 for e in plan.entries if e.purge) + len(plan.purge_unsent)
        print(f"{submitted} report(s) now submitted" + (f", {removed} deleted report(s) removed" if removed else "") +
              f"; exporting {month} again sends only what changes from now on.")
        return EXIT_OK
    except ExportError as exc:
        raise CommandError(str(exc), EXIT_FINDINGS) from None
    except StoreError as exc:
        raise CommandError.refused(exc) from None
    finally:
        store.close()


def _list(args) -> int:
    from desktop.commands._session import open_store
    from desktop.store.submissions import exports

    from desktop.store import users

    store = open_store(args, permission=users.READ)
    try:
        rows = exports(store)
        if not rows:
            print("no exports recorded")
        for e in rows:
            print(f"{e.id:>5}  {e.month_text}  {e.format:<4}  {e.created_at:%Y-%m-%d %H:%M}  {e.created_by:<12}  "
                  f"{e.name}  ({len(e.files)} file{'s' if len(e.files) != 1 else ''})  {e.out_dir}")
        return EXIT_OK
    finally:
        store.close()
