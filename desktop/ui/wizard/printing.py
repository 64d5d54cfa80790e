"""The printed incident report an office files: one page per incident where it fits, codes beside their meanings.

``report_html`` lays a report out: the agency and the report's number, its status and who approved it, then
each segment as a compact table (data element, code or value, meaning), in the wizard's order, the words from
the data dictionary; restricted fields only for those who may see them (the form given is the person's own,
``desktop.forms.access.form_for``). ``render`` prints pages of such reports with Qt's own printing: every page
carries the agency and the report in its header and "Page 2 of 3", the date and who printed it in its footer;
each report starts on a new page and has its own page count. ``summary_html`` does the same for a month's
summary. ``print_html``, ``save_pdf`` and ``save_pdfs`` are what the windows call.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Sequence

from desktop import forms
from desktop.forms import binding, entry
from desktop.nibrs.dictionary import Dictionary
from desktop.nibrs.findings import ERROR, Finding
from desktop.ui.describe import item_words
from desktop.ui.qt import (
    PRINT_ERROR, PRINT_INK, PRINT_KEY, PRINT_META, PRINT_PAPER, PRINT_RULE, PRINT_SHADE, PRINT_WARNING, QApplication,
    QFont, QMarginsF,
    QPageLayout, QPageSize, QPainter, QRectF, QSizeF, QTextDocument, QTransform, Qt, form_text, tr,
)
from desktop.ui.wizard.fields import finding_parts

BODY_PT, HEAD_PT = 8.5, 7.5  # the body's font size, and the header's and footer's


def _esc(text: Any) -> str:
    return html.escape(str(text))


def value_words(element, value: Any, d: Dictionary) -> str:
    """A value as a supervisor reads it: the code and its meaning, a date with its weekday, an age in words."""
    if value is None or value == [] or value == "":
        return ""
    return element.value_type.printed(element, value, d)


def value_cells(element, value: Any, d: Dictionary) -> list[tuple[str, str]]:
    """(code or value, meaning) for each value of an element: one line per code of a list ("11A", "Handgun,
    automatic"), or the value and its words ("02/19/2016", "Friday")."""
    if value is None or value == [] or value == "":
        return []
    if element.codes and element.type == "code":
        codes = d.code_lists[element.codes]
        out = []
        for v in value if isinstance(value, list) else [value]:
            c = codes.get(v)
            out.append((str(v), c.text if c else tr("(not a code)")))
        return out
    shown = str(value) if element.type == "age" else entry.display(element, value)  # an age by its NIBRS code
    printed = value_words(element, value, d)
    meaning = entry.meaning(element, value, d) or (printed if printed != shown else "")
    return [(shown, meaning)]


def _rows(specs: Iterable[forms.FieldSpec], segment: Any, d: Dictionary) -> list[tuple[str, str, str]]:
    out = []
    for spec in specs:
        cells = value_cells(spec.element, forms.read_value(segment, spec.name), d)
        if not cells:
            continue
        name = tr("{0} {1}").format(spec.element.number, spec.element.name) if spec.element.number \
            else spec.element.name
        for i, (code, meaning) in enumerate(cells):
            out.append((name if i == 0 else "", code, meaning))
    return out


def _table(rows: list[tuple[str, str, str]]) -> str:
    if not rows:
        return ""
    head = (f"<tr class='h'><td width='34%'>{_esc(tr('Data element'))}</td><td width='16%'>{_esc(tr('Code'))}</td>"
            f"<td>{_esc(tr('Meaning'))}</td></tr>")
    cells = "".join(f"<tr><td class='k'>{_esc(k)}</td><td class='c'>{_esc(c)}</td><td>{_esc(v)}</td></tr>"
                    if c or v else f"<tr><td class='g' colspan='3'>{_esc(k)}</td></tr>" for k, c, v in rows)
    return f"<table width='100%' cellspacing='0' cellpadding='1'>{head}{cells}</table>"


STYLE = f"""
 body {{ font-family: sans-serif; font-size: {BODY_PT}pt; background-color: {PRINT_PAPER}; color: {PRINT_INK}; }}
 h1 {{ font-size: 13pt; margin-top: 0px; margin-bottom: 2px; }}
 h2 {{ font-size: 10pt; margin-top: 7px; margin-bottom: 2px; }}
 h3 {{ font-size: 9pt; margin-top: 4px; margin-bottom: 1px; }}
 p {{ margin-top: 0px; margin-bottom: 2px; }}
 table {{ border-collapse: collapse; }}
 td {{ border-bottom: 0.5px solid {PRINT_RULE}; vertical-align: top; }}
 tr.h td {{ background-color: {PRINT_SHADE}; font-weight: bold; font-size: 8pt; }}
 td.k {{ color: {PRINT_KEY}; }} td.c {{ font-weight: bold; }} td.g {{ font-weight: bold; color: {PRINT_KEY}; }}
 .err {{ color: {PRINT_ERROR}; }} .warn {{ color: {PRINT_WARNING}; }} .meta {{ color: {PRINT_META}; }}
 pre {{ font-family: monospace; font-size: 8.5pt; }}
"""


def _meta(name: str, value: str) -> str:
    return f"<meta name='{name}' content='{_esc(value)}'>"


def _head(left: str, right: str) -> str:
    """What every page of the report shows at its top (read back by ``render``)."""
    return _meta("nibrs-header-left", left) + _meta("nibrs-header-right", right)


def report_html(report: Any, form: forms.FormSpec, d: Dictionary, *, agency_name: str = "", status: str = "",
                findings: list[Finding] | None = None, printed: date | None = None, approved: str = "",
                restricted_left_out: bool = False) -> str:
    """The report as an HTML page, in the wizard's order, codes beside their meanings.

    ``status`` is the status in words; ``approved`` says who approved it and when ("sam on 03/04/2025 10:15");
    ``restricted_left_out`` notes that fields the reader may not see were left out."""
    del printed  # the date is in every page's footer
    kind_words = {"incident": tr("Group A incident"), "group_b": tr("Group B arrest")}.get(report.KIND, report.KIND)
    number = getattr(report, "incident_number", None) or getattr(report, "arrest_transaction_number", None) or ""
    agency = tr("{0} (ORI {1})").format(agency_name, report.ori or "") if agency_name else \
        tr("ORI {0}").format(report.ori or "")
    parts = [_head(agency, f"{kind_words} {number}"), f"<h1>{_esc(kind_words)} {_esc(number)}</h1>"]
    facts = [(tr("Agency"), agency)]
    if status:
        facts.append((tr("Status"), status))
    if approved:
        facts.append((tr("Approved by"), approved))
    if findings is not None:
        errors = sum(1 for f in findings if f.severity == ERROR)
        facts.append((tr("FBI edits"), tr("{0} error(s), {1} warning(s), listed at the end").format(
            errors, len(findings) - errors) if findings else tr("no error or warning: it passes every FBI edit "
                                                                   "NIBRS Desk checks")))
    facts_html = "".join(f"<tr><td class='k' width='20%'>{_esc(k)}</td><td>{_esc(v)}</td></tr>" for k, v in facts)
    parts.append(f"<table width='100%' cellspacing='0' cellpadding='1'>{facts_html}</table>")
    if restricted_left_out:
        parts.append(f"<p class='meta'>{_esc(tr('Restricted fields are left out: your role may not see them.'))}</p>")
    for page in form.pages:
        if not page.list_field and not page.fields:
            continue  # a page of no fields of its own (Review)
        if page.list_field:
            segments = binding.segment_at(report, page.list_field)
            if not segments:
                continue
            parts.append(f"<h2>{_esc(form_text(page.title))}</h2>")
            for i, seg in enumerate(segments):
                rows = _rows(page.fields, seg, d)
                for group in page.rows:
                    for j, child in enumerate(getattr(seg, group.group.field), 1):
                        sub = _rows(group.fields, child, d)
                        if sub:
                            rows.append((f"{group.group.word or group.group.name} {j}", "", ""))
                            rows += [(f"    {k}" if k else k, c, v) for k, c, v in sub]
                if rows:
                    parts.append(f"<h3>{_esc(item_words(page.list_field, i))}</h3>")
                    parts.append(_table(rows))
            if page.fields_after:
                parts.append(_table(_rows(page.fields_after, report, d)))
        else:
            table = _table(_rows(page.fields, report, d))
            if table:
                parts.append(f"<h2>{_esc(form_text(page.title))}</h2>" + table)
    if findings:
        parts.append(f"<h2>{_esc(tr('FBI errors and warnings'))}</h2>")
        if findings:
            items = []
            for f in findings:
                cls = "err" if f.severity == ERROR else "warn"
                head, words = finding_parts(f)
                items.append(f"<p class='{cls}'><b>{_esc(head)}</b>: {_esc(words)}</p>")
            parts.append("".join(items))
    return f"<html><head><style>{STYLE}</style></head><body>" + "".join(parts) + "</body></html>"


def summary_html(title: str, text: str, *, agency: str = "") -> str:
    """A month's summary (its text, in columns) as a printed page."""
    return (f"<html><head><style>{STYLE}</style></head><body>" + _head(agency, tr("Monthly summary")) +
            f"<h1>{_esc(title)}</h1><pre>{_esc(text)}</pre></body></html>")


# ----------------------------------------------------------------------------- Qt printing
def make_printer(pdf_path: str | Path | None = None):
    from desktop.ui.qt import QPrinter  # print support is loaded when first used

    printer = QPrinter(QPrinter.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.Letter), QPageLayout.Portrait,
                                      QMarginsF(15, 12, 15, 12), QPageLayout.Millimeter))
    if pdf_path is not None:
        printer.setOutputFormat(QPrinter.PdfFormat)
        printer.setOutputFileName(str(pdf_path))
    return printer


