"""The wizard's pages come from its YAML (and a state profile's pages), through the registry of page classes."""

from __future__ import annotations

import shutil

import pytest

from desktop import forms
from desktop.resources import forms_path
from desktop.store.service import AgencySettings
from ui_helpers import child, click, field


def page_names(wizard) -> list[str]:
    return [wizard.page(i).objectName() for i in sorted(wizard.pageIds())]


def copied_forms(tmp_path, monkeypatch, edit) -> object:
    """forms/ copied to a folder the wizard reads instead; ``edit(text)`` changes incident.yaml there."""
    folder = tmp_path / "forms"
    shutil.copytree(forms_path(), folder)
    path = folder / "incident.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setattr("desktop.forms.spec.forms_path", lambda *parts: folder.joinpath(*parts))
    return path


CLEARANCE_PAGE = """
- id: clearance
  title: Clearance
  subtitle: How the incident was cleared.
  segment: incident
  fields:
  - {element: "4", label: "Cleared e&xceptionally"}
  - {element: "5", label: "&Clearance date"}

"""


def test_the_shipped_forms_give_the_pages_they_list_in_their_order(qtbot, store):
    from desktop.ui.wizard.pages import FormPage, ReviewPage, SectionPage
    from desktop.ui.wizard.wizard import GroupBWizard, IncidentWizard

    wizard = IncidentWizard(store)
    qtbot.addWidget(wizard)
    assert page_names(wizard) == ["page_administrative", "page_offenses", "page_property", "page_victims",
                                  "page_offenders", "page_arrestees", "page_review"]
    kinds = [type(wizard.page(i)).__name__ for i in sorted(wizard.pageIds())]
    assert kinds == ["FormPage", "SectionPage", "SectionPage", "VictimsPage", "OffendersPage", "SectionPage",
                     "ReviewPage"]
    group_b = GroupBWizard(store)
    qtbot.addWidget(group_b)
    assert page_names(group_b) == ["page_arrest", "page_review"]
    assert type(group_b.page(0)) is FormPage and isinstance(group_b.page(1), ReviewPage)
    assert issubclass(type(wizard.page(1)), SectionPage)
    for w in (wizard, group_b):
        w.editor.dirty = False


def test_a_page_added_to_the_yaml_appears_in_the_wizard_in_yaml_order(qtbot, store, tmp_path, monkeypatch):
    def edit(text: str) -> str:
        text = text.replace('''  - {element: "4", label: "Cleared e&xceptionally", default: "N"}
  - {element: "5", label: "&Clearance date", when: {field: "4", not_in: ["N"]}}
''', "")  # the clearance fields move to a page of their own, after the offenses...
        text = text.replace("\n- id: property\n", "\n" + CLEARANCE_PAGE.strip("\n") + "\n\n- id: property\n")
        arrestees = text[text.index("- id: arrestees\n"):text.index("- id: review\n")]
        text = text.replace(arrestees, "")  # ...and the arrestees come before the victims
        return text.replace("- id: victims\n", arrestees + "- id: victims\n")

    copied_forms(tmp_path, monkeypatch, edit)
    from desktop.ui.wizard.wizard import IncidentWizard

    wizard = IncidentWizard(store)
    qtbot.addWidget(wizard)
    wizard.show()
    assert page_names(wizard) == ["page_administrative", "page_offenses", "page_clearance", "page_property",
                                  "page_arrestees", "page_victims", "page_offenders", "page_review"]
    assert wizard.currentPage().findChild(type(field(wizard.currentPage(), "de_2")), "de_4") is None
    click(qtbot, child(wizard, "wizard_next"))
    assert wizard.currentPage().objectName() == "page_offenses"
    click(qtbot, child(wizard, "wizard_next"))
    page = wizard.currentPage()
    assert page.objectName() == "page_clearance" and type(page).__name__ == "FormPage"  # no class of its own
    assert page.title() == "Clearance" and field(page, "de_4").isVisible() and field(page, "de_5").isVisible()
    click(qtbot, child(wizard, "wizard_next"))  # no offense needs property: on to the arrestees
    assert wizard.currentPage().objectName() == "page_arrestees"
    wizard.editor.dirty = False


