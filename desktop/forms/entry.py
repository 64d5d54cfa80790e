"""What a person typed into a field, turned into a model value - or a reason in plain words.

No Qt here. Each element type has a reader: codes (typed as the code or as words of their
meaning), lists of codes separated by commas, ages (desktop.nibrs.age), dates by keyboard,
hours, whole numbers, dollars, drug quantities, ORIs and identifiers. A value that reads
but that storage would refuse (an ORI of the wrong length...) is a problem too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Iterable, Sequence

from desktop.forms import words
from desktop.nibrs import age as nibrs_age
from desktop.nibrs.dictionary import Code, CodeList, DataElement, Dictionary
from desktop.nibrs.elementtypes import (  # noqa: F401  (each type reads typed text; these are used through entry)
    describe_date, format_date, parse_boolean, parse_date, parse_decimal, parse_hour, parse_quantity, parse_whole,
)
from desktop.nibrs.values import value_problem


@dataclass(frozen=True)
class Parsed:
    """The outcome of reading a field's text.

    ``value`` goes into the model (for a code that is not in its list: the code as typed, so the
    FBI edit for invalid codes names it; storage never sees it). ``problem`` says in words why
    the text was not understood; ``None`` when it was.
    """

    value: Any
    problem: str | None = None
    normal: str | None = None  # the text the field shows once the entry is finished
    pending: bool = False  # still being typed: not understood yet, but not wrong yet either

    @property
    def ok(self) -> bool:
        return self.problem is None


# ----------------------------------------------------------------------------- codes
def search_codes(text: str, codes: Iterable[Code], *, recent: Sequence[str] = ()) -> list[Code]:
    """Codes matching what was typed, best first (desktop.forms.words): the code, a whole wording, whole words,
    the start of the words, a part of a word; recent and common codes first among equals."""
    return [m.code for m in words.rank(text, codes, recent=recent)]


def resolve_code(text: str, codes: CodeList, offered: Sequence[Code], *, finished: bool,
                 recent: Sequence[str] = ()) -> Parsed:
    """One code from its code or (when the entry is finished) from words naming one code clearly.

    The codes offered here are searched first, then the whole list (a code that exists but does not fit
    here is still read, and the field says so). Words that name no clear winner are a problem naming the
    candidates: the person chooses one in the list.
    """
    typed = text.strip()
    if not typed:
        return Parsed(None, normal="")
    exact = codes.get(typed.upper())
    if exact is not None:
        return Parsed(exact.code, normal=exact.code)
    looks_like_code = typed.isalnum() and len(typed) <= max((len(c.code) for c in codes), default=3)
    if not finished:
        return Parsed(None, f"'{typed}' is not a code yet", pending=True)
    today = date.today()
    for pool in (offered, [c for c in codes if not c.retired_by(today)]):  # words never name a retired code
        matches = words.rank(typed, pool, recent=recent)
        best = words.winner(matches)
        if best is not None:
            return Parsed(best.code, normal=best.code)
        if matches:
            names = ", ".join(f"{m.code.code} {m.code.text}" for m in matches[:4])
            more = "..." if len(matches) > 4 else ""
            return Parsed(None, f"'{typed}' matches several codes ({names}{more}): choose one in the list "
                                f"or type more of its words")
    return Parsed(typed.upper() if looks_like_code else None,
                  f"'{typed}' is not a code of the list '{codes.name}'")


def split_codes(text: str) -> list[str]:
    return [t.strip() for t in re.split(r"[,;]", text) if t.strip()]


def resolve_codes(text: str, element: DataElement, codes: CodeList, offered: Sequence[Code], *,
                  finished: bool, recent: Sequence[str] = ()) -> Parsed:
    tokens = split_codes(text)
    values, problems = [], []
    pending = False
    last_open = not finished and not text.rstrip().endswith((",", ";"))
    for i, t in enumerate(tokens):
        p = resolve_code(t, codes, offered, finished=not (last_open and i == len(tokens) - 1), recent=recent)
        if p.value is not None:
            values.append(p.value)
        if p.pending:
            pending = True
        elif p.problem:
            problems.append(p.problem)
    if len(values) > element.max:
        problems.append(f"takes at most {element.max} codes; {len(values)} were given")
    if len(set(values)) < len(values):
        problems.append("a code is given twice")
    normal = ", ".join(values) if not problems and not pending else None
    if pending and not problems:
        return Parsed(values, "not finished", normal, pending=True)
    return Parsed(values, "; ".join(problems) or None, normal)


# ----------------------------------------------------------------------------- one field
def parse(element: DataElement, text: str, d: Dictionary, *, offered: Sequence[Code] = (), infants: bool = False,
          finished: bool = True, recent: Sequence[str] = ()) -> Parsed:
    """Read a field's text as a value of ``element``."""
    t = element.type
    raw = text or ""
    if t == "code" and element.codes:
        codes = d.code_lists[element.codes]
        if element.multiple:
            return resolve_codes(raw, element, codes, offered, finished=finished, recent=recent)
        return resolve_code(raw, codes, offered, finished=finished, recent=recent)
    try:
        if element.multiple:
            tokens = split_codes(raw)
            values = [_single(element, tok, infants) for tok in tokens]
            value: Any = [v for v in values if v is not None]
        else:
            value = _single(element, raw, infants)
    except (ValueError, nibrs_age.AgeError) as exc:
        return Parsed(None, str(exc))
    reason = value_problem(element, value, d)
    if reason:
        hint = likely_mistake(element, value, d)
        return Parsed(None, f"{reason}: {hint}" if hint else reason)
    return Parsed(value, normal=display(element, value))


