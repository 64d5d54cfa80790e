"""The ``nibrs-desk`` command: with no arguments it opens the app; subcommands work headless.

Each subcommand lives in its own module under ``desktop/commands/`` and registers itself
(``NAME``, ``HELP``, ``add_arguments(parser)``, ``run(args) -> int``), so a new command is a
new file, not an edit here. Exit status: 0 success, 1 findings/failure the command reports,
2 bad usage or unreadable input.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from types import ModuleType

from desktop import APP_NAME, __version__
from desktop.store.errors import AccessError, StoreError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A command cannot do what was asked; printed as ``nibrs-desk: <message>`` with exit 2."""

    def __init__(self, message: str, status: int = EXIT_USAGE):
        super().__init__(message)
        self.status = status

    @classmethod
    def refused(cls, exc: StoreError, status: int = EXIT_USAGE) -> "CommandError":
        """The store's refusal as the command's: a refusal of who is asking reads "not allowed: ..."."""
        return cls(not_allowed(exc) if isinstance(exc, AccessError) else str(exc), status)


def not_allowed(exc: AccessError) -> str:
    return f"not allowed: {exc}"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own error, worded and exit 2
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def command_modules() -> list[ModuleType]:
    import desktop.commands as pkg

    mods = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"desktop.commands.{info.name}")
        if hasattr(mod, "NAME") and hasattr(mod, "run"):
            mods.append(mod)
    return mods


GLOBALS = ("data_dir", "user", "no_encryption")  # the options every command takes, before or after its name


def add_common(parser: argparse.ArgumentParser, *, after: bool = False) -> None:
    """``--data-dir`` and ``--user``. Before the command (``after=False``) they default to None; after it
    (a subcommand's or an action's parser) they are kept apart (``_after_<name>``, absent unless given) and
    :func:`merge_globals` makes both places mean the same thing."""
    extra = {"dest": "_after_data_dir", "default": argparse.SUPPRESS} if after else {}
    parser.add_argument("--data-dir", metavar="DIR",
                        help="data folder holding the database (default: NIBRS_DESK_DATA_DIR or the "
                             "platform's user data folder)", **extra)
    extra = {"dest": "_after_user", "default": argparse.SUPPRESS} if after else {}
    parser.add_argument("--user", metavar="NAME",
                        help="sign in as NAME when the database has user accounts (default: NIBRS_DESK_USER; "
                             "the password comes from NIBRS_DESK_PASSWORD or is asked for)", **extra)
    extra = {"dest": "_after_no_encryption", "default": argparse.SUPPRESS} if after else {}
    parser.add_argument("--no-encryption", action="store_true",
                        help="create a new database WITHOUT encryption (recorded, and shown in the window); "
                             "without it a new database needs a passphrase (NIBRS_DESK_PASSPHRASE or asked for)",
                        **extra)


def merge_globals(args: argparse.Namespace, parser: argparse.ArgumentParser) -> argparse.Namespace:
    """One ``--data-dir`` and one ``--user``: given after the command they mean what they mean before it;
    given in both places with different values, the command is refused (exit 2)."""
    for name in GLOBALS:
        after = getattr(args, f"_after_{name}", None)
        if hasattr(args, f"_after_{name}"):
            delattr(args, f"_after_{name}")
        before = getattr(args, name, None)
        if name == "no_encryption":  # a flag: given in either place, it is given
            setattr(args, name, bool(before) or bool(after))
            continue
        if after is not None:
            if before is not None and before != after:
                option = "--" + name.replace("_", "-")
                parser.error(f"{option} is given twice with different values ({before!r} and {after!r})")
            setattr(args, name, after)
        elif not hasattr(args, name):
            setattr(args, name, None)
    return args


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nibrs-desk", description=f"{APP_NAME}: offline NIBRS incident reporting.")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    add_common(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for mod in command_modules():
        p = sub.add_parser(mod.NAME, help=mod.HELP, description=getattr(mod, "DESCRIPTION", mod.HELP))
        add_common(p, after=True)
        mod.add_arguments(p)
        p.set_defaults(_run=mod.run)
    return parser


def gui_main(argv: list[str] | None = None) -> int:
    """Start the desktop app (the windowed launcher's entry point)."""
    parser = _Parser(prog="nibrs-desk", description=f"{APP_NAME}")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    add_common(parser)
    args, qt_args = parser.parse_known_args(argv)
    from desktop.fileio import private_umask

    private_umask()  # every file the app writes is 0600, every folder 0700, whatever the umask
    from desktop.ui.app import run_app

    return run_app(args.data_dir, qt_args)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # No subcommand: open the app without importing every command module.
    if not any(a and not a.startswith("-") for a in _positional_candidates(argv)):
        if "--help" not in argv and "-h" not in argv:
            return gui_main(argv)
    parser = build_parser()
    args = merge_globals(parser.parse_args(argv), parser)
    if not getattr(args, "_run", None):
        return gui_main(argv)
    from desktop.fileio import private_umask
    from desktop.store import lock

    umask = private_umask()  # every file a command writes is 0600, every folder 0700, whatever the umask
    previous = lock.set_waiting_hook(_say_waiting)
    try:
        return int(args._run(args) or 0)
    except CommandError as exc:
        print(f"nibrs-desk: {exc}", file=sys.stderr)
        return exc.status
    except AccessError as exc:  # users.PermissionDenied, AuthenticationError
        print(f"nibrs-desk: {not_allowed(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as exc:  # lock.Busy and any other refusal a command did not word itself
        print(f"nibrs-desk: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. `nibrs-desk codes | head`
        return EXIT_OK
    except Exception as exc:  # never a traceback: one line, exit 2 (the fuzz tests look for this wording too)
        from desktop.store.db import DatabaseError

        if isinstance(exc, DatabaseError):
            print(f"nibrs-desk: {_one_line(exc)}", file=sys.stderr)
        elif _database_busy(exc):
            print("nibrs-desk: the database is busy (another program is writing to it); nothing was done, try "
                  "again when it has finished", file=sys.stderr)
        elif isinstance(exc, OSError):
            print(f"nibrs-desk: {exc.filename or ''}{': ' if exc.filename else ''}{exc.strerror or exc}",
                  file=sys.stderr)
        else:
            print(f"nibrs-desk: unexpected error: {type(exc).__name__}: {_one_line(exc)}", file=sys.stderr)
        if os.environ.get("NIBRS_DESK_DEBUG"):  # a developer's look behind the one line
            import traceback

            traceback.print_exc()
        return EXIT_USAGE
    finally:
        lock.set_waiting_hook(previous)
        os.umask(umask)  # a caller in the same process (a test) keeps its own


def _say_waiting(message: str) -> None:
    print(f"nibrs-desk: {message}", file=sys.stderr, flush=True)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _database_busy(exc: BaseException) -> bool:
    """SQLite's "database is locked" (a writer outside the data folder's lock, past the busy timeout)."""
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


def _positional_candidates(argv: list[str]) -> list[str]:
    """Arguments that could be a subcommand (skipping the values of --data-dir and --user)."""
    out, skip = [], False
    for a in argv:
        if skip:
            skip = False
            continue
        if a in ("--data-dir", "--user"):
            skip = True
            continue
        out.append(a)
    return out
