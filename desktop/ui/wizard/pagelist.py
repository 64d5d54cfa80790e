"""The wizard's pages down its side, each with the count of the findings it shows; a click goes there.

A page's count is of the findings the person is shown on it (a field left, a page passed: desktop/ui/wizard/
editor.py), so a new report's list is clean; Review shows them all. Keyboard: Ctrl+R goes to Review,
Ctrl+Enter and Alt+Left/Right page by page, so the list takes no Tab stop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.forms import binding
from desktop.nibrs.findings import ERROR
from desktop.ui.qt import (
    ERROR_COLOUR, WARNING_COLOUR, QColor, QFont, QFontMetrics, QListWidget, QListWidgetItem, QSizePolicy, Qt, form_text,
    tr,
)

if TYPE_CHECKING:  # pragma: no cover
    from desktop.ui.wizard.wizard import ReportWizard


class PageList(QListWidget):
    def __init__(self, wizard: "ReportWizard"):
        super().__init__()
        self.wiz = wizard
        self.setObjectName("page_list")
        self.setAccessibleName(tr("Pages of the report"))
        self.setFocusPolicy(Qt.NoFocus)  # the keys go page by page (Ctrl+Enter, Alt+Left, Ctrl+R)
        self.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Expanding)
        bold = QFont(self.font())
        bold.setBold(True)  # the current page is in bold
        widest = max(QFontMetrics(bold).horizontalAdvance(form_text(p.title) + " (99)") for p in wizard.form.pages)
        self.setFixedWidth(widest + 2 * self.frameWidth() + 12)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        for spec in wizard.form.pages:
            item = QListWidgetItem(form_text(spec.title))
            item.setData(Qt.UserRole, spec.id)
            self.addItem(item)
        self.itemClicked.connect(self._clicked)
        self._shown: dict[str, tuple] = {}  # page id -> what its item shows (counts, current, applies, colour)

    def _clicked(self, item: QListWidgetItem) -> None:
        pid = self.wiz.page_ids.get(item.data(Qt.UserRole))
        if pid is not None:
            self.wiz.go_to_page(pid)
            if self.wiz.currentId() != pid:
                self.wiz.force_page(pid)

    def counts(self) -> dict[str, tuple[int, int]]:
        """Page id -> (errors, warnings) the person is shown there (not on Review, which shows them all)."""
        ed = self.wiz.editor
        hidden = self.wiz.hidden_elements
        out: dict[str, tuple[int, int]] = {}
        for f in ed.all_findings():
            if f.element in hidden:
                continue  # a supervisor fills those in: never counted against this person
            pid = self.wiz.page_of(f.path, f.element)
            if pid is None:
                pid = min(self.wiz.pageIds())
            page_id = self.wiz.page(pid).spec.id
            field = binding.field_path(f.path) if f.path else ""
            shown = page_id in ed.passed or bool(field and ed.shows(field, page_id))
            if shown:
                errors, warnings = out.get(page_id, (0, 0))
                out[page_id] = (errors + 1, warnings) if f.severity == ERROR else (errors, warnings + 1)
        return out

    def refresh(self) -> None:
        counts = self.counts()
        current = self.wiz.currentPage()
        for i in range(self.count()):
            item = self.item(i)
            page_id = item.data(Qt.UserRole)
            spec = self.wiz.form.page(page_id)
            errors, warnings = counts.get(page_id, (0, 0))
            total = errors + warnings
            page = self.wiz.page(self.wiz.page_ids[page_id])
            applies = getattr(page, "applies", lambda: True)()
            state = (errors, warnings, page is current, applies, self.palette().text().color().rgba())
            if page is current and self.currentItem() is not item:
                self.setCurrentItem(item)
            if self._shown.get(page_id) == state:
                continue  # as it is shown already: a keystroke that changes no count touches no item
            self._shown[page_id] = state
            item.setText(form_text(spec.title) + (f" ({total})" if total and page_id != "review" else ""))
            item.setToolTip(tr("{0} error(s), {1} warning(s)").format(errors, warnings) if total else "")
            item.setForeground(QColor(ERROR_COLOUR) if errors else QColor(WARNING_COLOUR) if warnings
                               else self.palette().text().color())
            font = item.font()
            font.setBold(page is current)
            font.setItalic(not applies)
            item.setFont(font)


__all__ = ["PageList"]
