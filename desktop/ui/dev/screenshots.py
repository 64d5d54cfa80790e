"""Screenshots of the office window and every wizard page, filled with sample data (``make screenshots``).

Runs headless (Qt offscreen, a 1920x1080 screen) on a throw-away database and writes PNG files
to docs/screenshots/. The sample is a typical rural case: a farm shed broken into, tools and a
trailer stolen, the door damaged, one arrest. The office's work (several reports approved at once,
the month's export with a report that stops it, help, the printed report's first page) follows, and
one page under a dark theme (``--dark``, run in a process of its own: the colours are worked out
when the application starts).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from desktop.resources import root

SCREEN = root() / "tests" / "ui" / "screen-1080p.json"


def sample_incident(number: str = "25-000142"):
    from desktop.nibrs.model import (
        Arrestee, GroupAIncident, Offender, Offense, Property, PropertyItem, Victim,
    )

    return GroupAIncident(
        ori="MO0950000", incident_number=number, incident_date=date(2025, 3, 14), incident_hour=22,
        cleared_exceptionally="N", cargo_theft="N",
        offenses=[
            Offense(offense_code="220", attempted_completed="C", suspected_using=["N"], bias_motivations=["88"],
                    location_type="46", method_of_entry="F"),
            Offense(offense_code="290", attempted_completed="C", suspected_using=["N"], bias_motivations=["88"],
                    location_type="46"),
        ],
        properties=[
            Property(loss_type="7", items=[PropertyItem(description="36", value=1200),
                                           PropertyItem(description="78", value=4500)]),
            Property(loss_type="4", items=[PropertyItem(description="34", value=350)]),
        ],
        victims=[Victim(sequence_number=1, offense_codes=["220", "290"], victim_type="I", age="54", sex="M",
                        race="W", ethnicity="N", resident_status="R")],
        offenders=[Offender(sequence_number=1, age="2530", sex="M", race="W", ethnicity="U")],
        arrestees=[Arrestee(sequence_number=1, arrest_transaction_number="25-000142-1",
                            arrest_date=date(2025, 3, 20), arrest_type="T", multiple_arrestee="N",
                            arrest_offense_code="220", armed_with=["01"], age="27", sex="M", race="W",
                            ethnicity="N", resident_status="R")],
    )


def assault(number: str, day: date, *, hour: int = 1, cleared: str = "N"):
    from desktop.nibrs.model import GroupAIncident, Offender, Offense, Relationship, Victim

    return GroupAIncident(
        ori="MO0950000", incident_number=number, incident_date=day, incident_hour=hour, cleared_exceptionally=cleared,
        offenses=[Offense(offense_code="13B", attempted_completed="C", suspected_using=["A"], bias_motivations=["88"],
                          location_type="20", weapons=["40"])],
        victims=[Victim(sequence_number=1, offense_codes=["13B"], victim_type="I", age="34", sex="F", race="W",
                        ethnicity="N", resident_status="R", injuries=["M"],
                        relationships=[Relationship(offender_number=1, relationship="BG")])],
        offenders=[Offender(sequence_number=1, age="36", sex="M", race="W", ethnicity="N")],
    )


def typed(app, wizard, *entries: str) -> None:
    """Keys into the field with the cursor, each entry followed by Tab, as a person types."""
    from desktop.ui.qt import QEvent, QKeyEvent, Qt

    for text in entries:
        target = wizard.focusWidget()
        target.setFocus()
        for key in text:
            for kind in (QEvent.KeyPress, QEvent.KeyRelease):
                app.sendEvent(target, QKeyEvent(kind, 0, Qt.NoModifier, key))
        for kind in (QEvent.KeyPress, QEvent.KeyRelease):
            app.sendEvent(target, QKeyEvent(kind, Qt.Key_Tab, Qt.NoModifier))
        app.processEvents()


def group_b(number: str, day: date, code: str):
    from desktop.nibrs.model import GroupBArrest

    return GroupBArrest(ori="MO0950000", arrest_transaction_number=number, sequence_number=1, arrest_date=day,
                        arrest_type="O", arrest_offense_code=code, armed_with=["01"], age="31", sex="M", race="W",
                        ethnicity="N", resident_status="R")


def fill_database(store) -> int:
    """A month of an office's reports; returns the record id of the sample incident."""
    from desktop.nibrs import rules
    from desktop.ui.wizard.editor import context_for

    ctx = context_for(store)
    statuses = ["submitted", "submitted", "approved", "ready", "draft", "rejected"]
    for i in range(1, 19):
        day = date(2025, 2, 1) + timedelta(days=i)
        report = assault(f"25-{100 + i:06d}", day, hour=i % 24, cleared="A" if i == 5 else "N")
        record = store.create(report, findings=rules.validate(report, ctx))
        store.set_status("incident", record.id, statuses[i % len(statuses)])
    for i, code in enumerate(("90D", "90C", "90J", "90D", "90G"), 1):
        record = store.create(group_b(f"25-B{i:05d}", date(2025, 3, i * 3), code))
        store.set_status("group_b", record.id, "approved" if i % 2 else "draft")
    sample = sample_incident()
    return store.create(sample, findings=rules.validate(sample, ctx), wizard_page="review").id


