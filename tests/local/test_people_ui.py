"""People entered before, picked again in the wizard (Ctrl+Shift+P), and the agency's own fields on paper:
names printed only for roles that may see them."""

from __future__ import annotations

from datetime import date

from generate import incident
from PySide6.QtCore import Qt
from test_defaults_and_numbers import open_wizard
from test_local_values import open_local

from desktop.nibrs.local import age_on
from ui_helpers import child, field


def test_a_person_picked_from_an_earlier_report_fills_the_nibrs_person_fields(qtbot, data_dir):
    store = open_local(data_dir)
    try:
        earlier = incident(4)
        o = earlier.offenders[0]
        o.sex, o.race, o.ethnicity = "F", "A", "H"
        o.extras.update(last_name="Throckmorton", first_name="Ignatius", middle_name="Q",
                        birth_date=date(1990, 1, 2))
        store.create(earlier)
        later = incident(0)  # offender 1: a man of 36, white, not Hispanic, no name
        assert (later.offenders[0].sex, later.offenders[0].race, later.offenders[0].age) == ("M", "W", "36")
        wizard = open_wizard(qtbot, store, later)
        wizard.go_to_page(wizard.page_ids["offenders"])
        page = wizard.currentPage()
        age = field(child(page, "offender_1"), "de_37")
        age.setFocus()
        qtbot.waitUntil(lambda: wizard.focusWidget() is age)
        qtbot.keyClick(age, Qt.Key_P, Qt.ControlModifier | Qt.ShiftModifier)
        qtbot.waitUntil(lambda: getattr(page, "person_picker", None) is not None and page.person_picker.isVisible())
        picker = page.person_picker
        qtbot.keyClicks(picker.name, "throck ign")
        qtbot.waitUntil(lambda: picker.results.count() == 1)
        assert "Throckmorton, Ignatius Q" in picker.results.item(0).text() and "01/02/1990" in \
            picker.results.item(0).text()
        qtbot.keyClick(picker.name, Qt.Key_Down)
        assert picker.results.hasFocus()
        qtbot.keyClick(picker.results, Qt.Key_Return)
        qtbot.waitUntil(lambda: not picker.isVisible())
        offender = wizard.editor.report.offenders[0]
        assert (offender.sex, offender.race, offender.ethnicity) == ("F", "A", "H")  # the NIBRS person fields
        assert offender.age == age_on(date(1990, 1, 2), later.incident_date) == "35"  # worked out on this day
        assert offender.extras["last_name"] == "Throckmorton" and offender.extras["middle_name"] == "Q"
        page = wizard.currentPage()
        shown = child(page, "offender_1")
        assert field(shown, "de_38").text().upper().startswith("F")
        assert field(shown, "de_37").text() == "35"
        assert any(w.text() == "Throckmorton" for w in shown.findChildren(type(age)) if hasattr(w, "text"))
        # undone in one step, as any change the wizard makes
        wizard.undo()
        assert wizard.editor.report.offenders[0].sex == "M" and "last_name" not in \
            wizard.editor.report.offenders[0].extras
        wizard.editor.dirty = False
    finally:
        store.close()


def test_a_date_of_birth_fills_an_empty_age(qtbot, data_dir):
    store = open_local(data_dir)
    try:
        report = incident(0)
        report.victims[0].age = None
        wizard = open_wizard(qtbot, store, report)
        wizard.go_to_page(wizard.page_ids["victims"])
        box = child(wizard.currentPage(), "victim_1")
        born = field(box, "birth_date")
        born.setFocus()
        qtbot.keyClicks(born, "03/04/1980")
        qtbot.keyClick(born, Qt.Key_Tab)
        qtbot.waitUntil(lambda: wizard.editor.report.victims[0].age is not None)
        assert wizard.editor.report.victims[0].extras["birth_date"] == date(1980, 3, 4)
        assert wizard.editor.report.victims[0].age == age_on(date(1980, 3, 4), report.incident_date) == "44"
        wizard.editor.dirty = False
    finally:
        store.close()


def test_names_are_printed_only_for_roles_that_may_see_them(data_dir):
    """The printed report (and its PDF) carries the office's own fields; a restricted one only for a role that
    may see it."""
    (data_dir / "local.yaml").write_text("""\
profile: local
name: Restricted names
version: "1"
elements:
  - {id: narrative, name: Narrative, label: "&Narrative", segment: incident, type: longtext, export: never,
     search: narrative}
  - {id: last_name, name: Family Name, label: "Family na&me", segment: [victim, offender, arrestee, group_b],
     type: text, length: 50, export: never, search: name, person: last, restricted: true}
""")
    from desktop.forms.access import form_for
    from desktop.store import users
    from desktop.store.profiles import apply_agency_profile
    from desktop.store.service import Store
    from desktop.ui.wizard import printing

    st = open_local(data_dir)
    st.add_user("admin", "admin-password-1", users.ADMINISTRATOR)
    st.login("admin", "admin-password-1")
    st.add_user("dep", "deputy-password-1", users.DEPUTY)
    r = incident(1)
    r.extras["narrative"] = "The barn door was forced."
    r.victims[0].extras["last_name"] = "Quackenbush"
    rec = st.create(r)
    st.close()

    def printed(user, password) -> str:
        s = Store.open(data_dir)
        s.login(user, password)
        apply_agency_profile(s)
        try:
            seen = s.get("incident", rec.id)
            return printing.report_html(seen.report, form_for(s, "incident"), s.dictionary,
                                        restricted_left_out=bool(seen.restricted_hidden))
        finally:
            s.close()

    admin, deputy = printed("admin", "admin-password-1"), printed("dep", "deputy-password-1")
    assert "Quackenbush" in admin and "The barn door was forced." in admin and "Family Name" in admin
    assert "Quackenbush" not in deputy and "Family Name" not in deputy
    assert "The barn door was forced." in deputy  # not restricted: printed for both
    assert "Restricted fields are left out" in deputy


def test_the_search_box_finds_a_report_by_a_name_and_says_where(qtbot, data_dir):
    from desktop.ui.office.main_window import MainWindow, RecordListModel
    from test_local_values import with_local_values

    store = open_local(data_dir)
    found = store.create(with_local_values(incident(1), 1))
    store.create(incident(2))
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    assert window.table.isColumnHidden(RecordListModel.FOUND)  # no words typed: no "Found in"
    window.filters.number.setFocus()
    qtbot.keyClicks(window.filters.number, "quack zeb")
    qtbot.waitUntil(lambda: len(window.model.rows) == 1)
    assert window.model.rows[0].id == found.id
    assert not window.table.isColumnHidden(RecordListModel.FOUND)
    assert window.model.index(0, RecordListModel.FOUND).data() == "Victim 1, name: Quackenbush, Zebulon0"
    window.filters.number.clear()
    qtbot.keyClicks(window.filters.number, "barn")  # a word of the narrative
    qtbot.waitUntil(lambda: (window.model.index(0, RecordListModel.FOUND).data() or "").startswith("Narrative"))
    assert window.model.index(0, RecordListModel.FOUND).data().startswith("Narrative: ")
    window.filters.number.clear()
    qtbot.keyClicks(window.filters.number, incident(2).incident_number)  # the number still finds its report
    qtbot.waitUntil(lambda: len(window.model.rows) == 1 and window.model.rows[0].id != found.id)
    assert window.model.index(0, RecordListModel.FOUND).data() == "number"
    window.close()