_META = re.compile(r"<meta name='(nibrs-header-(?:left|right))' content='([^']*)'>")


@dataclass
class Printed:
    """What ``render`` printed: pages per report."""

    pages: list[int]

    @property
    def total(self) -> int:
        return sum(self.pages)


def who_prints() -> str:
    """The signed-in person, as the footer names them: found on the window printing (it has the store)."""
    from desktop.ui.session.login import actor_words

    app = QApplication.instance()
    candidates = [app.activeWindow()] if app is not None and app.activeWindow() is not None else []
    candidates += [w for w in app.topLevelWidgets() if w.isVisible()] if app is not None else []
    for w in candidates:
        store = getattr(w, "store", None)
        actor = getattr(store, "actor", None)
        if actor is not None and not actor.is_system:
            return actor_words(actor)
    return ""


def render(pages_html: Sequence[str], printer, *, printed_by: str | None = None,
           now: datetime | None = None) -> Printed:
    """Print each report (HTML from ``report_html`` or ``summary_html``) from a new page, with its header, and a
    footer saying when and by whom it was printed and "Page 2 of 3" (counted per report)."""
    printed_by = who_prints() if printed_by is None else printed_by
    when = (now or datetime.now()).strftime("%m/%d/%Y %H:%M")
    footer_left = tr("Printed {0} by {1}").format(when, printed_by) if printed_by else tr("Printed {0}").format(when)
    dpi = printer.resolution()
    paper = printer.pageLayout().paintRectPixels(dpi)
    width, height = paper.width(), paper.height()
    head_font = QFont("sans-serif")
    head_font.setPointSizeF(HEAD_PT)
    band = round(dpi * 0.28)  # header and footer bands, about 7 mm each
    body = QRectF(0, band, width, height - 2 * band)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(tr("the printer cannot be opened"))
    counts = []
    try:
        first = True
        for page_html in pages_html:
            meta = dict(_META.findall(page_html))
            doc = QTextDocument()
            doc.documentLayout().setPaintDevice(printer)
            font = QFont("sans-serif")
            font.setPointSizeF(BODY_PT)
            doc.setDefaultFont(font)
            doc.setHtml(page_html)
            doc.setPageSize(QSizeF(body.width(), body.height()))
            doc.setDocumentMargin(0)
            count = doc.pageCount()
            counts.append(count)
            for n in range(count):
                if not first:
                    printer.newPage()
                first = False
                painter.save()
                painter.setFont(head_font)
                painter.setPen(Qt.black)
                top = QRectF(0, 0, width, band * 0.8)
                painter.drawText(top, int(Qt.AlignLeft | Qt.AlignTop), html.unescape(meta.get("nibrs-header-left", "")))
                painter.drawText(top, int(Qt.AlignRight | Qt.AlignTop), html.unescape(meta.get("nibrs-header-right",
                                                                                                "")))
                painter.drawLine(0, round(band * 0.8), width, round(band * 0.8))
                bottom = QRectF(0, height - band * 0.7, width, band * 0.7)
                painter.drawLine(0, round(height - band * 0.75), width, round(height - band * 0.75))
                painter.drawText(bottom, int(Qt.AlignLeft | Qt.AlignBottom), footer_left)
                painter.drawText(bottom, int(Qt.AlignRight | Qt.AlignBottom),
                                 tr("Page {0} of {1}").format(n + 1, count))
                painter.restore()
                painter.save()
                painter.setTransform(QTransform.fromTranslate(body.left(), body.top() - n * body.height()), True)
                doc.drawContents(painter, QRectF(0, n * body.height(), body.width(), body.height()))
                painter.restore()
    finally:
        painter.end()
    return Printed(counts)


def print_html(html_text: str | Sequence[str], printer, *, printed_by: str | None = None) -> Printed:
    return render([html_text] if isinstance(html_text, str) else list(html_text), printer, printed_by=printed_by)


def save_pdf(html_text: str | Sequence[str], path: str | Path, *, printed_by: str | None = None) -> Path:
    """Write the report (or reports, each from a new page) as a PDF file; returns its path."""
    path = Path(path)
    printer = make_printer(path)
    printer.setDocName(path.stem)
    print_html(html_text, printer, printed_by=printed_by)
    return path


__all__ = ["Printed", "make_printer", "print_html", "render", "report_html", "save_pdf", "summary_html",
           "value_cells", "value_words", "who_prints"]
