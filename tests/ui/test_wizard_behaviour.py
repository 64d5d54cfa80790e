"""What the wizard does for the deputy: pages that appear when needed, sections, prompts, the grid, printing."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QLabel

from desktop.nibrs.dictionary import parse_element
from desktop.store.service import AgencySettings, Store
from nibrs_samples import allfields_incident
from ui_helpers import child, click, field, fill, type_into


def new_incident(qtbot, window):
    click(qtbot, window.toolbar.widgetForAction(window.actions["new_incident"]))
    return window.wizards[-1]


def next_page(qtbot, wizard):
    click(qtbot, child(wizard, "wizard_next"))
    return wizard.currentPage()


def test_property_page_only_when_the_offenses_need_it(qtbot, window):
    wizard = new_incident(qtbot, window)
    page = next_page(qtbot, wizard)
    type_into(qtbot, field(child(page, "offense_1"), "de_6"), "13B")
    assert next_page(qtbot, wizard).spec.id == "victims"  # simple assault: no property
    click(qtbot, child(wizard, "wizard_back"))
    type_into(qtbot, field(child(wizard.currentPage(), "offense_1"), "de_6"), "burglary")
    assert field(child(wizard.currentPage(), "offense_1"), "de_6").text() == "220"
    assert next_page(qtbot, wizard).spec.id == "property"


def test_hotel_rule_prompt_and_burglary_fields_appear_with_a_burglary(qtbot, window):
    wizard = new_incident(qtbot, window)
    same_place = child(wizard.currentPage(), "prompt_same_time_and_place", QLabel)
    assert same_place.isVisible() and "same time and place" in same_place.text()
    page = next_page(qtbot, wizard)
    offense = child(page, "offense_1")
    assert not child(page, "prompt_hotel_rule", QLabel).isVisible()
    assert not field(offense, "de_11").isVisible() and not field(offense, "de_10").isVisible()
    type_into(qtbot, field(offense, "de_6"), "220")
    assert child(page, "prompt_hotel_rule", QLabel).isVisible()
    assert "Hotel rule" in child(page, "prompt_hotel_rule", QLabel).text()
    assert field(offense, "de_11").isVisible()  # method of entry for a burglary
    assert not field(offense, "de_10").isVisible()  # premises entered only at a hotel or storage
    type_into(qtbot, field(offense, "de_9"), "hotel")
    assert field(offense, "de_9").text() == "14" and field(offense, "de_10").isVisible()
    assert field(page, "de_2A").isVisible()  # cargo theft is asked for a burglary


def test_a_society_victim_is_added_for_a_drug_offense_with_a_note(qtbot, window):
    wizard = new_incident(qtbot, window)
    page = next_page(qtbot, wizard)
    type_into(qtbot, field(child(page, "offense_1"), "de_6"), "35A")
    assert next_page(qtbot, wizard).spec.id == "property"
    page = next_page(qtbot, wizard)
    assert page.spec.id == "victims"
    victim = child(page, "victim_1")
    assert field(victim, "de_25").text() == "S" and field(victim, "de_24").text() == "35A"
    note = child(page, "society_note", QLabel)
    assert note.isVisible() and "Society/Public" in note.text()
    assert not field(victim, "de_26").isVisible()  # no age for society


def test_sections_add_duplicate_and_remove(qtbot, window):
    wizard = new_incident(qtbot, window)
    page = next_page(qtbot, wizard)
    fill(qtbot, child(page, "offense_1"), {"de_6": "13B", "de_9": "20"})
    click(qtbot, child(child(page, "offense_1"), "duplicate_offense"))
    assert [o.location_type for o in wizard.editor.report.offenses] == ["20", "20"]
    assert field(child(page, "offense_2"), "de_9").text() == "20"
    assert wizard.focusWidget() is not None
    type_into(qtbot, field(child(page, "offense_2"), "de_6"), "13C")
    click(qtbot, child(page, "add_offense"))
    assert child(page, "offense_3") and len(wizard.editor.report.offenses) == 3
    click(qtbot, child(child(page, "offense_1"), "remove_offense"))
    assert [o.offense_code for o in wizard.editor.report.offenses] == ["13C", None]
    assert "13C" in child(page, "offense_1").title()
    victims = next_page(qtbot, wizard)
    assert victims.spec.id == "victims"
    click(qtbot, child(victims, "add_victim"))
    click(qtbot, child(child(victims, "victim_1"), "duplicate_victim"))
    assert [v.sequence_number for v in wizard.editor.report.victims] == [1, 3, 2]


def test_the_relationship_grid_writes_each_victims_relationships(qtbot, window):
    wizard = new_incident(qtbot, window)
    page = next_page(qtbot, wizard)
    type_into(qtbot, field(child(page, "offense_1"), "de_6"), "13A")
    page = next_page(qtbot, wizard)
    type_into(qtbot, field(child(page, "victim_1"), "de_25"), "I")
    page = next_page(qtbot, wizard)
    assert page.spec.id == "offenders"
    click(qtbot, child(page, "add_offender"))
    assert [o.sequence_number for o in wizard.editor.report.offenders] == [1, 2]
    grid = child(wizard.currentPage(), "relationship_grid")
    type_into(qtbot, field(child(grid, "cell_1_2"), "de_35"), "spouse")
    assert [(r.offender_number, r.relationship) for r in wizard.editor.report.victims[0].relationships] == \
        [(2, "SE")]
    type_into(qtbot, field(child(child(wizard.currentPage(), "relationship_grid"), "cell_1_1"), "de_35"), "ST")
    type_into(qtbot, field(child(child(wizard.currentPage(), "relationship_grid"), "cell_1_2"), "de_35"), "")
    assert [(r.offender_number, r.relationship) for r in wizard.editor.report.victims[0].relationships] == \
        [(1, "ST")]
    click(qtbot, child(wizard, "wizard_back"))
    rel = child(child(wizard.currentPage(), "victim_1"), "relationship_1")
    assert field(rel, "de_34").text() == "1" and field(rel, "de_35").text() == "ST"


def test_a_profiles_own_element_appears_and_is_saved_in_extras(qtbot, data_dir):
    extra = parse_element({"id": "MO_IMM", "name": "Immigration Status", "type": "code", "codes": "sex",
                           "length": 1, "label": "&Immigration status",
                           "at": [{"segment": "offender", "field": "immigration_status"}]}, profile="mo")
    from desktop.nibrs.dictionary import dictionary
    from desktop.ui.wizard.wizard import IncidentWizard

    store = Store.open(data_dir, dictionary=dictionary().extend([extra]))
    store.save_agency(AgencySettings(ori="MO0950000", name="Example County", state_profile="mo"))
    wizard = IncidentWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    fill(qtbot, wizard.currentPage(), {"de_2": "P-1"})
    for _ in range(3):
        click(qtbot, child(wizard, "wizard_next"))
    assert wizard.currentPage().spec.id == "offenders"
    widget = field(child(wizard.currentPage(), "offender_1"), "MO_IMM")
    assert widget.accessibleName().startswith("Immigration status")
    type_into(qtbot, widget, "F")
    click(qtbot, child(wizard, "wizard_finish"))
    stored = store.find("incident", "MO0950000", "P-1")
    assert stored.report.offenders[0].extras == {"immigration_status": "F"}
    store.close()


def test_print_to_pdf_reads_codes_with_their_meanings(qtbot, store, window, tmp_path, monkeypatch):
    record = store.create(allfields_incident())
    window.refresh()
    window.table.selectRow(window.model.row_of("incident", record.id))
    target = tmp_path / "incident.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "PDF")))
    assert window.pdf_selected() == str(target)
    assert target.read_bytes()[:5] == b"%PDF-" and target.stat().st_size > 5000
    html = window._html_for(window.selected())
    for code, meaning in (("240", "Motor Vehicle Theft"), ("58", "Cyberspace"), ("2530", "25 to 30 years"),
                          ("11A", "Automatic Firearm"), ("AQ", "Victim Was Acquaintance"),
                          ("02/19/2016", "Friday 19 February 2016"), ("12000", "$12,000")):
        assert f"<td class='c'>{code}</td><td>{meaning}" in html, (code, meaning)  # the code beside its meaning
    assert "9 Location Type" in html


def test_wizard_review_page_previews_and_saves_pdf(qtbot, store, window, tmp_path, monkeypatch):
    record = store.create(allfields_incident())
    window.refresh()
    wizard = window.open_record("incident", record.id)
    while wizard.currentPage().spec.id != "review":
        click(qtbot, child(wizard, "wizard_next"))
    preview = child(wizard.currentPage(), "report_preview")
    assert "240\nMotor Vehicle Theft" in preview.toPlainText()  # the code beside its meaning
    target = tmp_path / "r.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "PDF")))
    click(qtbot, child(wizard.currentPage(), "save_pdf"))
    assert target.read_bytes()[:5] == b"%PDF-"


def test_print_sends_the_report_to_the_chosen_printer(qtbot, store, window, tmp_path, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    from desktop.ui.wizard import printing

    record = store.create(allfields_incident())
    window.refresh()
    window.table.selectRow(window.model.row_of("incident", record.id))
    target = tmp_path / "printed.pdf"
    chosen = []

    def printer_as_pdf(pdf_path=None):  # the person picks "Print to file" in the dialog
        printer = make_printer(target)
        chosen.append(printer)
        return printer

    make_printer = printing.make_printer
    monkeypatch.setattr(printing, "make_printer", printer_as_pdf)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: 1)
    window.actions["print"].trigger()
    assert chosen and target.read_bytes()[:5] == b"%PDF-"
