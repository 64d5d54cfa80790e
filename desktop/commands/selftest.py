"""``nibrs-desk selftest``: check that this copy of the app is complete and works.

Meant for county IT after an install (and for the packaging checks): every resource the
program reads at run time loads, the FBI schema validates a known-good sample and refuses a
broken one, the rules and subcommands are found, and a database can be created, written,
read and opened again in a temporary folder. One line per check; exit status 1 when any
check fails. ``--gui`` also opens the main window offscreen (see :func:`check_gui`).
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from desktop import APP_NAME, __version__, resources

NAME = "selftest"
HELP = "check that the installed app is complete: resources, FBI schema, rules, database"
DESCRIPTION = (
    "Check that every resource loads (data dictionary, FBI code tables, forms and state profiles, "
    "XML schema set, icons, translations), that the schema validates a known-good sample document, "
    "that the FBI edits and subcommands are found, and that a database can be created, written, read "
    "and opened again in a temporary folder. Prints one line per check and exits with status 1 when "
    "any check fails. Nothing is written outside a temporary folder unless --gui is given with "
    "--data-dir."
)

# Written into the frozen app by packaging/nibrs-desk.spec: what the build collected.
BUILD_INFO = "build-info.json"
NIBRS_XSD = ("fbi", "xsd-iepd-2019.1", "base-xsd", "nibrs", "2019", "nibrs.xsd")
SAMPLE = ("fbi", "samples", "nibrs_GroupAIncident_Sample.xml")
APP_ICON = ("icons", "nibrs-desk.svg")


class CheckFailed(Exception):
    """A check found a problem; the message says what, naming the file."""


@dataclass
class Result:
    name: str
    ok: bool
    detail: str


def add_arguments(parser) -> None:
    parser.add_argument("--resources", metavar="DIR",
                        help="check the resources in DIR (a folder holding resources/ and forms/) "
                             "instead of the app's own")
    parser.add_argument("--gui", action="store_true",
                        help="also open the main window (offscreen when there is no display) over a "
                             "temporary database, or over --data-dir when given, and close it again")
    parser.add_argument("--screenshot", metavar="FILE", help="with --gui: save the main window as a PNG image")


class SelfTest:
    def __init__(self, root: Path, data_dir: Path | None = None, screenshot: Path | None = None):
        self.root = root
        self.data_dir = data_dir
        self.screenshot = screenshot

    # --------------------------------------------------------------- helpers
    def res(self, *parts: str) -> Path:
        return self.root.joinpath("resources", *parts)

    def need(self, path: Path, what: str) -> Path:
        if not path.exists():
            raise CheckFailed(f"{what} is missing: {path}")
        return path

    # ---------------------------------------------------------------- checks
    def check_program(self) -> str:
        how = f"frozen, installed at {Path(sys.executable).resolve().parent}" if resources.is_frozen() \
            else f"from source at {resources.root()}"
        return f"{APP_NAME} {__version__}, Python {sys.version.split()[0]}, {how}; resources at {self.root}"

    def check_build(self) -> str:
        """The frozen app's build record agrees with the program (version, commands, rules)."""
        if not resources.is_frozen():
            return "running from source (no build record to compare)"
        info = self._build_info()
        if info.get("version") != __version__:
            raise CheckFailed(f"{BUILD_INFO} says version {info.get('version')!r}, the program is {__version__}")
        return f"built {info.get('built', '?')} on {info.get('platform', '?')}, version {info['version']}"

    def _build_info(self) -> dict:
        path = self.need(resources.root() / BUILD_INFO, "the build record")
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise CheckFailed(f"{path}: not readable JSON ({exc})") from exc

    def check_dictionary(self) -> str:
        from desktop.nibrs.dictionary import DictionaryError, load_dictionary

        folder = self.need(self.res("dictionary"), "the data dictionary folder")
        for name in ("elements.yaml", "codes.yaml"):
            self.need(folder / name, "a data dictionary file")
        try:
            d = load_dictionary(folder)
        except DictionaryError as exc:
            raise CheckFailed(str(exc)) from exc
        except Exception as exc:  # a YAML error names file, line and column
            raise CheckFailed(f"{folder}: {exc}") from exc
        if not d.elements or not d.code_lists:
            raise CheckFailed(f"{folder}: the dictionary declares no data elements or no code lists")
        return f"{len(d.elements)} data elements, {len(d.code_lists)} code lists"

    def check_code_tables(self) -> str:
        tables = self._csv_folder(self.need(self.res("fbi", "code-tables"), "the FBI code tables folder"))
        mapping = self._csv_folder(self.need(self.res("fbi", "xml-mapping"), "the FBI XML mapping folder"))
        return f"{tables} FBI code tables, {mapping} XML mapping sheets"

    @staticmethod
    def _csv_folder(folder: Path) -> int:
        files = sorted(folder.glob("*.csv"))
        if not files:
            raise CheckFailed(f"{folder}: no CSV files")
        for path in files:
            try:
                with path.open(encoding="utf-8-sig", newline="") as fh:
                    rows = [row for row in csv.reader(fh) if any(cell.strip() for cell in row)]
            except (OSError, UnicodeDecodeError, csv.Error) as exc:
                raise CheckFailed(f"{path}: cannot be read ({exc})") from exc
            if len(rows) < 2:
                raise CheckFailed(f"{path}: empty table")
        return len(files)

    def check_forms(self) -> str:
        import yaml

        folder = self.need(self.root / "forms", "the forms folder (wizard definitions and state profiles)")
        files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".yaml", ".yml", ".json"))
        for path in files:
            try:
                text = path.read_text(encoding="utf-8")
                data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
            except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
                raise CheckFailed(f"{path}: cannot be read ({exc})") from exc
            if data is None:
                raise CheckFailed(f"{path}: the file is empty")
        if not files:
            return "no wizard definitions or state profiles in this version"
        profiles = [p for p in files if "profile" in p.relative_to(folder).as_posix().lower()]
        return f"{len(files)} files read ({len(profiles)} state profile files)"

    def check_profiles(self) -> str:
        """Every state profile parses (elements, codes, edits, extension schema) and its XML schema loads."""
        from desktop.nibrs.profiles import ProfileError, parse_profile
        from desktop.nibrs.state_xml import _schema_for

        folder = self.root / "forms" / "profiles"
        names = []
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            try:
                profile = parse_profile(path)
                if profile.xml_schema is not None and profile.xml_namespace is not None:
                    _schema_for(profile.id, str(profile.xml_schema), profile.xml_namespace[1])
            except ProfileError as exc:
                raise CheckFailed(str(exc)) from exc
            except Exception as exc:  # the extension schema does not load
                raise CheckFailed(f"{path}: its XML schema does not load ({exc})") from exc
            names.append(f"{profile.id} {profile.version}")
        return f"{len(names)} state profiles: {', '.join(names)}" if names else "no state profiles"

    def _schema(self):
        from lxml import etree

        xsd = self.need(self.res(*NIBRS_XSD), "the NIBRS XML schema")
        try:
            return etree.XMLSchema(etree.parse(str(xsd)))
        except (etree.XMLSyntaxError, etree.XMLSchemaParseError, OSError) as exc:
            raise CheckFailed(f"{xsd}: the schema set does not load ({exc})") from exc

    def check_schema(self) -> str:
        self._schema()
        files = list(self.res("fbi", "xsd-iepd-2019.1").rglob("*.xsd"))
        return f"NIBRS IEPD 2019.1 schema set loads ({len(files)} .xsd files)"

    def check_sample(self) -> str:
        from lxml import etree

        schema = self._schema()
        path = self.need(self.res(*SAMPLE), "the known-good sample document")
        try:
            doc = etree.parse(str(path))
        except etree.XMLSyntaxError as exc:
            raise CheckFailed(f"{path}: not well-formed XML ({exc})") from exc
        if not schema.validate(doc):
            first = schema.error_log[0] if len(schema.error_log) else "no detail"
            raise CheckFailed(f"{path}: the schema refuses the known-good sample: {first}")
        # The same document with an impossible action code must be refused, or the schema checks nothing.
        action = doc.find(".//{*}ReportActionCategoryCode")
        if action is None:
            raise CheckFailed(f"{path}: the sample has no ReportActionCategoryCode")
        action.text = "Q"
        if schema.validate(doc):
            raise CheckFailed("the schema accepted a document with the action code 'Q'")
        return f"{path.name} is valid; a copy with a bad action code is refused"

    def check_icons(self) -> str:
        from lxml import etree

        folder = self.need(self.res("icons"), "the icons folder")
        self.need(self.res(*APP_ICON), "the application icon")
        icons = sorted(folder.glob("*.svg"))
        for path in icons:
            try:
                root = etree.parse(str(path)).getroot()
            except etree.XMLSyntaxError as exc:
                raise CheckFailed(f"{path}: not a readable SVG ({exc})") from exc
            if etree.QName(root).localname != "svg":
                raise CheckFailed(f"{path}: not an SVG image (root element <{etree.QName(root).localname}>)")
        from PySide6.QtSvg import QSvgRenderer

        renderer = QSvgRenderer(str(self.res(*APP_ICON)))
        if not renderer.isValid():
            raise CheckFailed(f"{self.res(*APP_ICON)}: Qt cannot draw the application icon")
        return f"{len(icons)} SVG icon{'s' if len(icons) != 1 else ''}; Qt draws the application icon"

    HELP_PAGES = ("first-start", "enter-an-incident", "group-b", "review", "monthly-export", "feedback", "transfer",
                  "backup-restore")

    def check_help(self) -> str:
        """The how-to pages (local HTML: every page the index links to, no link off the computer) and the FBI
        definitions F1 shows."""
        import re

        import yaml

        folder = self.need(self.res("help"), "the help folder")
        index = self.need(folder / "index.html", "the help index").read_text(encoding="utf-8")
        linked = re.findall(r'href="([^"]+)"', index)
        for name in self.HELP_PAGES:
            if f"{name}.html" not in linked:
                raise CheckFailed(f"{folder / 'index.html'}: does not list the how-to page {name}.html")
        pages = [folder / "index.html"]
        for link in linked:
            page = self.need(folder / link, f"the help page {link} (listed in index.html)")
            pages.append(page)
        for page in pages:
            text = page.read_text(encoding="utf-8")
            if not re.search(r"<title>\s*\S", text):
                raise CheckFailed(f"{page}: a help page without a title")
            remote = re.findall(r'(?:href|src)="(https?:[^"]+)"', text)
            if remote:
                raise CheckFailed(f"{page}: links off the computer ({remote[0]}); help works offline")
        path = self.need(folder / "definitions.yaml", "the FBI definitions of the data elements")
        try:
            definitions = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise CheckFailed(f"{path}: cannot be read ({exc})") from exc
        empty = [k for k, v in definitions.items() if not (v or {}).get("definition")]
        if len(definitions) < 50 or empty:
            raise CheckFailed(f"{path}: {len(definitions)} definitions" + (f", {empty[0]} is empty" if empty else ""))
        return f"{len(pages)} how-to pages; the FBI definitions of {len(definitions)} data elements"

    def check_translations(self) -> str:
        from PySide6.QtCore import QTranslator

        folder = self.need(self.res("translations"), "the translations folder")
        files = sorted(folder.glob("*.qm"))
        for path in files:
            if not QTranslator().load(str(path)):
                raise CheckFailed(f"{path}: Qt cannot load this translation")
        if not files:
            return "no translations in this version (English only)"
        return f"{len(files)} translations: {', '.join(p.stem for p in files)}"

    def check_qt(self) -> str:
        from PySide6 import QtCore, QtGui, QtWidgets  # noqa: F401  (all three must load)
        from PySide6.QtCore import QCoreApplication

        found: set[str] = set()
        folders = []
        for folder in QCoreApplication.libraryPaths():  # where Qt itself looks for plugins
            platforms = Path(folder) / "platforms"
            folders.append(str(platforms))
            for plugin in platforms.glob("*"):
                if plugin.suffix in (".so", ".dll", ".dylib"):
                    found.add(plugin.stem.removeprefix("lib").removeprefix("q"))
        wanted = {"win32": {"windows", "offscreen"}, "darwin": {"cocoa", "offscreen"}}.get(
            sys.platform, {"xcb", "offscreen"})
        missing = wanted - set(found)
        if missing:
            raise CheckFailed(f"Qt platform plugins missing: {', '.join(sorted(missing))} "
                              f"(looked in {', '.join(folders) or 'no plugin folder'})")
        return f"Qt {QtCore.qVersion()}, platform plugins: {', '.join(sorted(found))}"

    def check_binding(self) -> str:
        from desktop import qtbinding

        if qtbinding.none_is_immortal():
            return f"Python {sys.version_info.major}.{sys.version_info.minor}: None is immortal, nothing to check"
        problem = qtbinding.binding_problem()
        if problem:
            raise CheckFailed(problem)
        from PySide6 import __version__ as version

        return f"PySide6 {version}: {qtbinding.CALLS:,} Qt calls keep every reference to None"

    def check_rules(self) -> str:
        import desktop.nibrs.rules as pkg
        from desktop.nibrs.rules import REGISTRY

        modules = self._discovered(pkg, skip=("engine",))
        self._compare_with_build("rules", modules)
        REGISTRY.load()
        if not REGISTRY.rules:
            raise CheckFailed("no FBI edits were found (desktop.nibrs.rules is empty)")
        return f"{len(REGISTRY.rules)} FBI edits from {len(modules)} modules ({', '.join(modules)})"

    def check_commands(self) -> str:
        import desktop.commands as pkg
        from desktop.cli import command_modules

        modules = self._discovered(pkg)
        self._compare_with_build("commands", modules)
        names = sorted(m.NAME for m in command_modules())
        if NAME not in names:
            raise CheckFailed(f"the {NAME} command does not find itself among {names}")
        return f"{len(names)} subcommands: {', '.join(names)}"

    @staticmethod
    def _discovered(pkg, skip: tuple[str, ...] = ()) -> list[str]:
        import pkgutil

        return sorted(i.name for i in pkgutil.iter_modules(pkg.__path__)
                      if not i.name.startswith("_") and i.name not in skip)

    def _compare_with_build(self, key: str, found: list[str]) -> None:
        """Frozen: every module the build collected must be found again (pkgutil on the bundle)."""
        if not resources.is_frozen():
            return
        built = sorted(self._build_info().get(key, []))
        missing = sorted(set(built) - set(found))
        if missing or not built:
            raise CheckFailed(f"{key}: the build collected {built}, the app finds {found}")

    def check_migrations(self) -> str:
        from alembic.script import ScriptDirectory

        from desktop.store import migrate
        from desktop.store.schema import SCHEMA_REVISION

        self.need(migrate.MIGRATIONS / "env.py", "the migrations environment")
        scripts = ScriptDirectory.from_config(migrate.alembic_config())
        revisions = [r.revision for r in scripts.walk_revisions()]
        head = scripts.get_current_head()
        if head != SCHEMA_REVISION:
            raise CheckFailed(f"{migrate.MIGRATIONS}: newest migration is {head}, the program expects "
                              f"{SCHEMA_REVISION}")
        return (f"{len(revisions)} migration{'s' if len(revisions) != 1 else ''}, head {head} = schema revision "
                f"of this program")

    def check_database(self) -> str:
        from desktop.nibrs.rules import Context, validate
        from desktop.store.db import current_revision
        from desktop.store.schema import SCHEMA_REVISION
        from desktop.store.service import AgencySettings, Store

        incident = _known_good_incident()
        with tempfile.TemporaryDirectory(prefix="nibrs-desk-selftest-") as tmp:
            folder = Path(tmp) / "data"
            store = Store.open(folder, validator=lambda r: validate(r, Context()))
            try:
                store.save_agency(AgencySettings(ori=incident.ori, name="Self-test Sheriff's Office",
                                                 nibrs_start_date=date(2020, 1, 1)))
                record_id = store.create(incident).id
            finally:
                store.close()
            store = Store.open(folder)  # opened again: the record must be read back as written
            try:
                agency = store.agency()
                stored = store.get("incident", record_id)
                if agency is None or agency.ori != incident.ori:
                    raise CheckFailed(f"{folder}: the agency settings were not read back")
                if stored.report != incident:
                    raise CheckFailed(f"{folder}: the incident read back differs from the one written")
                integrity = store.db.integrity_check()
                if integrity != "ok":
                    raise CheckFailed(f"{folder}: SQLite integrity check says {integrity}")
                revision = current_revision(store.db.engine)
                if revision != SCHEMA_REVISION:
                    raise CheckFailed(f"{folder}: schema revision {revision}, expected {SCHEMA_REVISION}")
            finally:
                store.close()
        return (f"created, wrote an incident ({stored.error_count} errors, {stored.warning_count} warnings), "
                f"read it back after reopening; schema {revision}, integrity ok")

    def check_gui(self) -> str:
        """Open the main window over a data folder, as starting the app does, and look at it."""
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtTest import QTest

        from desktop.ui.app import ensure_app, main_window

        with tempfile.TemporaryDirectory(prefix="nibrs-desk-selftest-gui-") as tmp:
            folder = self.data_dir or Path(tmp) / "data"
            app = ensure_app()
            if app.windowIcon().isNull():
                raise CheckFailed("the application has no window icon")
            window = main_window(folder)
            try:
                window.show()
                if not QTest.qWaitForWindowExposed(window, 5000):
                    raise CheckFailed(f"the main window did not appear within 5 s (platform {app.platformName()})")
                QCoreApplication.processEvents()
                image = window.grab().toImage()
                colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
                if image.isNull() or len(colours) < 3:
                    raise CheckFailed("the main window draws nothing")
                if self.screenshot:
                    self.screenshot.parent.mkdir(parents=True, exist_ok=True)
                    if not image.save(str(self.screenshot)):
                        raise CheckFailed(f"cannot save the screenshot to {self.screenshot}")
                agency = window.store.agency()
                rows = window.model.total
                title = window.windowTitle()
                size = f"{window.width()}x{window.height()}"
            finally:
                window.close()
                QCoreApplication.processEvents()
        who = f"agency {agency.ori}" if agency else "no agency yet"
        where = folder if self.data_dir else "a temporary folder"
        return (f"main window '{title}' shown ({app.platformName()}, {size}) over {where}: "
                f"{who}, {rows} reports listed")

    def check_drivers(self) -> str:
        """The database drivers load: SQLCipher (encryption at rest) and psycopg with a libpq (a shared server)."""
        try:
            import sqlcipher3
        except ImportError as exc:
            raise CheckFailed(f"the SQLCipher driver does not load: {exc}") from None
        con = sqlcipher3.connect(":memory:")
        try:
            cipher = con.execute("PRAGMA cipher_version").fetchone()
        finally:
            con.close()
        if not cipher or not cipher[0]:
            raise CheckFailed("the SQLCipher driver loads but does not encrypt (no cipher_version)")
        try:
            import psycopg
        except ImportError as exc:
            raise CheckFailed(f"the PostgreSQL driver does not load (psycopg needs libpq, Debian package "
                              f"libpq5): {exc}") from None
        version = psycopg.pq.version()
        from sqlalchemy import create_engine
        from sqlalchemy.dialects.postgresql import psycopg as _dialect  # noqa: F401  (found by the freezer)

        create_engine("postgresql+psycopg://selftest@localhost/none").dispose()  # the URL a shared server uses
        return (f"SQLCipher {cipher[0]}; psycopg {psycopg.__version__} ({psycopg.pq.__impl__} implementation) "
                f"with libpq {version // 10000}.{version % 10000}")

    def checks(self, gui: bool) -> list[tuple[str, Callable[[], str]]]:
        found = [
            ("program", self.check_program),
            ("build", self.check_build),
            ("dictionary", self.check_dictionary),
            ("code tables", self.check_code_tables),
            ("forms", self.check_forms),
            ("profiles", self.check_profiles),
            ("schema", self.check_schema),
            ("sample", self.check_sample),
            ("icons", self.check_icons),
            ("help", self.check_help),
            ("translations", self.check_translations),
            ("qt", self.check_qt),
            ("binding", self.check_binding),
            ("rules", self.check_rules),
            ("commands", self.check_commands),
            ("migrations", self.check_migrations),
            ("database", self.check_database),
            ("drivers", self.check_drivers),
        ]
        if gui:
            found.append(("gui", self.check_gui))
        return found

    def run(self, gui: bool = False, out=None) -> list[Result]:
        out = out or sys.stdout
        results = []
        for name, check in self.checks(gui):
            start = time.perf_counter()
            try:
                result = Result(name, True, check())
            except CheckFailed as exc:
                result = Result(name, False, str(exc))
            except Exception as exc:  # anything else is a failure too, with its type named
                result = Result(name, False, f"{type(exc).__name__}: {exc}")
            ms = (time.perf_counter() - start) * 1000
            results.append(result)
            out.write(f"{'ok  ' if result.ok else 'FAIL'}  {name:<13} {result.detail}  [{ms:.0f} ms]\n")
            out.flush()
        return results


