"""Help: F1 on a field explains its data element; Help > How to shows the office's task pages, searchable.

An element's help puts together what is declared elsewhere, never typed again here: the data dictionary's own
words (``help``), the FBI's definition (resources/help/definitions.yaml, from the Technical Specification), its
codes (codes.yaml) and the FBI edits that read it (the rules' registry). The how-to pages are local HTML files
in resources/help (no network), listed by index.html; ``search`` finds the pages holding every word typed.

F1 is an application-wide shortcut of the office window (``help_field`` in desktop.ui.qt.ACTIONS): whichever
window has the cursor, the field with focus, or the nearest widget around it that names an element (a wizard's
field has ``element``; other widgets may carry the property ``element_id``), is explained. A modal dialog (the
agency set-up at first start) blocks the window's shortcuts, so ``F1Keys`` also catches F1 there.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from pathlib import Path

from desktop.ui.qt import (
    QApplication, QDialog, QEvent, QHBoxLayout, QObject, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSplitter,
    QTextBrowser, QUrl, QVBoxLayout, QWidget, Qt, tr, resize_within_screen,
)

INDEX = "index"


def help_folder() -> Path:
    from desktop.resources import resource_path

    return resource_path("help")


@lru_cache(maxsize=1)
def definitions() -> dict[str, dict]:
    """The FBI's definition of each data element, by FBI number."""
    import yaml

    with open(help_folder() / "definitions.yaml", encoding="utf-8") as fh:
        return {str(k): v for k, v in (yaml.safe_load(fh) or {}).items()}


def _esc(text) -> str:
    return html.escape(str(text))


def element_help_html(element, d) -> str:
    """Everything known about a data element, as a page: words, FBI definition, codes, the edits that read it."""
    from desktop.nibrs.rules import REGISTRY

    title = tr("Data element {0}: {1}").format(element.number, element.name) if element.number else element.name
    parts = [f"<h1>{_esc(title)}</h1>"]
    if element.help:
        parts.append(f"<p>{_esc(element.help)}</p>")
    how = getattr(element.value_type, "how_to_type", "")
    if how:
        parts.append(f"<p><i>{_esc(tr(how))}</i></p>")
    fbi = definitions().get(element.number) if element.number else None
    if fbi:
        parts.append(f"<h2>{_esc(tr('The FBI definition'))}</h2><p>{_esc(fbi['definition'])}</p>")
    if element.restricted:
        parts.append(f"<p>{_esc(tr('A restricted field: only the roles an administrator allows see it.'))}</p>")
    if element.codes:
        codes = d.code_lists.get(element.codes)
        if codes is not None:
            rows = "".join(f"<tr><td><b>{_esc(c.code)}</b></td><td>{_esc(c.text)}</td></tr>" for c in codes)
            parts.append(f"<h2>{_esc(tr('Codes'))}</h2><table cellspacing='0' cellpadding='2'>{rows}</table>")
    # a message's blanks ("{value} ...") are filled in by a finding: here they read "…"
    rules = sorted({(r.number, r.severity, re.sub(r"\{[^}]*\}", "\u2026", r.message))
                    for r in REGISTRY.for_element(element.id)}, key=lambda x: (len(x[0]), x[0]))
    parts.append(f"<h2>{_esc(tr('FBI edits that check it'))}</h2>")
    if rules:
        items = "".join(f"<li><b>{_esc(n)}</b> ({_esc(tr('error') if s == 'error' else tr('warning'))}): "
                        f"{_esc(m)}</li>" for n, s, m in rules)
        parts.append(f"<ul>{items}</ul>")
    else:
        parts.append(f"<p>{_esc(tr('None of the edits NIBRS Desk checks reads this element.'))}</p>")
    return "<html><body>" + "".join(parts) + "</body></html>"


