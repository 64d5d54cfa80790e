"""Places and values of a report in words, for people: "Victim 1 › Age of Victim (DE 26)", "F (Female)".

Used where a report's fields are listed outside the wizard: the conflicts window's differences
and the audit viewer's changed fields. No Qt widgets here.
"""

from __future__ import annotations

from typing import Any

from desktop.forms import binding
from desktop.ui.qt import QT_TRANSLATE_NOOP, tr



def describe_path(path: str) -> str:
    """The segment a path of segments names, in words: "victims[0]" -> "Victim 1"."""
    parts = []
    words_for = {"offenses": QT_TRANSLATE_NOOP("", "Offense"), "properties": QT_TRANSLATE_NOOP("", "Property"),
                 "victims": QT_TRANSLATE_NOOP("", "Victim"), "offenders": QT_TRANSLATE_NOOP("", "Offender"),
                 "arrestees": QT_TRANSLATE_NOOP("", "Arrestee"), "items": QT_TRANSLATE_NOOP("", "Description"),
                 "drugs": QT_TRANSLATE_NOOP("", "Drug"), "relationships": QT_TRANSLATE_NOOP("", "Relationship")}
    for name, index in binding.split(path):
        if index is not None:
            parts.append(f"{tr(words_for.get(name, name))} {index + 1}")
    return " › ".join(parts)


def field_words(d, report, path: str) -> tuple[str, Any]:
    """(words for a diff path, its element or None): "Victim 1 › Age of Victim (DE 26)"."""
    clean = path.replace(".extras.", ".").removeprefix("extras.")
    element = None
    try:
        element = binding.element_for(d, report, clean)
    except (ValueError, AttributeError, IndexError, KeyError):
        element = None
    head, _, last = clean.rpartition(".")
    where = describe_path(head) if head else ""
    if element is not None:
        number = f" (DE {element.number})" if element.number else ""
        name = f"{element.name}{number}"
    else:
        name = last.split("[")[0].replace("_", " ")
    return (f"{where} › {name}" if where else name), element


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


__all__ = ["describe_path", "field_words", "value_words"]
