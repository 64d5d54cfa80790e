"""The printed incident report an office files: rendered to PDF with Qt's printing, turned into page images with
pdftoppm, and read back with pdftotext (poppler-utils)."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from datetime import datetime

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog

from nibrs_samples import allfields_incident, homicide_incident, simple_incident

POPPLER = "pdftoppm and pdftotext (Debian: apt-get install poppler-utils) are needed to read the printed pages"
needs_poppler = pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("pdftotext")), reason=POPPLER)


def page_images(pdf, tmp_path) -> list:
    """Each page of the PDF as an image (pdftoppm, 60 dpi)."""
    out = tmp_path / "page"
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out)], check=True, capture_output=True)
    return [QImage(str(p)) for p in sorted(tmp_path.glob("page-*.png"))]


def page_texts(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    text = unicodedata.normalize("NFKC", text)  # the fonts' ligatures ("ﬁ") as letters
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def inked(image) -> float:
    """The share of a page's pixels that are not white (a blank page has none)."""
    small = image.scaled(120, 160)
    dark = sum(1 for y in range(small.height()) for x in range(small.width()) if small.pixelColor(x, y).value() < 200)
    return dark / (small.width() * small.height())


def coded_values(report, form, d) -> list[tuple[str, str]]:
    """(code, meaning) of every coded value entered in the report, as the dictionary words it."""
    from desktop import forms
    from desktop.forms import binding

    out = []
    for page in form.pages:
        holders = binding.segment_at(report, page.list_field) if page.list_field else [report]
        for seg in holders:
            groups = [(page.fields, [seg])] + [(r.fields, getattr(seg, r.group.field)) for r in page.rows]
            for specs, segments in groups:
                for s in segments:
                    for spec in specs:
                        value = forms.read_value(s, spec.name)
                        if spec.element.type != "code" or value in (None, "", []):
                            continue
                        codes = d.code_lists[spec.element.codes]
                        out += [(v, codes.get(v).text) for v in (value if isinstance(value, list) else [value])]
    return out


@needs_poppler
def test_a_homicide_prints_on_one_page_with_every_code_beside_its_meaning(qtbot, store, window, tmp_path,
                                                                          monkeypatch):
    from desktop.forms.access import form_for

    record = store.create(homicide_incident(), status="ready")
    store.set_status("incident", record.id, "approved")
    window.refresh()
    window.select_row(window.model.row_of("incident", record.id))
    target = tmp_path / "homicide.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "PDF")))
    assert window.pdf_selected() == str(target)
    images = page_images(target, tmp_path)
    texts = page_texts(target)
    assert len(images) == len(texts) == 1  # one page per incident where it fits
    assert images[0].width() < images[0].height() and inked(images[0]) > 0.01
    page = texts[0]
    assert "Page 1 of 1" in page
    assert "Group A incident 25-000105" in page and "Test County Sheriff" in page and "WVNDX0100" in page
    assert re.search(r"Status +Approved\n", page)
    assert re.search(r"Approved by +\S+ on \d\d/\d\d/\d{4} \d\d:\d\d", page)
    assert re.search(r"Printed \d\d/\d\d/\d{4} \d\d:\d\d", page)
    assert "Nothing entered" not in page
    report = homicide_incident()
    found = coded_values(report, form_for(store, "incident"), store.dictionary)
    assert len(found) >= 15
    lines = [re.sub(r"\s+", " ", line) for line in page.splitlines()]
    for code, meaning in found:  # the code and its meaning side by side, on one line
        assert any(re.search(rf"(^| ){re.escape(code)} {re.escape(meaning[:30])}", line) for line in lines), \
            (code, meaning)