def test_an_unknown_page_kind_names_the_file_and_the_line(qtbot, store, tmp_path, monkeypatch, window):
    path = copied_forms(tmp_path, monkeypatch, lambda text: text.replace(
        "- id: arrestees\n", "- id: arrestees\n  kind: calender\n"))
    line = path.read_text(encoding="utf-8").splitlines().index("- id: arrestees") + 1
    from desktop.ui.wizard.wizard import IncidentWizard

    with pytest.raises(forms.FormError) as raised:
        IncidentWizard(store)
    assert str(raised.value).startswith(f"{path}:{line}: page arrestees: unknown page kind 'calender'")
    assert "review" in str(raised.value) and "section" in str(raised.value)  # the kinds there are

    said = []
    monkeypatch.setattr("desktop.ui.qt.QMessageBox.warning", staticmethod(lambda *a: said.append(a[2])))
    assert window.new_incident() is None and not window.wizards  # the office window says so and goes on
    assert f"{path}:{line}" in said[0] and "calender" in said[0]


TEST_PROFILE = """profile: teststate
name: Test State
version: "1.0"
state: TS
elements:
  - id: ts_case_officer
    name: Case Officer
    label: "Case o&fficer"
    segment: incident
    type: text
    length: 20
  - id: ts_badge
    name: Badge Number
    label: "&Badge"
    segment: incident
    type: integer
pages:
  - id: ts_officer
    wizard: incident
    after: administrative
    title: Case officer
    subtitle: Who handles the case (Test State requires it).
    segment: incident
    fields:
      - {element: ts_case_officer}
"""


def test_a_state_profile_adds_a_page(qtbot, store, window):
    (store.db.data_dir / "profiles").mkdir()
    (store.db.data_dir / "profiles" / "teststate.yaml").write_text(TEST_PROFILE, encoding="utf-8")
    store.save_agency(AgencySettings("WVNDX0100", "Test County Sheriff's Office", state_profile="teststate"))
    window._profile_changed()
    wizard = window.new_incident()
    assert page_names(wizard) == ["page_administrative", "page_ts_officer", "page_offenses", "page_property",
                                  "page_victims", "page_offenders", "page_arrestees", "page_review"]
    first = wizard.currentPage()
    assert first.findChild(type(field(first, "de_2")), "ts_case_officer") is None  # it has its own page...
    assert field(first, "ts_badge") is not None  # ...the profile element no page lists joins its segment's page
    click(qtbot, child(wizard, "wizard_next"))
    page = wizard.currentPage()
    assert page.objectName() == "page_ts_officer" and page.title() == "Case officer"
    assert child(page, "ts_case_officer_label").text() == "Case o&fficer:"
    wizard.editor.dirty = False
    wizard.close()


def test_a_profile_page_in_the_wrong_place_names_the_profile_and_the_line(tmp_path):
    from desktop.nibrs.profiles import parse_profile

    path = tmp_path / "teststate.yaml"
    line = TEST_PROFILE.splitlines().index("  - id: ts_officer") + 1
    path.write_text(TEST_PROFILE.replace("after: administrative", "after: witnesses"), encoding="utf-8")
    profile = parse_profile(path)
    with pytest.raises(forms.FormError, match=rf"{path}:{line}: page ts_officer: the incident wizard has no page "
                                              r"'witnesses' \(administrative, offenses,"):
        forms.load_form("incident", profile.dictionary, profile=profile)
    path.write_text(TEST_PROFILE.replace("    segment: incident\n    fields:", "    segmnt: incident\n    fields:"),
                    encoding="utf-8")
    with pytest.raises(forms.FormError, match=rf"{path}:{line}: page ts_officer: unknown key 'segmnt'"):
        forms.load_form("incident", parse_profile(path).dictionary, profile=parse_profile(path))
    group_b = forms.load_form("group_b", profile.dictionary, profile=profile)  # a page for the incident wizard
    assert [p.id for p in group_b.pages] == ["arrest", "review"]


def test_a_profiles_pages_must_be_a_list_of_pages_with_ids(tmp_path):
    from desktop.nibrs.profiles import ProfileError, parse_profile

    path = tmp_path / "teststate.yaml"
    path.write_text(TEST_PROFILE.replace("  - id: ts_officer\n", "  - title: no id\n"), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"teststate.yaml:18: a page needs 'id'"):
        parse_profile(path)
    path.write_text(TEST_PROFILE.split("pages:")[0] + "pages: {id: ts_officer}\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"teststate.yaml:17: pages is a list of wizard pages"):
        parse_profile(path)
    path.write_text(TEST_PROFILE, encoding="utf-8")
    assert [p["id"] for p in parse_profile(path).pages] == ["ts_officer"]