def element_of(widget: QWidget | None, d) -> object | None:
    """The data element a widget (or the nearest widget around it) is the field of."""
    while widget is not None:
        element = getattr(widget, "element", None)
        if element is not None and hasattr(element, "codes") and hasattr(element, "number"):
            return element
        element_id = widget.property("element_id") if hasattr(widget, "property") else None
        if element_id:
            return d.elements.get(str(element_id))
        name = widget.objectName()
        if name.startswith("de_") and name[3:] in d.elements:
            return d.elements[name[3:]]
        widget = widget.parentWidget()
    return None


class ElementHelp(QDialog):
    """One data element explained (F1 on its field)."""

    def __init__(self, element, d, parent: QWidget | None = None):
        super().__init__(parent)
        self.element = element
        self.setObjectName("element_help")
        self.setWindowTitle(tr("Help: {0}").format(element.name))
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setObjectName("element_help_text")
        self.text.setAccessibleName(tr("Help on {0}").format(element.name))
        self.text.setHtml(element_help_html(element, d))
        layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        more = QPushButton(tr("How-&to pages..."))
        more.setObjectName("element_help_how_to")
        more.clicked.connect(lambda: show_help(self.parentWidget() or self))
        close = QPushButton(tr("Close"))
        close.setObjectName("element_help_close")
        close.clicked.connect(self.accept)
        close.setDefault(True)
        row.addWidget(more)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        resize_within_screen(self, self.fontMetrics().averageCharWidth() * 90, self.fontMetrics().height() * 34)


def _dictionary(window):
    store = getattr(window, "store", None)
    if store is not None:
        return store.dictionary
    from desktop.nibrs.dictionary import dictionary

    return dictionary()


def help_for_focus(window) -> QDialog:
    """F1: the element of the field with the cursor (in whichever window is active), else the how-to pages."""
    app = QApplication.instance()
    active = app.activeWindow() or window
    focused = active.focusWidget() or app.focusWidget()
    owner = focused.window() if focused is not None else active
    d = _dictionary(owner) if getattr(owner, "store", None) is not None else _dictionary(window)
    element = element_of(focused, d)
    if element is None:
        return show_help(window)
    dialog = ElementHelp(element, d, owner)
    dialog.setAttribute(Qt.WA_DeleteOnClose)
    dialog.show()
    window.help_dialog = dialog
    return dialog


