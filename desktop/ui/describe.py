"""Places and values of a report in words, for people: "Victim 1 › Age of Victim (DE 26)", "F (Female)".

Used wherever a place in a report is named outside its field: the wizard's Review page and section
titles, the printed report, the conflicts window's differences and the audit viewer's changed fields.
"""

from __future__ import annotations

from typing import Any

from desktop.forms import binding
from desktop.ui.qt import form_text, tr

def item_words(list_name: str, index: int) -> str:
    """The entry at ``index`` (0-based) of a list of segments, in words: ("victims", 0) -> "Victim 1".

    The word is the dictionary's (resources/dictionary/elements.yaml, ``word:`` of the segment or
    group kind), translated as a text of data (``make translations`` puts it in the catalog).
    """
    from desktop.nibrs.dictionary import dictionary

    kind = dictionary().list_of(list_name)
    word = form_text(kind.word) if kind is not None and kind.word else list_name
    return tr("{0} {1}").format(word, index + 1)


def describe_path(path: str) -> str:
    """The segments a path names, in words: "victims[0].age" -> "Victim 1"."""
    return " › ".join(item_words(name, index) for name, index in binding.split(path) if index is not None)


def element_words(element) -> str:
    """A data element's name with its FBI number: "Age of Victim (DE 26)"."""
    return tr("{0} (DE {1})").format(element.name, element.number) if element.number else element.name


def where_words(path: str, element=None) -> str:
    """A place in a report: its segments, then its element: "Victim 2 › Age of Victim (DE 26)"."""
    parts = [describe_path(path) if path else "", element_words(element) if element is not None else ""]
    return " › ".join(p for p in parts if p)


def field_words(d, report, path: str) -> tuple[str, Any]:
    """(words for a diff path, its element or None): "Victim 1 › Age of Victim (DE 26)"."""
    clean = path.replace(".extras.", ".").removeprefix("extras.")
    element = None
    try:
        element = binding.element_for(d, report, clean)
    except (ValueError, AttributeError, IndexError, KeyError):
        element = None
    head, _, last = clean.rpartition(".")
    if element is None:
        where = describe_path(head) if head else ""
        name = last.split("[")[0].replace("_", " ")
        return (f"{where} › {name}" if where else name), None
    return where_words(head, element), element


def value_words(d, element, value: Any) -> str:
    if value is None or value == [] or value == "":
        return tr("(blank)")
    if isinstance(value, list):
        return "; ".join(value_words(d, element, v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {value_words(d, None, v)}" for k, v in value.items() if v not in (None, [], ""))
    if element is not None and element.codes:
        code = d.code_list(element.codes).get(str(value))
        if code is not None:
            return f"{value} ({code.text})"
    return str(value)


__all__ = ["describe_path", "element_words", "field_words", "item_words", "value_words",
           "where_words"]
