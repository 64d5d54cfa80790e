"""A report laid out for a supervisor to read - every code with its meaning - printed or saved as PDF.

``report_html`` lays the report out in HTML (the layout follows the wizard's form, the words come
from the data dictionary); ``print_html`` and ``save_pdf`` hand that HTML to Qt's printing
(QTextDocument, and QPrinter from QtPrintSupport, both in PySide6-Essentials).
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from desktop import forms
from desktop.forms import binding
from desktop.nibrs.dictionary import Dictionary
from desktop.nibrs.findings import ERROR, Finding
from desktop.ui.describe import item_words
from desktop.ui.qt import (
    ERROR_COLOUR, PRINT_KEY, PRINT_META, PRINT_RULE, WARNING_COLOUR, QMarginsF, QPageLayout, QPageSize, QTextDocument,
    form_text, tr,
)
from desktop.ui.wizard.fields import finding_parts


def _esc(text: Any) -> str:
    return html.escape(str(text))


def value_words(element, value: Any, d: Dictionary) -> str:
    """A value as a supervisor reads it: the code and its meaning, a date with its weekday, an age in words."""
    if value is None or value == [] or value == "":
        return ""
    return element.value_type.printed(element, value, d)


def _rows(specs: Iterable[forms.FieldSpec], segment: Any, d: Dictionary) -> list[tuple[str, str]]:
    out = []
    for spec in specs:
        value = forms.read_value(segment, spec.name)
        words = value_words(spec.element, value, d)
        if not words:
            continue
        name = tr("DE {0} {1}").format(spec.element.number, spec.element.name) if spec.element.number \
            else spec.element.name
        out.append((name, words))
    return out


def _table(rows: list[tuple[str, str]]) -> str:
    if not rows:
        return f"<p><i>{_esc(tr('Nothing entered.'))}</i></p>"
    cells = "".join(f"<tr><td class='k'>{_esc(k)}</td><td>{_esc(v)}</td></tr>" for k, v in rows)
    return f"<table width='100%' cellspacing='0' cellpadding='3'>{cells}</table>"


STYLE = f"""
<style>
 body {{ font-family: sans-serif; font-size: 10pt; }}
 h1 {{ font-size: 15pt; margin-bottom: 2px; }}
 h2 {{ font-size: 12pt; margin-top: 14px; margin-bottom: 4px; border-bottom: 1px solid {PRINT_RULE}; }}
 h3 {{ font-size: 10.5pt; margin-top: 8px; margin-bottom: 2px; }}
 td.k {{ color: {PRINT_KEY}; width: 42%; }}
 tr {{ vertical-align: top; }}
 .err {{ color: {ERROR_COLOUR}; }} .warn {{ color: {WARNING_COLOUR}; }} .meta {{ color: {PRINT_META}; }}
</style>
"""


def report_html(report: Any, form: forms.FormSpec, d: Dictionary, *, agency_name: str = "", status: str = "",
                findings: list[Finding] | None = None, printed: date | None = None) -> str:
    """The report as an HTML page, in the wizard's order, codes with their meanings."""
    kind_words = {"incident": tr("Group A incident"), "group_b": tr("Group B arrest")}.get(report.KIND, report.KIND)
    number = getattr(report, "incident_number", None) or getattr(report, "arrest_transaction_number", None) or ""
    parts = [STYLE, f"<h1>{_esc(kind_words)} {_esc(number)}</h1>"]
    meta = [tr("ORI {0}").format(report.ori or "")]
    if agency_name:
        meta.insert(0, agency_name)
    if status:
        meta.append(tr("status: {0}").format(status))
    meta.append(tr("printed {0}").format(f"{(printed or date.today()):%m/%d/%Y}"))
    parts.append(f"<p class='meta'>{_esc(' — '.join(meta))}</p>")
    for page in form.pages:
        if not page.list_field and not page.fields:
            continue  # a page of no fields of its own (Review)
        if page.list_field:
            segments = binding.segment_at(report, page.list_field)
            if not segments:
                continue
            parts.append(f"<h2>{_esc(form_text(page.title))}</h2>")
            for i, seg in enumerate(segments):
                parts.append(f"<h3>{_esc(item_words(page.list_field, i))}</h3>")
                parts.append(_table(_rows(page.fields, seg, d)))
                for rows in page.rows:
                    children = getattr(seg, rows.group.field)
                    for j, child in enumerate(children, 1):
                        parts.append(f"<p><b>{_esc(rows.group.name)} {j}</b></p>")
                        parts.append(_table(_rows(rows.fields, child, d)))
            if page.fields_after:
                parts.append(_table(_rows(page.fields_after, report, d)))
        else:
            parts.append(f"<h2>{_esc(form_text(page.title))}</h2>")
            parts.append(_table(_rows(page.fields, report, d)))
    if findings is not None:
        parts.append(f"<h2>{_esc(tr('Errors and warnings'))}</h2>")
        if not findings:
            parts.append(f"<p>{_esc(tr('None: the report passes every FBI edit NIBRS Desk checks.'))}</p>")
        else:
            items = []
            for f in findings:
                cls = "err" if f.severity == ERROR else "warn"
                head, words = finding_parts(f)
                items.append(f"<li class='{cls}'><b>{_esc(head)}</b>: {_esc(words)}</li>")
            parts.append(f"<ul>{''.join(items)}</ul>")
    return "<html><body>" + "".join(parts) + "</body></html>"


# ----------------------------------------------------------------------------- Qt printing
def _document(html_text: str):
    doc = QTextDocument()
    doc.setHtml(html_text)
    return doc


def make_printer(pdf_path: str | Path | None = None):
    from desktop.ui.qt import QPrinter  # print support is loaded when first used

    printer = QPrinter(QPrinter.HighResolution)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.Letter), QPageLayout.Portrait,
                                      QMarginsF(15, 15, 15, 15), QPageLayout.Millimeter))
    if pdf_path is not None:
        printer.setOutputFormat(QPrinter.PdfFormat)
        printer.setOutputFileName(str(pdf_path))
    return printer


def print_html(html_text: str, printer) -> None:
    doc = _document(html_text)
    doc.print_(printer)


def save_pdf(html_text: str, path: str | Path) -> Path:
    """Write the report as a PDF file; returns its path."""
    path = Path(path)
    printer = make_printer(path)
    printer.setDocName(path.stem)
    print_html(html_text, printer)
    return path