def office(folder: str):
    """A store of a month's reports in ``folder`` and the office window over it (shown); and the sample's id."""
    from desktop.store.service import AgencySettings
    from desktop.ui.app import open_store
    from desktop.ui.office.main_window import MainWindow

    store = open_store(folder)
    store.save_agency(AgencySettings(ori="MO0950000", name="Example County Sheriff's Office",
                                     state_profile="fbi", nibrs_start_date=date(2021, 1, 1)))
    sample_id = fill_database(store)
    window = MainWindow(store)
    window.resize(1180, 640)
    window.show()
    return store, window, sample_id


def shoot(out: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={SCREEN}")
    from desktop.ui.app import ensure_app

    app = ensure_app()  # the palette's colours first, then the windows' modules
    from desktop.ui.wizard.wizard import GroupBWizard, IncidentWizard
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(widget, name: str) -> None:
        for _ in range(5):  # let every rebuilt section lay itself out
            app.processEvents()
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    with tempfile.TemporaryDirectory() as tmp:
        store, window, sample_id = office(tmp)
        window.table.selectRow(window.model.row_of("incident", sample_id))
        save(window, "main-window")

        wizard = IncidentWizard(store, store.get("incident", sample_id), window)
        wizard.show()
        wizard.go_to_page(0)
        while True:
            page = wizard.currentPage()
            save(wizard, f"wizard-{list(wizard.page_ids).index(page.spec.id) + 1}-{page.spec.id}")
            if page.nextId() == -1:
                break
            wizard.next()
        wizard.editor.dirty = False
        wizard.close()

        wizard = IncidentWizard(store, None, window)  # a new report opens clean...
        wizard.show()
        wizard.activateWindow()
        typed(app, wizard, "03/14/2025", "01", "death")  # date, hour, cleared exceptionally: offender died
        typed(app, wizard, "03/01/2025")  # ...and an error shows once the cursor left the field it is about
        save(wizard, "wizard-error-after-leaving-a-field")
        wizard.editor.dirty = False
        wizard.close()

        mistaken = assault("25-000199", date(2025, 3, 14), cleared="A")
        mistaken.exceptional_clearance_date = date(2025, 3, 1)
        mistaken.offenses[0].location_type = None
        mistaken.victims[0].relationships[0].relationship = "VO"
        record = store.create(mistaken, wizard_page="review")  # taken to Review: every page passed
        wizard = IncidentWizard(store, store.get("incident", record.id), window)
        wizard.show()
        wizard.go_to_page(0)
        wizard.currentPage().fields["exceptional_clearance_date"].setFocus()
        save(wizard, "wizard-errors-beside-the-field")
        wizard.go_to_page(wizard.page_ids["offenders"])
        save(wizard, "wizard-error-in-a-relationship-cell")
        wizard.go_to_page(wizard.page_ids["review"])
        save(wizard, "wizard-errors-on-review")
        wizard.editor.dirty = False
        wizard.close()

        wizard = GroupBWizard(store, store.get("group_b", 1), window)
        wizard.show()
        save(wizard, "group-b-arrest")
        wizard.editor.dirty = False
        wizard.close()
        shoot_office(store, window, save, out)
        window.close()  # closes the store too
        shoot_security(Path(tmp), save)
    return written


def shoot_office(store, window, save, out: Path) -> None:
    """The office's work: several reports approved at once, the month's export stopped by a report with an
    error, F1 on a field, the how-to pages, the first start's agency set-up, the printed report."""
    from desktop.ui import help as help_ui
    from desktop.ui.admin.agency_dialog import AgencyDialog
    from desktop.ui.office import bulk
    from desktop.ui.office.export_dialog import ExportDialog
    from desktop.ui.qt import QApplication, QItemSelectionModel
    from desktop.ui.wizard import printing

    window.refresh()
    ready = [r for r in store.search(limit=None) if r.status == "ready"]
    others = [r for r in store.search(limit=None) if r.status in ("draft", "submitted")][:3]
    dialog = bulk.approve_many(window, ready + others)  # those that cannot be approved are listed, and why
    save(dialog, "office-approve-many")
    dialog.close()
    window.filters.whose.setCurrentIndex(0)
    window.apply_filter()
    window.select_row(0)
    sel = window.table.selectionModel()
    for row in (1, 2):
        sel.select(window.model.index(row, 0), QItemSelectionModel.Select | QItemSelectionModel.Rows)
    save(window, "office-several-selected")

    late = assault("25-000131", date(2025, 2, 27))
    late.victims[0].sex = None  # approved before anyone checked it (an import, say): the export finds the error
    store.create(late, status="approved", findings=[])
    export = ExportDialog(store, window, today=date(2025, 4, 10))
    export.month.setText("2025-02")
    export.show()
    while export.plan is None or export.busy or export._timer.isActive():  # the check, in its worker
        QApplication.processEvents()
        time.sleep(0.01)
    save(export, "export-with-a-blocked-report")
    export.close()

    record = next(r for r in store.search(limit=None) if r.kind == "incident")
    wizard = window.open_record("incident", record.id)
    wizard.go_to_page(wizard.page_ids["victims"])
    element_help = help_ui.ElementHelp(store.dictionary.element("26"), store.dictionary, wizard)
    element_help.show()
    save(element_help, "help-f1-on-a-field")
    element_help.close()
    wizard.editor.dirty = False
    wizard.close()
    how_to = help_ui.show_help(window, search="passphrase")
    save(how_to, "help-how-to")
    how_to.close()

    agency = AgencyDialog(store, window, first_start=True)
    agency.show()
    save(agency, "start-4-agency")
    agency.close()

    sample = store.find("incident", "MO0950000", "25-000142")
    pdf = Path(tempfile.mkdtemp()) / "report.pdf"
    window.select_row(window.model.row_of("incident", sample.id))
    printing.save_pdf([window._html_for(window.selected())], pdf, printed_by="Sam Sergeant (sam), Supervisor")
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(out / "printed-report-page-1")], check=True)
    else:
        print("pdftoppm (poppler-utils) is not installed: printed-report-page-1.png was not made", file=sys.stderr)