class F1Keys(QObject):
    """F1 where the window's shortcut cannot reach: in a modal dialog (see the module's docstring)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj, e) -> bool:
        if e.type() == QEvent.KeyPress and e.key() == Qt.Key_F1 and not e.modifiers() and self.window.isVisible() \
                and QApplication.activeModalWidget() is not None:
            help_for_focus(self.window)
            return True
        return False


# ----------------------------------------------------------------------------- the how-to pages
_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")


def pages() -> list[tuple[str, str]]:
    """(name, title) of every how-to page, in the order index.html lists them (the index first)."""
    folder = help_folder()
    index = (folder / "index.html").read_text(encoding="utf-8")
    order = [INDEX] + [m for m in re.findall(r'href="([\w-]+)\.html"', index) if m != INDEX]
    order += sorted(p.stem for p in folder.glob("*.html") if p.stem not in order)
    return [(name, page_title(name)) for name in order]


def page_title(name: str) -> str:
    m = _TITLE.search((help_folder() / f"{name}.html").read_text(encoding="utf-8"))
    return html.unescape(m.group(1).strip()) if m else name


def page_text(name: str) -> str:
    raw = (help_folder() / f"{name}.html").read_text(encoding="utf-8")
    return html.unescape(_TAG.sub(" ", raw))


def search(words: str) -> list[tuple[str, str]]:
    """The pages holding every word typed (case does not matter), most mentions first."""
    query = [w for w in re.split(r"\W+", words.lower()) if w]
    if not query:
        return pages()
    found = []
    for name, title in pages():
        text = page_text(name).lower()
        if all(w in text for w in query):
            found.append((-sum(text.count(w) for w in query), name, title))
    return [(name, title) for _n, name, title in sorted(found)]


class HelpWindow(QDialog):
    """The how-to pages: a search field and the list of pages on the left, the page on the right."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("help_window")
        self.setWindowTitle(tr("NIBRS Desk help"))
        layout = QVBoxLayout(self)
        split = QSplitter()
        left = QWidget()
        side = QVBoxLayout(left)
        side.setContentsMargins(0, 0, 0, 0)
        label = QLabel(tr("&Search:"))
        self.query = QLineEdit()
        self.query.setObjectName("help_search")
        self.query.setPlaceholderText(tr("words, e.g. passphrase"))
        self.query.setClearButtonEnabled(True)
        self.query.setAccessibleName(tr("Search the help"))
        label.setBuddy(self.query)
        side.addWidget(label)
        side.addWidget(self.query)
        pages_label = QLabel(tr("&Pages:"))
        self.list = QListWidget()
        self.list.setObjectName("help_pages")
        self.list.setAccessibleName(tr("Help pages"))
        pages_label.setBuddy(self.list)
        side.addWidget(pages_label)
        side.addWidget(self.list, 1)
        self.found = QLabel()
        self.found.setObjectName("help_found")
        self.found.setWordWrap(True)
        side.addWidget(self.found)
        split.addWidget(left)
        self.page = QTextBrowser()
        self.page.setObjectName("help_page")
        self.page.setOpenLinks(True)
        self.page.setSearchPaths([str(help_folder())])
        self.page.setAccessibleName(tr("Help page"))
        split.addWidget(self.page)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        layout.addWidget(split, 1)
        close = QPushButton(tr("Close"))
        close.setObjectName("help_close")
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignRight)
        self.query.textChanged.connect(self.find)
        self.query.returnPressed.connect(self._to_list)
        self.list.currentItemChanged.connect(lambda item, _prev: self._show(item))
        self.list.itemActivated.connect(lambda _item: self.page.setFocus())
        resize_within_screen(self, self.fontMetrics().averageCharWidth() * 120, self.fontMetrics().height() * 36)
        self.find("")

    def find(self, words: str) -> list[tuple[str, str]]:
        found = search(words)
        self.list.clear()
        for name, title in found:
            item = QListWidgetItem(title)
            item.setData(Qt.UserRole, name)
            self.list.addItem(item)
        if words.strip():
            self.found.setText(tr("{0} page(s) mention \u201c{1}\u201d.").format(len(found), words.strip())
                               if found else tr("No page mentions \u201c{0}\u201d.").format(words.strip()))
        else:
            self.found.setText("")
        if found:
            self.list.setCurrentRow(0)
        return found

    def open_page(self, name: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.UserRole) == name:
                self.list.setCurrentRow(row)
                return
        self.page.setSource(QUrl.fromLocalFile(str(help_folder() / f"{name}.html")))

    def _show(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.page.setSource(QUrl.fromLocalFile(str(help_folder() / f"{item.data(Qt.UserRole)}.html")))
        words = [w for w in re.split(r"\W+", self.query.text()) if w]
        if words:
            self.page.find(words[0])  # the first mention, selected

    def _to_list(self) -> None:
        self.list.setFocus()


def show_help(parent: QWidget, page: str = INDEX, *, search: str = "", focus_search: bool = False) -> HelpWindow:
    """The help window (one for the app), on ``page`` or on the pages found for ``search``."""
    window = getattr(parent, "help_window", None)
    if window is None or not window.isVisible():
        window = HelpWindow(parent)
        parent.help_window = window
    if search:
        window.query.setText(search)
    elif page != INDEX:
        window.open_page(page)
    window.show()
    window.raise_()
    if focus_search:
        window.query.setFocus()
        window.query.selectAll()
    return window


__all__ = ["ElementHelp", "F1Keys", "HelpWindow", "definitions", "element_help_html", "element_of", "help_for_focus",
           "pages", "search", "show_help"]