def _in_range(element: DataElement, value: Any) -> bool:
    low, high = element.attrs["range"]
    return Decimal(str(low)) <= value <= Decimal(str(high))


def _place(element: DataElement) -> str:
    """Where an element's range holds: the state of the profile that declares it ("Missouri")."""
    from desktop.nibrs.profiles import get_profile

    try:
        name = get_profile(element.profile).name if element.profile else ""
    except KeyError:
        name = ""
    return name.split(" (")[0] or element.profile or ""


def likely_mistake(element: DataElement, value: Any, d: Dictionary) -> str | None:
    """What is likely wrong with a number outside its element's range (a state's box of coordinates): the minus
    sign left out or one too many, or latitude and longitude swapped."""
    if "range" not in element.attrs or not isinstance(value, (Decimal, int)) or isinstance(value, bool):
        return None
    value = Decimal(value)
    name = (element.label or element.name).replace("&", "").lower()
    place = _place(element)
    where = f" in {place}" if place else ""
    if _in_range(element, -value):
        sign = "negative" if value > 0 else "positive"
        slip = "did you leave out the minus sign?" if value > 0 else "is the minus sign one too many?"
        return f"{name}{where} is {sign}: {slip}"
    partners = [e for e in d.elements.values() if "range" in e.attrs and e is not element
                and (e.attrs.get("pair") == element.id or element.attrs.get("pair") == e.id)]
    for other in partners:
        if _in_range(other, value) or _in_range(other, -value):
            other_name = (other.label or other.name).replace("&", "").lower()
            return f"that looks like a {other_name}{where}: are {name} and {other_name} swapped?"
    return None


def _single(element: DataElement, text: str, infants: bool) -> Any:
    s = text.strip()
    if not s:
        return None
    return element.value_type.parse(element, s, infants=infants)


def display(element: DataElement, value: Any) -> str:
    """The text a field shows for a model value (reads back to the same value)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(display_one(element, v) for v in value)
    return display_one(element, value)


def display_one(element: DataElement, value: Any) -> str:
    if value is None:
        return ""
    return element.value_type.display(element, value)


def meaning(element: DataElement, value: Any, d: Dictionary) -> str:
    """Plain words for a value, shown beside the field: a code's meaning, a date's weekday, an age."""
    if value is None or value == [] or value == "":
        return ""
    return element.value_type.words(element, value, d)