def shoot_dark(out: Path) -> list[Path]:
    """The office window and a report's Review page under a dark theme (a process of its own)."""
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={SCREEN}")
    from desktop.ui.qt import QApplication

    app = QApplication([sys.argv[0]])
    app.setStyle("Fusion")
    from desktop.ui import qt

    app.setPalette(qt.dark_palette())
    from desktop.ui.app import ensure_app

    ensure_app()  # the colours from the dark palette, before the windows' modules load (as at a real start)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        _store, window, _sample = office(tmp)
        window.filters.offense.setText("assault")
        window.apply_filter()
        window.select_row(0)
        for _ in range(5):
            app.processEvents()
        path = out / "dark-main-window.png"
        window.grab().save(str(path))
        written.append(path)
        window.close()
    return written


PASSWORD = "screenshot-pass-1"


def shoot_security(tmp: Path, save) -> None:
    """Start-up, sign-in, lock screen, review, restricted fields and the Tools windows."""
    from desktop.store.service import AgencySettings
    from desktop.store import pairing
    from desktop.store.transfer import import_transfer, write_transfer
    from desktop.ui.admin import tools
    from desktop.ui.app import open_store
    from desktop.ui.session.login import FirstAdminDialog, LoginDialog
    from desktop.ui.office.main_window import MainWindow
    from desktop.ui.session.passphrase import NEW, PassphraseDialog
    from desktop.ui.wizard.review import ReturnDialog
    from desktop.ui.wizard.wizard import IncidentWizard

    office_dir, laptop_dir = tmp / "office", tmp / "laptop"
    store = open_store(office_dir, passphrase="screenshot passphrase")
    store.save_agency(AgencySettings(ori="MO0950000", name="Example County Sheriff's Office",
                                     state_profile="fbi", nibrs_start_date=date(2021, 1, 1)))
    fill_database(store)
    window = MainWindow(store)
    window.resize(1180, 640)
    window.show()

    dialog = PassphraseDialog(window, NEW, lambda passphrase, keep: None)
    dialog.show()
    save(dialog, "start-1-passphrase")
    dialog.close()
    dialog = FirstAdminDialog(store, window)
    dialog.show()
    save(dialog, "start-2-administrator")
    dialog.close()

    store.add_user("ada", PASSWORD, "administrator", "Ada Admin")  # the first account signs in
    store.add_user("sam", PASSWORD, "supervisor", "Sam Sergeant")
    store.add_user("dee", PASSWORD, "deputy", "Dee Deputy")
    laptop = open_store(laptop_dir)  # the deputy's laptop, paired with the office as Dee's
    pairing.pair(store, pairing.pairing_code(laptop), "dee", "Car 12")
    laptop.close()
    store.logout()
    dialog = LoginDialog(store, window)
    dialog.show()
    for key in "sam":
        dialog.username.insert(key)
    dialog.password.insert("wrong-password")
    dialog.accept()  # refused: the dialog says so in words
    save(dialog, "start-3-sign-in")
    dialog.close()
    store.login("sam", PASSWORD)
    window.session._database_attached_again()
    window.refresh()

    ready = next(r for r in store.search() if r.status == "ready")
    window.table.selectRow(window.model.row_of(ready.kind, ready.id))
    save(window, "main-window-supervisor")
    wizard = IncidentWizard(store, store.get(ready.kind, ready.id), window)
    wizard.show()
    wizard.go_to_page(wizard.page_ids["review"])
    save(wizard, "review-approve-or-return")
    dialog = ReturnDialog(wizard, ready.number, lambda comment: None)
    dialog.show()
    dialog.comment.setPlainText("The victim's age does not match the statement; please check it.")
    save(dialog, "review-return-with-comment")
    dialog.close()
    wizard.editor.dirty = False
    wizard.close()

    window.session.lock()
    save(window, "lock-screen")
    window.session.unlock(PASSWORD)

    # a laptop's report changed on both computers: a conflict
    laptop = open_store(laptop_dir)
    laptop.save_agency(AgencySettings(ori="MO0950000", name="Example County Sheriff's Office"))
    laptop.create(assault("25-000301", date(2025, 3, 2)))
    write_transfer(laptop, tmp / "first.ndt", "laptop to office")
    import_transfer(store, tmp / "first.ndt", "laptop to office")
    mine = store.find("incident", "MO0950000", "25-000301")
    mine.report.victims[0].age = "41"
    mine.report.offenses[0].location_type = "13"
    store.update("incident", mine.id, mine.report)
    theirs = laptop.find("incident", "MO0950000", "25-000301")
    theirs.report.victims[0].age = "42"
    theirs.report.victims[0].injuries = ["B", "M"]
    laptop.update("incident", theirs.id, theirs.report)
    write_transfer(laptop, tmp / "second.ndt", "laptop to office")
    laptop.close()

    store.logout()
    store.login("ada", PASSWORD)
    window.session._database_attached_again()
    session = window.session
    for key, factory, name, prepare in (
            ("users", tools.users, "tools-users", None),
            ("audit", tools.audit, "tools-audit-trail", lambda d: d.verify()),
            ("backups", tools.backups, "tools-backups", lambda d: _finished(d.backup_now())),
            ("security", tools.security, "tools-security-settings", None),
            ("transfer_out", tools.transfer_out, "transfer-write", None),
            ("transfer_in", tools.transfer_in, "transfer-read", _read_second(tmp / "second.ndt")),
            ("conflicts", tools.conflicts, "transfer-conflicts", None),
            ("pairing", tools.pairing, "transfer-pairing", None)):
        dialog = session.open_tool(key, factory)
        if prepare is not None:
            prepare(dialog)
        save(dialog, name)
        dialog.close()
    window.close()
    shoot_restricted(tmp / "missouri", save)


