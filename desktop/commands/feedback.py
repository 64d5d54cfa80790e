"""``nibrs-desk feedback FILE...``: the state's or the FBI's answer, attached to the reports it names."""

from __future__ import annotations

from desktop.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, CommandError

NAME = "feedback"
HELP = "load an FBI Error Data Set or web-service response: reports become rejected (with the errors) or accepted"
DESCRIPTION = (
    "Read an FBI Error Data Set (146-character records, with the trailer 'FBI processed submission on ...') or an "
    "FBI NIBRS web-service response, and attach each error to the report it names: reports with errors become "
    "rejected and show the errors in the app; warnings do not reject; when the EDS says the submission was "
    "processed, the other reports of that export become accepted. Loading the same file twice changes nothing. "
    "Exit status: 0 nothing rejected, 1 reports rejected or errors that name no report here, 2 unreadable file."
)


def add_arguments(parser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="EDS file or service response (XML)")
    parser.add_argument("--export", type=int, metavar="ID",
                        help="the export the EDS answers (default: the newest export of its month of submission)")


_WORDS = {"rejected": "REJECTED", "warned": "accepted with warnings", "accepted": "accepted",
          "unmatched": "NOT FOUND HERE", "kept": "errors noted, status kept"}


def run(args) -> int:
    from desktop.commands._session import open_store
    from desktop.fileio import input_problem
    from desktop.store.service import StoreError
    from desktop.submission.feedback import FeedbackFileError, load_feedback

    from desktop.store import users

    store = open_store(args, permission=users.FEEDBACK)
    status = EXIT_OK
    try:
        for name in args.files:
            problem = input_problem(name, "feedback file", folder_ok=False)
            if problem:  # a named pipe or a device is never opened (reading one would hang or never end)
                print(f"nibrs-desk feedback: {problem}")
                status = max(status, EXIT_USAGE)
                continue
            try:
                result = load_feedback(store, name, export_id=args.export)
            except FeedbackFileError as exc:
                print(f"nibrs-desk feedback: {exc}")
                status = max(status, EXIT_USAGE if "refused the document" not in str(exc) else EXIT_FINDINGS)
                continue
            except StoreError as exc:
                raise CommandError.refused(exc) from None
            if result.already:
                print(result.already)
                continue
            print(f"{name}: feedback {result.feedback_id}" +
                  (f" (answers export {result.export_id})" if result.export_id else ""))
            for outcome in ("rejected", "warned", "kept", "unmatched", "accepted"):
                items = result.outcome.get(outcome, [])
                if outcome == "accepted" and len(items) > 10:
                    print(f"  accepted: {len(items)} report(s)")
                    continue
                for item in items:
                    print(f"  {_WORDS[outcome]}: {item}")
            counts = {k: len(v) for k, v in result.outcome.items()}
            print("  " + ", ".join(f"{v} {_WORDS[k]}" for k, v in counts.items() if v))
            if counts.get("rejected") or counts.get("unmatched"):
                status = max(status, EXIT_FINDINGS)
        return status
    finally:
        store.close()