@needs_poppler
def test_a_long_report_says_page_2_of_3_and_a_selection_starts_each_report_on_a_new_page(qtbot, store, window,
                                                                                           tmp_path, monkeypatch):
    big = allfields_incident()
    for n in range(2, 16):  # fifteen victims do not fit on one page
        extra = simple_incident().victims[0]
        extra.sequence_number = n
        extra.relationships = []
        big.victims.append(extra)
    first = store.create(big).id
    second = store.create(simple_incident("25-000777")).id
    window.refresh()
    window.select_row(window.model.row_of("incident", first))
    window.table.selectionModel().select(window.model.index(window.model.row_of("incident", second), 0),
                                         QItemSelectionModel.Select | QItemSelectionModel.Rows)
    assert {s.id for s in window.selected_all()} == {first, second}
    target = tmp_path / "two.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "PDF")))
    window.pdf_selected()
    texts = page_texts(target)
    images = page_images(target, tmp_path)
    assert len(images) == len(texts) >= 3
    assert all(inked(image) > 0.005 for image in images)
    numbers = [re.search(r"Page (\d+) of (\d+)", t).groups() for t in texts]
    big_pages = len(texts) - 1
    assert numbers == [(str(n), str(big_pages)) for n in range(1, big_pages + 1)] + [("1", "1")] or \
        numbers == [("1", "1")] + [(str(n), str(big_pages)) for n in range(1, big_pages + 1)]
    small_page = next(t for t in texts if "Page 1 of 1" in t)
    assert "25-000777" in small_page and "54236732" not in small_page  # each report on pages of its own
    assert all("54236732" in t for t in texts if t is not small_page)  # the header names the report on every page


@needs_poppler
def test_restricted_fields_print_only_for_roles_that_may_see_them(qtbot, data_dir, tmp_path, monkeypatch):
    from desktop.app import main_window
    from desktop.store.profiles import apply_agency_profile
    from desktop.store.service import AgencySettings, Store

    st = Store.open(data_dir)
    st.save_agency(AgencySettings(ori="MO0950000", name="Test County Sheriff's Office", state_profile="missouri"))
    apply_agency_profile(st)
    st.add_user("admin", "admin-pass-1", "administrator")
    st.add_user("dep", "deputy-pass-1", "deputy")
    st.add_user("sarge", "sarge-pass-1", "supervisor")
    st.login("sarge", "sarge-pass-1")
    report = simple_incident("25-000300")
    report.ori = "MO0950000"
    report.offenders[0].extras["mo_immigration_status"] = "L"
    record_id = st.create(report).id
    st.close()
    texts = {}
    for user, password in (("sarge", "sarge-pass-1"), ("dep", "deputy-pass-1")):
        window = main_window(data_dir, user=user, password=password)
        qtbot.addWidget(window)
        window.select_row(window.model.row_of("incident", record_id))
        target = tmp_path / f"{user}.pdf"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, t=target, **k: (str(t), "PDF")))
        window.pdf_selected()
        texts[user] = "\n".join(page_texts(target))
        window.close()
    assert "Immigration" in texts["sarge"] and "by sarge" in texts["sarge"]
    assert "Immigration" not in texts["dep"], [line for line in texts["dep"].splitlines() if "mmigration" in line]
    assert "Restricted fields are left out" in texts["dep"]
    assert "by dep" in texts["dep"]


@needs_poppler
def test_the_months_summary_prints_from_the_export_dialog(qtbot, store, window, tmp_path, monkeypatch):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "submission"))
    from generate import incident
    from desktop.submission.months import Month

    month = Month.of(datetime.now().date()).previous()
    for n in range(3):
        store.create(incident(n, month.year, month.month), status="approved")
    window.actions["export"].trigger()
    dialog = window.export_dialog
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20000)
    target = tmp_path / "summary.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "PDF")))
    assert dialog.pdf_summary() == str(target)
    texts = page_texts(target)
    assert "Monthly summary" in texts[0] and "Page 1 of" in texts[0]
    assert "Group A incidents, new" in texts[0] and str(month) in texts[0]
    dialog.close()


def test_values_print_as_code_and_meaning(qtbot):
    from desktop.nibrs.dictionary import dictionary
    from desktop.ui.wizard.printing import value_cells

    d = dictionary()
    assert value_cells(d.element("26"), "BB", d) == [("BB", "7 days to under 1 year")]
    assert value_cells(d.element("26"), "2530", d) == [("2530", "25 to 30 years")]
    assert value_cells(d.element("13"), ["11A", "12"], d) == [("11A", d.code_lists["weapon_force"].get("11A").text),
                                                             ("12", "Handgun")]
    assert value_cells(d.element("3_hour"), 14, d) == [("14", "14:00-14:59")]
    assert value_cells(d.element("16"), 250, d) == [("250", "$250")]
    assert value_cells(d.element("10"), 2, d) == [("2", "")]