def _finished(task) -> None:
    """Work the dialog started in its worker, over (its outcome shown)."""
    from desktop.ui.qt import QApplication

    if task is not None:
        task.wait()
        for _ in range(5):
            QApplication.processEvents()


def _read_second(path: Path):
    def prepare(dialog) -> None:
        dialog.path.setText(str(path))
        dialog.passphrase.setText("laptop to office")
        dialog.accept()
        _finished(dialog.task)

    return prepare


def shoot_restricted(folder: Path, save) -> None:
    """A deputy's view of a Missouri report: the restricted immigration status is not shown, and said so."""
    from desktop.store.profiles import apply_agency_profile
    from desktop.store.service import AgencySettings, Store
    from desktop.ui.app import open_store
    from desktop.ui.office.main_window import MainWindow
    from desktop.ui.wizard.wizard import IncidentWizard

    admin = open_store(folder)
    admin.save_agency(AgencySettings(ori="MO0950000", name="Example County Sheriff's Office",
                                     state_profile="missouri", nibrs_start_date=date(2021, 1, 1)))
    apply_agency_profile(admin)
    admin.add_user("ada", PASSWORD, "administrator", "Ada Admin")
    admin.add_user("dee", PASSWORD, "deputy", "Dee Deputy")
    deputy = Store(admin.db, validator=admin.validator, dictionary=admin.dictionary, profile=admin.profile,
                   profile_version=admin.profile_version)
    deputy.login("dee", PASSWORD)
    record_id = deputy.create(sample_incident("25-000160")).id  # the deputy's report...
    filled = admin.get("incident", record_id).report  # ...the immigration status filled in at review
    filled.offenders[0].extras["mo_immigration_status"] = "C"
    filled.arrestees[0].extras["mo_immigration_status"] = "C"
    admin.update("incident", record_id, filled)
    window = MainWindow(deputy)
    wizard = IncidentWizard(deputy, deputy.get("incident", record_id), window)
    wizard.show()
    wizard.go_to_page(wizard.page_ids["offenders"])
    save(wizard, "restricted-field-hidden-from-a-deputy")
    wizard.editor.dirty = False
    wizard.close()

    waiting = sample_incident("25-000161")  # the deputy's next report, its immigration status not filled in
    waiting_id = deputy.create(waiting).id
    wizard = IncidentWizard(deputy, deputy.get("incident", waiting_id), window)
    wizard.show()
    wizard.go_to_page(wizard.page_ids["review"])
    wizard.currentPage().mark_ready()
    save(wizard, "restricted-waiting-for-a-supervisor")
    wizard.editor.dirty = False
    wizard.close()

    admin.set_status("incident", record_id, "ready")  # the first report, reviewed and approved...
    admin.set_status("incident", record_id, "approved")
    wizard = IncidentWizard(deputy, deputy.get("incident", record_id), window)  # ...opened again by the deputy
    wizard.show()
    wizard.go_to_page(wizard.page_ids["victims"])
    save(wizard, "read-only-approved-report")
    wizard.editor.dirty = False
    wizard.close()
    window.resize(1180, 420)
    window.show()
    window.refresh()
    window.table.selectRow(window.model.row_of("incident", waiting_id))
    save(window, "main-window-waiting-for-a-supervisor")
    window.close()


