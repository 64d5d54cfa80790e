"""``nibrs-desk rules``: every FBI error number and what NIBRS Desk does with it."""

from __future__ import annotations

import json
import sys
import textwrap

from desktop.cli import CommandError

NAME = "rules"
HELP = "list every FBI error and warning number with its status, severity and message"
DESCRIPTION = (
    "Print the catalogue of FBI NIBRS edits: each error or warning number, whether NIBRS Desk checks it on a "
    "report (and with which severity), checks it when reading a file, or cannot check it offline, and the "
    "message; and, per FBI specification version, whether it applies, its severity there and where that "
    "statement comes from (an FBI document, or a version known only by name). NUMBER limits the output to one "
    "number."
)


def add_arguments(parser) -> None:
    parser.add_argument("number", nargs="?", help="one error number, e.g. 401 or 1342")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    parser.add_argument("--status", choices=("implemented", "file", "not-offline", "legacy", "renumbered",
                                             "not-in-spec", "not-implemented"),
                        help="only the numbers with this status")


def run(args) -> int:
    from desktop.nibrs.rules import catalogue

    items = catalogue.entries()
    if args.status:
        wanted = args.status.replace("-", " ")
        wanted = {"not in spec": catalogue.NOT_IN_SPEC}.get(wanted, wanted)
        items = [e for e in items if e.status == wanted]
    if args.number:
        key = args.number.strip()
        items = [e for e in items if e.number == key or e.number == key.zfill(3)]
        if not items:
            raise CommandError(f"unknown FBI error number {args.number!r}; try `nibrs-desk rules` for the list")
    out = sys.stdout
    if args.format == "json":
        json.dump([e.to_dict() for e in items], out, indent=2, ensure_ascii=False)
        out.write("\n")
        return 0
    for e in items:
        severity = f" [{e.severity}]" if e.severity else ""
        specs = ""
        if e.versions and tuple(e.specs) != tuple(v.version for v in e.versions):
            specs = f" (spec {', '.join(e.specs)} only)" if e.specs else " (in no version held)"
        out.write(f"{e.number:<5} {e.status_words}{severity}{specs}\n")
        if e.title:
            out.write(f"      FBI: {e.title}\n")
        for message in e.messages:
            for line in textwrap.wrap(message, 100, initial_indent="      ", subsequent_indent="        "):
                out.write(line + "\n")
        if e.fixes:
            for line in textwrap.wrap("Fix: " + e.fixes[0], 100, initial_indent="      ",
                                      subsequent_indent="        "):
                out.write(line + "\n")
        if e.note:
            for line in textwrap.wrap("Note: " + e.note, 100, initial_indent="      ", subsequent_indent="        "):
                out.write(line + "\n")
        if args.number:  # one number: what each version says of it, and whence
            for v in e.versions:
                state = v.severity if v.applies else "does not apply"
                source = v.statement.source
                if v.statement.known_by_name and not source.startswith("known by name"):
                    source = "known by name: " + source
                text = f"Spec {v.version}: {state}" + (f" ({v.change})" if v.change else "") + f"; {source}"
                for line in textwrap.wrap(text, 100, initial_indent="      ", subsequent_indent="        "):
                    out.write(line + "\n")
    if not args.number:
        counts = catalogue.counts()
        summary = ", ".join(f"{n} {catalogue.STATUS_WORDS[s]}" for s, n in counts.items() if n)
        out.write(f"\n{len(items)} numbers: {summary}\n" if not args.status else f"\n{len(items)} numbers\n")
    return 0
