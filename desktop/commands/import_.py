"""``nibrs-desk import FILE...``: NIBRS flat files and XML documents into the database."""

from __future__ import annotations

from desktop.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CommandError

NAME = "import"
HELP = "import NIBRS flat files or XML documents (files, folders, zips) into the database"
DESCRIPTION = (
    "Import NIBRS flat files and NIBRS XML documents (files, folders or zips of them) into the local database, "
    "with a line per report: imported, updated, deleted or skipped, and why. Each file is imported in one "
    "transaction: a file that cannot be read (a cut line, an unknown segment level, a wrong segment length, "
    "broken XML) is named with its record, and nothing of it is kept. Importing the same file twice changes "
    "nothing. Reports with FBI errors, or with values that could not be read (kept as written), are imported "
    "as drafts; the others as --status (default: ready for review). Exit status: 0 every file imported, 1 some "
    "reports were skipped, 2 a file could not be read."
)


def add_arguments(parser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="flat file, XML document, or folder/zip of XML")
    parser.add_argument("--status", choices=("ready", "approved", "submitted"), default="ready",
                        help="what a report without errors becomes: ready for review (default), approved (ready to "
                             "export), or submitted (the file was already sent to the state)")
    parser.add_argument("--quiet", action="store_true", help="print only skipped reports and the totals")


def run(args) -> int:
    from desktop.commands._session import open_store
    from desktop.store.service import StoreError
    from desktop.submission.importing import import_files

    from desktop.store import users

    store = open_store(args, permission=users.IMPORT)
    try:
        try:
            results, problems = import_files(store, args.files, status=args.status)
        except StoreError as exc:
            raise CommandError.refused(exc) from None
        for problem in problems:
            print(f"nibrs-desk import: {problem}")
        totals = {"imported": 0, "updated": 0, "deleted": 0, "skipped": 0}
        unreadable = len(problems)
        refused = 0
        for r in results:
            if r.error:
                unreadable += 1
                print(f"NOT IMPORTED: {r.error}")
                continue
            for note in r.notes:
                print(f"{r.label}: note: {note}")
            for line in r.lines:
                totals[line.outcome] += 1
                if line.outcome == "skipped" and not line.detail.startswith("unchanged"):
                    refused += 1
                if not args.quiet or (line.outcome == "skipped" and not line.detail.startswith("unchanged")):
                    print(str(line))
        print(", ".join(f"{v} {k}" for k, v in totals.items()) +
              (f"; {unreadable} file(s) not imported" if unreadable else ""))
        if unreadable:
            return EXIT_USAGE
        return EXIT_FINDINGS if refused else EXIT_OK
    finally:
        store.close()