def quality_months(store) -> None:
    """Six months sent, each with the state's feedback (the FBI edits over the file, as an EDS), for the Data
    quality window: error rates falling under 4%, offenses, clearances and arrests varying by month."""
    from desktop.nibrs import eds
    from desktop.nibrs.filecheck import FileChecker, inputs
    from desktop.submission.export import plan_export, run_export
    from desktop.submission.feedback import load_feedback
    from desktop.submission.months import Month

    out = Path(tempfile.mkdtemp())
    plan = [(2024, 10, 22, 3, 2), (2024, 11, 26, 2, 3), (2024, 12, 19, 1, 4), (2025, 1, 28, 1, 2),
            (2025, 2, 31, 0, 5), (2025, 3, 24, 1, 3)]  # year, month, incidents, with an error, Group B arrests
    for year, month, count, bad, arrests in plan:
        for i in range(count):
            report = assault(f"{year % 100:02d}-{month:02d}{i:04d}", date(year, month, 1 + i % 27),
                             cleared="A" if i % 3 == 0 else "N")
            if report.cleared_exceptionally == "A":  # cleared: the offender died
                report.exceptional_clearance_date = report.incident_date
            if i < bad and (i + month // 2) % 2 == 0:
                report.victims[0].age = None  # the victim's age left out
            elif i < bad:
                report.offenses[0].location_type = None  # the location left out
            store.create(report, status="approved", findings=[])
        for i in range(arrests):
            store.create(group_b(f"{year % 100:02d}-B{month:02d}{i:03d}", date(year, month, 2 + i), "90D"),
                         status="approved", findings=[])
        today = Month(year, month).next()
        day = date(today.year, today.month, 3)
        result = run_export(store, plan_export(store, Month(year, month), today=day, allow_errors=True), out,
                            now=datetime(day.year, day.month, day.day, 9))
        findings = [f for item in inputs([result.path]) for r in FileChecker(today=day).check(item)
                    for f in r.findings]
        fed = out / f"{result.path.stem}.eds"
        eds.write_eds(findings, fed, year=year, month=month, processed_on=day)
        load_feedback(store, fed, export_id=result.export_id)


def shoot_quality(out: Path) -> list[Path]:
    """The Data quality window: its three tabs (a bar chart with the 4% bar, the common errors, and the trends:
    bars, a line and stacked bars, each beside its table)."""
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={SCREEN}")
    from desktop.ui.app import ensure_app

    app = ensure_app()
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        store, window, _sample = office(tmp)
        quality_months(store)
        dialog = window.open_quality()
        dialog.resize(1280, 860)
        dialog.months.setValue(6)
        dialog.refresh()
        for index, name in ((0, "data-quality-error-rates"), (1, "data-quality-common-errors"),
                            (2, "data-quality-trends")):
            dialog.tabs.setCurrentIndex(index)
            for _ in range(5):
                app.processEvents()
            path = out / f"{name}.png"
            dialog.grab().save(str(path))
            written.append(path)
        dialog.close()
        window.close()
    return written


def main(argv: list[str] | None = None) -> int:
    args = list(argv if argv is not None else sys.argv[1:])
    dark = "--dark" in args
    only_quality = "--quality" in args  # the Data quality window alone
    args = [a for a in args if a not in ("--dark", "--quality")]
    out = Path(args[0]) if args else root() / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    if only_quality:
        for path in shoot_quality(out):
            print(path)
        return 0
    if dark:
        for path in shoot_dark(out):
            print(path)
        return 0
    for path in shoot(out):
        print(path)
    subprocess.run([sys.executable, "-m", "desktop.ui.dev.screenshots", "--dark", str(out)], check=True)
    subprocess.run([sys.executable, "-m", "desktop.ui.dev.screenshots", "--quality", str(out)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

