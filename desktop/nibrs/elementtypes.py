"""The element types of the data dictionary, each declared once: one class per ``type:`` of elements.yaml.

A type says everything the program does differently for its values:

  parse / display / words   what a person types (``"03/14/2025"``, ``"25-30"``, ``"$250"``), the text a
                            field shows for a value, and plain words shown beside it
  problem                   why a model value cannot be held by an element of the type (storage refuses it)
  flat_text / from_flat     the value in a fixed-width flat-file field and back; ``zero_filled`` types
                            (numbers, dates) never end in a blank, ``flat_strip`` types are plain text
  flat_code                 the statements the flat reader's generated parser uses to read one field
                            (:mod:`desktop.nibrs.flatfile.flatgen`)
  to_xml / from_xml         the value as NIBRS XML text and back
  from_json                 a state-profile value back from its JSON column
  column_suffix / to_column / from_column   how storage keeps it when not as it is (drug quantities)
  widget_chars / typed_length               the width of its field, and whether typing stops at its length
  how_to_type / placeholder / printed       how to type a value (the fix of a value that could not be read),
                                            the hint an empty field shows, and the value on a printed report
  (texts in English; the UI translates them as texts of data: ``make translations`` collects them)

Adding an element type is one class here, registered with :func:`element_type`; elements.yaml and
state profiles may then name it. Readers, writers, storage and the wizard ask the element's
type (``element.value_type``) and never test a type's name.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Callable, ClassVar

from desktop.nibrs import age as nibrs_age

if TYPE_CHECKING:  # pragma: no cover
    from desktop.nibrs.dictionary import DataElement, Dictionary

_THOUSANDTH = Decimal("0.001")
_ORI = re.compile(r"^[A-Z0-9]+$")
_IDENT = re.compile(r"^[A-Z0-9-]+$")


class FlatValueError(ValueError):
    """A fixed-width field holds text its element cannot mean."""


class Unreadable(ValueError):
    """XML text an element cannot mean (the reader keeps it in the segment's ``invalid`` map)."""


def unreadable_flat(invalid: dict[str, str], key: str, raw: str) -> None:
    """Keep text a flat field could not be read as in the segment's ``invalid`` map (``_bad`` in generated code)."""
    invalid[key] = raw.rstrip()
    return None


# ============================================================================ typed text (the wizard)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_US = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
_NIBRS = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(text: str, today: date | None = None) -> date | None:
    """A date typed as MM/DD/YYYY, M/D/YY, YYYY-MM-DD, MMDDYYYY, YYYYMMDD, today, yesterday or t-3.

    Raises ValueError with words when the text is not a date.
    """
    today = today or date.today()
    s = (text or "").strip().lower()
    if not s:
        return None
    if s in ("today", "t", "now"):
        return today
    if s in ("yesterday", "y"):
        return today - timedelta(days=1)
    m = re.match(r"^t\s*-\s*(\d{1,3})$", s)
    if m:
        return today - timedelta(days=int(m.group(1)))
    try:
        if m := _ISO.match(s):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _US.match(s):
            year = int(m.group(3))
            if year < 100:
                year += 2000 if 2000 + year <= today.year + 1 else 1900
            return date(year, int(m.group(1)), int(m.group(2)))
        if m := _NIBRS.match(s):
            if int(m.group(1)) >= 1900:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _COMPACT.match(s):
            return date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    except ValueError:
        raise ValueError(f"'{text.strip()}' is not a real calendar date") from None
    raise ValueError(f"'{text.strip()}' is not a date: type it as MM/DD/YYYY (or today, yesterday)")


def format_date(d: date | None) -> str:
    return "" if d is None else f"{d.month:02d}/{d.day:02d}/{d.year:04d}"


def describe_date(d: date | None) -> str:
    return "" if d is None else f"{d:%A} {d.day} {d:%B} {d.year}"


def parse_hour(text: str) -> int | None:
    s = (text or "").strip().lower()
    if not s:
        return None
    m = re.match(r"^(\d{1,2})(?::?(\d{2}))?\s*(am|pm|a|p)?$", s)
    if not m:
        raise ValueError(f"'{text.strip()}' is not an hour: type 00 to 23")
    hour = int(m.group(1))
    suffix = m.group(3)
    if suffix:
        if not 1 <= hour <= 12:
            raise ValueError(f"'{text.strip()}' is not an hour")
        hour = hour % 12 + (12 if suffix.startswith("p") else 0)
    if not 0 <= hour <= 23 or (m.group(2) and int(m.group(2)) > 59):
        raise ValueError(f"'{text.strip()}' is not an hour: type 00 to 23")
    return hour


def parse_whole(text: str, *, money: bool = False) -> int | None:
    s = (text or "").strip().replace(",", "")
    if money:
        s = s.lstrip("$").strip()
    if not s:
        return None
    if not s.isdigit():
        raise ValueError(f"'{text.strip()}' is not a whole number" + (" of dollars" if money else ""))
    return int(s)


def parse_quantity(text: str) -> Decimal | None:
    s = (text or "").strip().replace(",", "")
    if not s:
        return None
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise ValueError(f"'{text.strip()}' is not a quantity: type a number such as 2.5") from None
    if d < 0:
        raise ValueError("a quantity cannot be negative")
    if d != d.quantize(_THOUSANDTH):
        raise ValueError(f"'{text.strip()}' has more than three decimals")
    return d.quantize(_THOUSANDTH)


def parse_decimal(text: str) -> Decimal | None:
    s = (text or "").strip()
    if not s:
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        raise ValueError(f"'{s}' is not a number") from None


_YES = {"y", "yes", "true", "1", "x"}
_NO = {"n", "no", "false", "0"}


def parse_boolean(text: str) -> bool | None:
    s = (text or "").strip().lower()
    if not s:
        return None
    if s in _YES:
        return True
    if s in _NO:
        return False
    raise ValueError(f"'{text.strip()}': type Y for yes or N for no")


# ============================================================================ the types
class ElementType:
    """What every element type does; a subclass overrides what its values do differently."""

    name: ClassVar[str] = ""
    zero_filled: ClassVar[bool] = False  # its flat form is digits with zero left-fill (never ends in a blank)
    flat_strip: ClassVar[str | None] = None  # "strip" / "rstrip": plain flat text, read by slicing
    widget: ClassVar[int] = 24  # field width, in characters
    typed_length: ClassVar[bool] = False  # typing stops at the element's length
    xml_plain: ClassVar[bool] = True  # NIBRS XML holds it as the text of its element (not an age's measure...)
    how_to_type: ClassVar[str] = "Correct the entry."  # the fix shown when typed text is not a value
    placeholder: ClassVar[str] = ""  # what an empty field shows
    multiline: ClassVar[bool] = False  # a field of several lines (a narrative), where Enter starts a new line

    # ------------------------------------------------------------------ what a person types and reads
    def parse(self, element: DataElement, text: str, *, infants: bool = False) -> Any:
        """The value of typed text (stripped, not empty); raises ValueError with words when it is none."""
        return text

    def display(self, element: DataElement, value: Any) -> str:
        """The text a field shows for a value (it reads back to the same value)."""
        return str(value)

    def words(self, element: DataElement, value: Any, d: Dictionary) -> str:
        """Plain words for a value, shown beside its field ("" when the text says it all)."""
        return ""

    def widget_chars(self, element: DataElement) -> int:
        return self.widget

    def printed(self, element: DataElement, value: Any, d: Dictionary) -> str:
        """A value on a printed report, as a supervisor reads it (not empty)."""
        return self.display(element, value)

    # ------------------------------------------------------------------ what storage accepts
    def problem(self, element: DataElement, value: Any, d: Dictionary) -> str | None:
        """Why ``value`` (not None) cannot be held by ``element``, or None."""
        raise NotImplementedError  # pragma: no cover

    # ------------------------------------------------------------------ the flat file
    def flat_text(self, element: DataElement, value: Any) -> str:
        """A value (not None or "") as flat-file text: left-justified and blank-filled unless the type says."""
        return str(value).ljust(element.length)

    def from_flat(self, element: DataElement, text: str) -> Any:
        """The value of a field's text (not blank); raises :class:`FlatValueError` for text it cannot mean."""
        return text.rstrip()

    def flat_code(self, raw: str, var: str, key: str) -> list[str]:
        """Statements of the generated flat parser setting ``var`` from the field text ``raw`` (an expression).

        Unreadable text goes to ``inv[key]`` (``_bad``); the generator provides ``_bad`` and ``R_<type>``.
        """
        if self.flat_strip:
            return [f"{var} = {raw}.{self.flat_strip}() or None"]
        raise ValueError(f"type {self.name!r} has no flat-file form")

    # ------------------------------------------------------------------ NIBRS XML
    def to_xml(self, d: Dictionary, element: DataElement, value: Any) -> str:
        return str(value)

    def from_xml(self, d: Dictionary, element: DataElement, text: str) -> Any:
        """The value of XML text; raises :class:`Unreadable` for text the element cannot mean."""
        return text

    # ------------------------------------------------------------------ storage
    column_suffix: ClassVar[str] = ""  # the column is the field's name with this suffix

    def to_column(self, value: Any) -> Any:
        return value

    def from_column(self, raw: Any) -> Any:
        return raw

    def from_json(self, value: Any) -> Any:
        """A profile value read back from JSON (where dates and decimals are text)."""
        return value


TYPES: dict[str, ElementType] = {}


def element_type(cls: type[ElementType]) -> type[ElementType]:
    """Register a type under its ``name``: the name elements.yaml and state profiles give it."""
    if not cls.name or cls.name in TYPES:
        raise ValueError(f"element type {cls.name!r} is unnamed or declared twice")
    TYPES[cls.name] = cls()
    return cls


class _Upper(ElementType):
    """Letters and digits typed in any case, kept in capitals (ORIs, incident numbers)."""

    flat_strip = "rstrip"
    typed_length = True

    def parse(self, element, text, *, infants=False):
        return text.upper()


@element_type
class Ori(_Upper):
    name = "ori"
    widget = 11
    how_to_type = "Type the nine letters and digits of the ORI."

    def problem(self, element, value, d):
        if not isinstance(value, str) or not _ORI.match(value):
            return f"{value!r} is not an ORI (letters A-Z and digits only)"
        if element.attrs.get("exact") and len(value) != element.length:
            return f"an ORI has {element.length} characters; {value!r} has {len(value)}"
        if len(value) > element.length:
            return f"an ORI has at most {element.length} characters; {value!r} has {len(value)}"
        return None


@element_type
class Identifier(_Upper):
    name = "identifier"
    widget = 14
    how_to_type = "Use only letters, digits and hyphens, without spaces."

    def problem(self, element, value, d):
        if not isinstance(value, str) or not value:
            return "must be text"
        if len(value) > element.length:
            return f"at most {element.length} characters; {value!r} has {len(value)}"
        if not _IDENT.match(value):
            return f"{value!r} may hold only letters A-Z, digits and hyphens, with no spaces"
        return None


@element_type
class Text(ElementType):
    name = "text"
    flat_strip = "rstrip"
    typed_length = True

    def problem(self, element, value, d):
        if not isinstance(value, str):
            return f"{value!r} is not text"
        if element.length and len(value) > element.length:
            return f"at most {element.length} characters; {value!r} has {len(value)}"
        return None


@element_type
class LongText(Text):
    """Text of several lines and no set length: an agency's narrative or notes (local elements, never exported)."""

    name = "longtext"
    widget = 60
    multiline = True
    typed_length = False


@element_type
class Code(ElementType):
    name = "code"
    flat_strip = "strip"
    how_to_type = "Type the code, or a word of its meaning, and pick it from the list (Down arrow shows the list)."
    placeholder = "code or words"

    def printed(self, element, value, d):
        return self.words(element, value, d) or self.display(element, value)

    def widget_chars(self, element):
        return 30 if element.multiple else 24

    def words(self, element, value, d):
        if not element.codes:
            return ""
        codes = d.code_lists[element.codes]
        values = value if isinstance(value, list) else [value]
        parts = []
        for v in values:
            c = codes.get(v)
            parts.append(f"{v} {c.text}" if c else f"{v} (not a code)")
        return "; ".join(parts)

    def problem(self, element, value, d):
        if not isinstance(value, str):
            return f"{value!r} is not a code"
        codes = d.code_lists.get(element.codes or "")
        if codes is not None and value not in codes:
            return f"{value!r} is not a code of the list '{codes.name}'"
        if element.length and len(value) > element.length:
            return f"{value!r} is longer than {element.length} characters"
        return None

    def from_flat(self, element, text):
        return text.strip()

    def to_xml(self, d, element, value):
        codes = d.code_lists.get(element.codes or "")
        if codes is not None and value in codes:
            return codes.to_xml(value)
        return str(value)

    def from_xml(self, d, element, text):
        codes = d.code_lists.get(element.codes or "")
        if codes is None:
            return text
        if {c.xml_value for c in codes} <= {"true", "false"}:  # an indicator
            text = {"1": "true", "0": "false"}.get(text, text)
            code = codes.from_xml(text)
            if code is None and text in ("true", "false"):
                return None  # e.g. "false" for the report date indicator: not a report date
            return code.code if code is not None else text
        code = codes.from_xml(text)
        return code.code if code is not None else text  # unknown codes stay, for the validator


@element_type
class Age(ElementType):
    """A NIBRS age code ("25", "2530", "NN"...); in XML a measure of its own (the readers and writers know it)."""

    name = "age"
    flat_strip = "rstrip"
    xml_plain = False
    widget = 14
    how_to_type = ("Type a number (25), a range (25-30), 'unknown', or for a baby 'newborn', 'under 1 week' or "
                   "'under 1 year'.")
    placeholder = "25, 25-30, unknown"

    def printed(self, element, value, d):
        return f"{self.words(element, value, d) or self.display(element, value)} (code {value})"

    def parse(self, element, text, *, infants=False):
        return nibrs_age.parse_age(text, allow_infant=infants)

    def display(self, element, value):
        return nibrs_age.to_input(value)

    def words(self, element, value, d):
        words = nibrs_age.describe(value)
        return "" if not words else (f"{words} years" if words[0].isdigit() and "year" not in words and "day" not in
                                     words else words)

    def problem(self, element, value, d):
        if not isinstance(value, str) or not nibrs_age.is_age_code(value):
            return f"{value!r} is not a NIBRS age (a number, a range like 2530, 00, 99, NN, NB or BB)"
        return None


class _Whole(ElementType):
    """Whole numbers: zero left-filled in the flat file (" 5" is not read: the spec's x02)."""

    zero_filled = True

    def parse(self, element, text, *, infants=False):
        return parse_whole(text)

    def flat_text(self, element, value):
        return f"{int(value):0{element.length}d}"

    def from_flat(self, element, text):
        if not text.isdigit():  # the spec's "numeric entry with zero left-fill" (x02): " 5" is not 05
            raise FlatValueError(f"{text!r} is not a number with zero left-fill")
        return int(text)

    def flat_code(self, raw, var, key):
        return [f"s = {raw}", f"{var} = int(s) if s.isdigit() else None if s.isspace() else _bad(inv, {key}, s)"]

    def to_xml(self, d, element, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{element.name}: {value!r} is not a whole number")
        return str(value)

    def from_xml(self, d, element, text):
        try:
            n = Decimal(text)
        except InvalidOperation:
            raise Unreadable(text) from None
        if n != n.to_integral_value():
            raise Unreadable(text)
        return int(n)


class _Bounded(_Whole):
    """A whole number from ``low`` to ``high``."""

    low: ClassVar[int]
    high: ClassVar[int]
    what: ClassVar[str]  # "a month 1-12"

    def problem(self, element, value, d):
        if isinstance(value, bool) or not isinstance(value, int) or not self.low <= value <= self.high:
            return f"{value!r} is not {self.what}"
        return None


@element_type
class Integer(_Whole):
    name = "integer"
    widget = 6
    how_to_type = "Type a whole number."

    def problem(self, element, value, d):
        if isinstance(value, bool) or not isinstance(value, int):
            return f"{value!r} is not a whole number"
        if value < 0 or value >= 10 ** element.length:
            return f"{value} does not fit in {element.length} digits"
        return None


@element_type
class Money(Integer):
    name = "money"
    widget = 12
    how_to_type = "Type whole dollars, e.g. 250."

    def printed(self, element, value, d):
        return self.words(element, value, d)

    def parse(self, element, text, *, infants=False):
        return parse_whole(text, money=True)

    def words(self, element, value, d):
        return f"${value:,}"


@element_type
class Month(_Bounded):
    name = "month"
    low, high, what = 1, 12, "a month 1-12"


@element_type
class Year(_Bounded):
    name = "year"
    low, high, what = 1900, 9999, "a four-digit year"


@element_type
class Hour(_Bounded):
    """The hour of the day; in XML the hour of the incident's date and time (the readers and writers know it)."""

    name = "hour"
    low, high, what = 0, 23, "an hour from 00 to 23"
    widget = 5
    xml_plain = False
    how_to_type = "Type the hour from 00 to 23; leave it empty when unknown."

    def printed(self, element, value, d):
        return f"{int(value):02d}:00-{int(value):02d}:59"

    def parse(self, element, text, *, infants=False):
        return parse_hour(text)

    def display(self, element, value):
        return f"{int(value):02d}"

    def flat_text(self, element, value):
        return f"{int(value):02d}"


@element_type
class Date(ElementType):
    name = "date"
    zero_filled = True
    widget = 12
    how_to_type = "Type the date as MM/DD/YYYY, e.g. 03/14/2025 (or today, yesterday)."
    placeholder = "MM/DD/YYYY"

    def printed(self, element, value, d):
        return f"{format_date(value)} ({value:%A})"

    def parse(self, element, text, *, infants=False):
        return parse_date(text)

    def display(self, element, value):
        return format_date(value)

    def words(self, element, value, d):
        return describe_date(value)

    def problem(self, element, value, d):
        if not isinstance(value, date):
            return f"{value!r} is not a date"
        if not 1900 <= value.year <= 2999:
            return f"{value.isoformat()} is not a plausible date"
        return None

    def flat_text(self, element, value):
        return value.strftime("%Y%m%d")

    def from_flat(self, element, text):
        s = text.strip()
        if len(s) != 8 or not s.isdigit():
            raise FlatValueError(f"{text!r} is not a date YYYYMMDD")
        try:
            return date(int(s[:4]), int(s[4:6]), int(s[6:]))
        except ValueError:
            raise FlatValueError(f"{text!r} is not a real calendar date") from None

    @staticmethod
    def read_flat(raw: str, invalid: dict[str, str], key: str) -> date | None:
        """The generated parser's reading of a date field (unreadable text kept in ``invalid``)."""
        s = raw.strip()
        if not s:
            return None
        if len(s) == 8 and s.isdigit():
            try:
                return date(int(s[:4]), int(s[4:6]), int(s[6:]))
            except ValueError:
                pass
        return unreadable_flat(invalid, key, raw)

    def flat_code(self, raw, var, key):
        return [f"{var} = R_date({raw}, inv, {key})"]

    def to_xml(self, d, element, value):
        return value.isoformat()

    def from_xml(self, d, element, text):
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            raise Unreadable(text) from None

    def from_json(self, value):
        return date.fromisoformat(value) if isinstance(value, str) else value


class _Decimal(ElementType):
    """Decimal numbers (JSON keeps them as text)."""

    def from_json(self, value):
        return Decimal(str(value)) if isinstance(value, (str, int, float)) else value


@element_type
class Quantity(_Decimal):
    """Drug quantity (DE 21): a Decimal with up to three decimals, written with three implied decimals."""

    name = "quantity"
    zero_filled = True
    widget = 12
    how_to_type = "Type a number with up to three decimals, e.g. 2.5."

    def parse(self, element, text, *, infants=False):
        return parse_quantity(text)

    def display(self, element, value):
        return format(Decimal(value).normalize(), "f")

    def problem(self, element, value, d):
        if not isinstance(value, (Decimal, int)):
            return f"{value!r} is not a quantity"
        q = Decimal(value)
        if q < 0 or q >= Decimal(10) ** (element.length - 3):
            return f"{value} does not fit in {element.length - 3} whole digits"
        if q != q.quantize(_THOUSANDTH):
            return f"{value} has more than three decimals"
        return None

    def flat_text(self, element, value):
        return f"{self.to_column(value):0{element.length}d}"

    def from_flat(self, element, text):
        if not text.isdigit():
            raise FlatValueError(f"{text!r} is not a quantity with zero left-fill")
        return self.from_column(int(text))

    @staticmethod
    def read_flat(raw: str, invalid: dict[str, str], key: str) -> Decimal | None:
        """The generated parser's reading of a quantity field (unreadable text kept in ``invalid``)."""
        if raw.isdigit():  # numbers are zero left-filled (spec 2019.1 section 4.3; x02 otherwise)
            return (Decimal(int(raw)) / 1000).quantize(_THOUSANDTH)
        if raw.isspace() or not raw:
            return None
        return unreadable_flat(invalid, key, raw)

    def flat_code(self, raw, var, key):
        return [f"{var} = R_quantity({raw}, inv, {key})"]

    def to_xml(self, d, element, value):
        return format(Decimal(value).normalize(), "f")

    def from_xml(self, d, element, text):
        try:
            q = Decimal(text)
        except InvalidOperation:
            raise Unreadable(text) from None
        if not q.is_finite() or q != q.quantize(_THOUSANDTH):
            raise Unreadable(text)
        return q.quantize(_THOUSANDTH)

    column_suffix = "_thousandths"  # kept as a whole number of thousandths

    def to_column(self, value):
        return None if value is None else int((Decimal(value) * 1000).to_integral_value())

    def from_column(self, raw):
        return None if raw is None else (Decimal(raw) / 1000).quantize(_THOUSANDTH)


@element_type
class DecimalNumber(_Decimal):
    """A state's decimal number (latitude...): ``decimals`` and ``range`` attributes limit it."""

    name = "decimal"

    def parse(self, element, text, *, infants=False):
        return parse_decimal(text)

    def problem(self, element, value, d):
        if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
            return f"{value!r} is not a number"
        q = Decimal(value)
        places = element.attrs.get("decimals")
        if places is not None and q != q.quantize(Decimal(1).scaleb(-int(places))):
            return f"{value} has more than {places} decimals"
        rng = element.attrs.get("range")
        if rng is not None and not (Decimal(rng[0]) <= q <= Decimal(rng[1])):
            return f"{value} is outside {rng[0]} to {rng[1]}"
        return None

    def from_flat(self, element, text):
        try:
            return Decimal(text.strip())
        except InvalidOperation:
            raise FlatValueError(f"{text!r} is not a number") from None

    def to_xml(self, d, element, value):
        return format(value, "f") if isinstance(value, Decimal) else str(value)

    def from_xml(self, d, element, text):
        try:
            return Decimal(text)
        except ArithmeticError:
            raise Unreadable(text) from None


@element_type
class Boolean(ElementType):
    name = "boolean"

    def parse(self, element, text, *, infants=False):
        return parse_boolean(text)

    def display(self, element, value):
        return "Y" if value else "N"

    def problem(self, element, value, d):
        if not isinstance(value, bool):
            return f"{value!r} is not yes/no"
        return None

    def from_flat(self, element, text):
        return text.strip()


def flat_readers() -> dict[str, Callable[..., Any]]:
    """``R_<type>`` -> the flat reading function of each type that has one, for generated parsers."""
    return {f"R_{name}": t.read_flat for name, t in TYPES.items() if hasattr(t, "read_flat")}