def _known_good_incident():
    """A small simple assault that passes storage checks (one offense, victim and offender)."""
    from desktop.nibrs.model import GroupAIncident, Offender, Offense, Relationship, Victim

    return GroupAIncident(
        ori="MO0950000", incident_number="ST-000001", incident_date=date(2025, 3, 14), incident_hour=22,
        cleared_exceptionally="N",
        offenses=[Offense(offense_code="13B", attempted_completed="C", suspected_using=["N"],
                          bias_motivations=["88"], location_type="20", weapons=["40"])],
        victims=[Victim(sequence_number=1, offense_codes=["13B"], victim_type="I", age="34", sex="F", race="W",
                        ethnicity="N", resident_status="R", injuries=["M"],
                        relationships=[Relationship(offender_number=1, relationship="AQ")])],
        offenders=[Offender(sequence_number=1, age="36", sex="M", race="W", ethnicity="N")],
    )


def run(args) -> int:
    root = Path(args.resources).resolve() if args.resources else resources.root()
    data_dir = Path(args.data_dir).expanduser().resolve() if args.data_dir else None
    shot = Path(args.screenshot).resolve() if args.screenshot else None
    results = SelfTest(root, data_dir=data_dir, screenshot=shot).run(gui=args.gui)
    failed = [r.name for r in results if not r.ok]
    if failed:
        print(f"selftest: {len(failed)} of {len(results)} checks FAILED: {', '.join(failed)}")
        return 1
    print(f"selftest: all {len(results)} checks passed")
    return 0
