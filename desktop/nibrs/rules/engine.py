"""The rule engine: FBI edits declared as functions with metadata, run on reports.

A rule is a function decorated with :func:`rule`, which records its FBI error number,
severity, plain-words message, how to fix it, the segment kind it runs on, the data
elements it points at, and the spec versions and state profiles it applies to. Rules are
found by declaration: every module of the ``desktop.nibrs.rules`` package is imported once
and its decorated functions register themselves. Nothing keeps a hand-written list.

Rule functions yield :class:`Hit` objects (or nothing) for what they find:

    @rule("153", segment="incident", elements=("5",), message=..., fix=...)
    def clearance_date_without_clearance(incident, ctx):
        if incident.cleared_exceptionally == "N" and incident.exceptional_clearance_date:
            yield hit("5", incident.exceptional_clearance_date)

Signatures by segment kind:
  "incident"                                   f(incident, ctx)       whole Group A report
  "offense", "property", "victim",
  "offender", "arrestee"                       f(segment, incident, ctx)   once per segment
  "group_b"                                    f(arrest, ctx)
  "zero_report"                                f(zero_report, ctx)

Metadata besides number, message and fix:
  elements          every data element the rule reads (live validation runs the rules that read
                    the element being typed; a rule that reads nothing is never run live)
  severity          "error" (default) or "warning"; severity_by_spec overrides it per spec version
  specs             spec versions the rule exists in (None = all of SPEC_VERSIONS)
  profiles / not_profiles   state profiles it applies to / does not apply to
  actions           segment action types it runs for; None (default) = a report being added
                    (I, A, R); a rule for deletes says actions=("D",)
  fbi_message       the spec's own message text (for the FBI Error Data Set)
  when              conditions on the segment the rule runs on (the report, for report rules), at
                    least one of which must hold for the rule to find anything; the engine skips the
                    rule without calling it otherwise (see "Guards" below)

Guards (``when``). Validating a month's file runs every rule on every segment, and most rules look
at data most segments do not have (drugs, officer victims, circumstances...). A rule may say on
which condition it can find something at all; the engine evaluates each kind's distinct
conditions once per segment and runs only the rules whose guard holds. Conditions, any of which
may hold (a rule's ``when`` is a tuple of them):

  "field"              the field has a value: not None or [], or the reader kept unreadable
                       input for it (``invalid``)
  "!field"             the field has no value (and no unreadable input); "rows.!field" for a row
  "field=A|B"          the field's value is one of these ("" stands for no value)
  "field=@name"        the field's value is in the code set a rules module declared with
                       :func:`code_set` (made from the code tables, e.g. the offenses that take
                       circumstances); "field!=@name" the opposite
  "field!=A|B"         the field's value is none of these
  "rows.field", "rows.field=A|B", "rows.field!=A|B"
                       the same, for any row of a list (property items, drugs, relationships;
                       for report rules also the incident's segments: "victims.victim_type=L")
  "list#2"             the list (of values, or of rows) has at least two entries
  "invalid"            the segment or one of its rows (property items and drugs, relationships) holds
                       unreadable input; for a report, the report itself (its segments have their own)
  "field>=N"           a whole number of at least N (also "rows.field>=N")
  "^cond"              a condition on the incident the segment belongs to ("^offenders#2")
  "cond & cond"        both hold
  "@name"              a predicate a rules module declared with :func:`predicate`: a function of the
                       segment and the context, shared by the rules that name it (e.g. "the
                       identifier has a problem" for the three identifier checks of a segment)

A guard states what the rule's code already tests first; a guard that is wrong loses a check,
so ``validate(..., guards=False)`` runs every rule regardless and the test suite compares the two
on every test record, the FBI samples and the real monthly files.

Hits name the element they point at (``hit("26", value)``), an entry of a multi-valued
element or a row of a repeating group (``index=``), and for an incident-level rule the
segment (``segment_path="victims[1]"``); the engine turns them into :class:`Finding` objects
with the path the wizard jumps to.
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import threading
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable, Protocol

from desktop.nibrs import model as m
from desktop.nibrs.dictionary import Dictionary, dictionary as fbi_dictionary
from desktop.nibrs.findings import ERROR, WARNING, Finding

SPEC_VERSIONS = ("2019.1", "2025.0")
DEFAULT_SPEC = "2019.1"

# segment kind -> (model list field on the incident, flat segment level)
SEGMENT_LISTS = {
    "offense": ("offenses", "2"),
    "property": ("properties", "3"),
    "victim": ("victims", "4"),
    "offender": ("offenders", "5"),
    "arrestee": ("arrestees", "6"),
}
REPORT_KINDS = ("incident", "group_b", "zero_report")
RULE_SEGMENTS = (*REPORT_KINDS, *SEGMENT_LISTS)


class History(Protocol):
    """What the agency's own database knows; stands in for the FBI's history checks.

    ``exclude_id`` is the record id of the report being checked (``Context.stored_id``), so
    a stored record does not find itself. ``kind`` narrows "data on file" to Group A
    incidents (``"incident"``) or Group B arrests (``"group_b"``); None means either.
    """

    def incident_on_file(self, ori: str, incident_number: str, *, exclude_id: int | None = None) -> bool: ...  # 056
    def group_b_atn_on_file(self, ori: str, atn: str) -> bool: ...  # 088 (Group A arrestee vs Group B)
    def group_a_atn_on_file(self, ori: str, atn: str, *, exclude_id: int | None = None) -> bool: ...  # 088
    def group_b_arrest_on_file(self, ori: str, atn: str, sequence: int | None, *,
                               exclude_id: int | None = None) -> bool: ...  # 759
    def zero_report_on_file(self, ori: str, year: int, month: int, *, exclude_id: int | None = None) -> bool: ...
    def data_on_file_for_month(self, ori: str, year: int, month: int, *,
                               kind: str | None = None) -> bool: ...  # 028-031


@dataclass
class Context:
    """What rules may know besides the report itself."""

    spec_version: str = DEFAULT_SPEC
    profile: str = "fbi"
    federal_agency: bool = False
    nibrs_start: date | None = None  # agency's NIBRS start date (173, 093, 720)
    submission_year: int | None = None  # when checking for a file: its month of submission
    submission_month: int | None = None
    action: str = "I"  # segment action type of the record being checked
    today: date = field(default_factory=date.today)
    history: History | None = None
    # The record being checked already lives in the database (so "already on file" means itself).
    stored_id: int | None = None
    dictionary: Dictionary = field(default_factory=fbi_dictionary)
    # Facts about the report being validated that several rules need (its property offenses...),
    # computed once per validation: ``validate`` empties it before it runs the rules (see memo()).
    memo: dict = field(default_factory=dict, repr=False, compare=False)


def memo(ctx: Context, name: str, report: Any, compute: Callable[[], Any]) -> Any:
    """A fact about ``report`` computed once per validation (rules must not change what it returns)."""
    key = (name, id(report))
    found = ctx.memo.get(key, _MISSING)
    if found is _MISSING:
        found = ctx.memo[key] = compute()
    return found


_MISSING = object()


@dataclass(frozen=True)
class Hit:
    """One thing a rule found. ``element`` overrides the rule's first element."""

    element: str | None = None
    value: Any = None
    index: int | None = None  # position in a multi-valued element or a group (0-based)
    detail: str = ""  # fills {detail} in the rule's message
    path: str | None = None  # path relative to the segment, when ``element`` and ``index`` are not enough
    segment_path: str | None = None  # for "incident" rules: the segment the finding belongs to ("victims[1]")


def hit(element: str | None = None, value: Any = None, *, index: int | None = None, detail: str = "",
        path: str | None = None, segment_path: str | None = None) -> Hit:
    return Hit(element, value, index, detail, path, segment_path)


@dataclass(frozen=True)
class Rule:
    number: str
    segment: str
    message: str
    fix: str
    func: Callable[..., Iterable[Hit] | None]
    elements: tuple[str, ...] = ()
    severity: str = ERROR
    fbi_message: str = ""
    specs: frozenset[str] | None = None  # spec versions the rule exists in; None = all
    severity_by_spec: tuple[tuple[str, str], ...] = ()
    profiles: frozenset[str] | None = None  # profiles the rule applies to; None = all
    not_profiles: frozenset[str] = frozenset()
    actions: frozenset[str] | None = None  # segment action types; None = any but D (delete)
    when: tuple[str, ...] = ()  # guard conditions (see the module docstring); () = always run

    @property
    def name(self) -> str:
        return getattr(self.func, "__name__", self.number)

    def applies(self, ctx: Context) -> bool:
        if self.specs is not None and ctx.spec_version not in self.specs:
            return False
        if self.profiles is not None and ctx.profile not in self.profiles:
            return False
        if self.actions is None:
            if ctx.action == "D":
                return False
        elif ctx.action not in self.actions:
            return False
        return ctx.profile not in self.not_profiles

    def severity_for(self, ctx: Context) -> str:
        return dict(self.severity_by_spec).get(ctx.spec_version, self.severity)


class Registry:
    def __init__(self) -> None:
        self.rules: list[Rule] = []
        self._loaded = False
        self._lock = threading.Lock()
        self._by_segment: dict[tuple, list[Rule]] = {}
        self._by_element: dict[str, list[Rule]] = {}
        self._cached_for: tuple = ()
        self._last: tuple | None = None  # the plans asked for last (a file asks for the same ones again and again)

    def add(self, r: Rule) -> Rule:
        if r.segment not in RULE_SEGMENTS:
            raise ValueError(f"rule {r.number} ({r.name}): unknown segment {r.segment!r}")
        if r.severity not in (ERROR, WARNING):
            raise ValueError(f"rule {r.number} ({r.name}): severity must be error or warning")
        for spec, severity in r.severity_by_spec:
            if severity not in (ERROR, WARNING) or spec not in SPEC_VERSIONS:
                raise ValueError(f"rule {r.number} ({r.name}): bad severity_by_spec entry {spec}: {severity}")
        if r.specs is not None and not r.specs <= set(SPEC_VERSIONS):
            raise ValueError(f"rule {r.number} ({r.name}): unknown spec version in {sorted(r.specs)}")
        for condition in r.when:
            try:
                _Condition.parse(condition, r.segment)
            except ValueError as exc:
                raise ValueError(f"rule {r.number} ({r.name}): {exc}") from None
        self.rules.append(r)
        self._by_segment.clear()
        self._last = None
        self._by_element.clear()
        return r

    def load(self) -> None:
        """Import every module of the rules package once, so their rules register."""
        if self._loaded:
            return
        with self._lock:
            if self._loaded:
                return
            import desktop.nibrs.rules as pkg

            for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
                if info.name not in ("engine",) and not info.name.startswith("_"):
                    importlib.import_module(f"{pkg.__name__}.{info.name}")
            self._loaded = True

    def _fresh(self) -> None:
        """Drop the look-up caches when the rule list changed (``add``, ``remove``, or edited in place)."""
        rules = self.rules
        stamp = self._cached_for
        if stamp and rules and stamp[0] == len(rules) and rules[-1] is stamp[1] and rules[0] is stamp[2]:
            return
        stamp = (len(rules), rules[-1], rules[0]) if rules else (0, None, None)
        if stamp != self._cached_for:
            self._last = None
            self._by_segment.clear()
            self._by_element.clear()
            self._cached_for = stamp

    def remove(self, rules: Iterable[Rule]) -> None:
        gone = {id(r) for r in rules}
        self.rules[:] = [r for r in self.rules if id(r) not in gone]
        self._by_segment.clear()
        self._last = None
        self._by_element.clear()

    def plans(self, ctx: Context) -> dict[str, "_Plan"]:
        """Segment kind -> the plan of the rules that apply in this context (cached per spec, profile, action
        and dictionary)."""
        if not self._loaded:
            self.load()
        self._fresh()
        last = self._last  # (spec, profile, action, dictionary, plans): a file asks for the same again and again
        if last is not None and last[0] == ctx.spec_version and last[1] == ctx.profile and last[2] == ctx.action \
                and last[3] is ctx.dictionary:
            return last[4]
        key = (ctx.spec_version, ctx.profile, ctx.action, id(ctx.dictionary))
        found = self._by_segment.get(key)
        if found is None or found["__dictionary__"] is not ctx.dictionary:  # type: ignore[comparison-overlap]
            # what predicate factories may know: the plan is made per spec version, profile, action and dictionary
            probe = Context(spec_version=ctx.spec_version, profile=ctx.profile, action=ctx.action,
                            dictionary=ctx.dictionary)
            found = self._by_segment[key] = {
                kind: _Plan(kind, [r for r in self.rules if r.segment == kind and r.applies(ctx)], probe)
                for kind in RULE_SEGMENTS}
            found["__dictionary__"] = ctx.dictionary  # type: ignore[assignment]
        self._last = (ctx.spec_version, ctx.profile, ctx.action, ctx.dictionary, found)
        return found

    def for_element(self, element_id: str) -> list[Rule]:
        """Rules that read a data element (any spec, profile or action)."""
        self.load()
        self._fresh()
        if not self._by_element:
            index: dict[str, list[Rule]] = {}
            for r in self.rules:
                for e in dict.fromkeys(r.elements):
                    index.setdefault(e, []).append(r)
            self._by_element = index
        return self._by_element.get(element_id, [])

    def numbers(self) -> set[str]:
        """Every number declared, FBI numbers and state-profile ones ("MO-501")."""
        self.load()
        return {r.number for r in self.rules}

    def fbi_numbers(self) -> set[str]:
        """The FBI error and warning numbers (digits only) declared."""
        return {n for n in self.numbers() if n.isdigit()}

    def by_number(self, number: str) -> list[Rule]:
        self.load()
        return [r for r in self.rules if r.number == number]


REGISTRY = Registry()


def rule(number: str, *, segment: str, message: str, fix: str, elements: Iterable[str] = (),
         severity: str = ERROR, fbi_message: str = "", specs: Iterable[str] | None = None,
         severity_by_spec: dict[str, str] | None = None, profiles: Iterable[str] | None = None,
         not_profiles: Iterable[str] = (), actions: Iterable[str] | None = None,
         when: Iterable[str] | str = ()) -> Callable:
    """Declare a rule; see the module docstring."""

    def register(func: Callable) -> Callable:
        REGISTRY.add(Rule(
            number=number, segment=segment, message=message, fix=fix, func=func, elements=tuple(elements),
            severity=severity, fbi_message=fbi_message, specs=None if specs is None else frozenset(specs),
            severity_by_spec=tuple(sorted((severity_by_spec or {}).items())),
            profiles=None if profiles is None else frozenset(profiles), not_profiles=frozenset(not_profiles),
            actions=None if actions is None else frozenset(actions),
            when=(when,) if isinstance(when, str) else tuple(when),
        ))
        return func

    return register


# ---------------------------------------------------------------------------- guards and plans
_KIND_CLASS = {"incident": m.GroupAIncident, "group_b": m.GroupBArrest, "zero_report": m.ZeroReport,
               **{k: m.SEGMENT_CLASSES[k] for k in SEGMENT_LISTS}}
# (parent kind, list field) -> child kind, for "rows.field" conditions
_ROWS = {(parent, list_field): child for child, (parent, list_field) in m.CHILD_FIELDS.items()}
_GROUPS_OF = {kind: tuple((lf, child) for (parent, lf), child in _ROWS.items() if parent == kind)
              for kind in RULE_SEGMENTS}
# rows that belong to a segment (property items, drugs, relationships), as opposed to a report's segments
_OWN_ROWS = {kind: tuple((lf, child) for lf, child in rows if child not in SEGMENT_LISTS)
             for kind, rows in _GROUPS_OF.items()}


_PREDICATES: dict[str, tuple[Callable[..., Any], bool]] = {}


_CODE_SETS: dict[str, Callable[[Context], frozenset]] = {}


def code_set(name: str) -> Callable:
    """Declare a named set of values for guards ("field=@name"): ``func(ctx) -> frozenset``, made once per plan."""

    def register(func: Callable[[Context], frozenset]) -> Callable[[Context], frozenset]:
        if not name.isidentifier():
            raise ValueError(f"code set name {name!r} must be an identifier")
        _CODE_SETS[name] = func
        return func

    return register


def predicate(name: str, *, factory: bool = False) -> Callable:
    """Declare a guard predicate, which rules name as ``when=("@name",)``.

    The predicate is ``func(segment, ctx) -> bool``; or, with ``factory=True``, ``func(ctx)``
    returns the test ``test(segment) -> bool`` for the context's dictionary and spec version,
    made once when the plan is built (for tests generated from the dictionary, e.g. "every code
    is valid").
    """

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        if not name.isidentifier():
            raise ValueError(f"predicate name {name!r} must be an identifier")
        _PREDICATES[name] = (func, factory)
        return func

    return register


@dataclass(frozen=True)
class _Condition:
    """One guard condition, parsed ("rows.field!=A|B" -> rows, field, negate, values)."""

    text: str
    rows: str  # list field of the segment, or ""
    field: str  # field (of the segment, or of each row); "" for "invalid" and "list#n"
    values: frozenset | None = None  # None: "has a value"
    negate: bool = False
    at_least: int = 0  # "list#n"
    many: bool = False  # the field is a list of values (weapons, injuries...)
    absent: bool = False  # "!field"
    value_set: str = ""  # "field=@name": a declared code set
    parts: tuple["_Condition", ...] = ()  # "a & b": all of them
    on_report: bool = False  # "^...": a condition on the incident the segment belongs to
    minimum: int | None = None  # "field>=N"

    @classmethod
    def parse(cls, text: str, kind: str) -> "_Condition":
        if "&" in text:
            parts = tuple(cls.parse(t.strip(), kind) for t in text.split("&"))
            return cls(text, "", "", parts=parts)
        if text.startswith("^"):
            if kind not in SEGMENT_LISTS:
                raise ValueError(f"guard {text!r}: '^' is for the segments of an incident")
            inner = cls.parse(text[1:], "incident")
            if inner.text == "invalid" or inner.text.startswith("@") or inner.parts:
                raise ValueError(f"guard {text!r}: '^' takes a field or rows condition of the incident")
            return dataclasses.replace(inner, text=text, on_report=True)
        if ">=" in text:
            head, _, n = text.partition(">=")
            rows, dot, field_name = head.rpartition(".")
            target = _ROWS.get((kind, rows)) if dot else kind
            fields = {f.name: f for f in dataclasses.fields(_KIND_CLASS.get(target) or m.SEGMENT_CLASSES[target])} \
                if target else {}
            if field_name not in fields or "int" not in str(fields[field_name].type) or not n.isdigit():
                raise ValueError(f"guard {text!r}: '>=' compares a whole-number field with a number")
            return cls(text, rows, field_name, minimum=int(n))
        if text == "invalid":
            return cls(text, "", "")
        if text.startswith("@"):
            if text[1:] not in _PREDICATES:
                raise ValueError(f"guard {text!r}: no predicate {text[1:]!r} is declared")
            return cls(text, "", "")
        fields = {f.name: f for f in dataclasses.fields(_KIND_CLASS.get(kind) or m.SEGMENT_CLASSES[kind])}
        if "#" in text:
            name, _, n = text.partition("#")
            if name not in fields or fields[name].default_factory is not list or not n.isdigit():  # type: ignore[comparison-overlap]
                raise ValueError(f"guard {text!r}: not a list of {kind} and a count")
            return cls(text, "", name, at_least=int(n))
        rows_, dot_, rest = text.rpartition(".")
        if rest.startswith("!") and "=" not in rest:  # "!field" or "rows.!field"
            target, own = kind, fields
            if dot_:
                target = _ROWS.get((kind, rows_))  # type: ignore[assignment]
                if target is None:
                    raise ValueError(f"guard {text!r}: {rows_!r} is not a list of {kind}")
                own = {f.name: f for f in dataclasses.fields(m.SEGMENT_CLASSES[target])}
            fld = own.get(rest[1:])
            if fld is None:
                raise ValueError(f"guard {text!r}: {target} has no field {rest[1:]!r}")
            return cls(text, rows_, rest[1:], absent=True,
                       many=fld.default_factory is list)  # type: ignore[comparison-overlap]
        negate = "!=" in text
        head, eq, tail = text.partition("!=" if negate else "=")
        rows, dot, field_name = head.rpartition(".")
        target = kind
        if dot:
            target = _ROWS.get((kind, rows))
            if target is None:
                raise ValueError(f"guard {text!r}: {rows!r} is not a list of {kind}")
            fields = {f.name: f for f in dataclasses.fields(m.SEGMENT_CLASSES[target])}
        fld = fields.get(field_name)
        if fld is None:
            raise ValueError(f"guard {text!r}: {target} has no field {field_name!r}")
        many = fld.default_factory is list  # type: ignore[comparison-overlap]
        values = None
        if eq and tail.startswith("@"):
            if tail[1:] not in _CODE_SETS:
                raise ValueError(f"guard {text!r}: no code set {tail[1:]!r} is declared")
            return cls(text, rows, field_name, frozenset(), negate, many=many, value_set=tail[1:])
        if eq:
            words = tail.split("|")
            if "int" in str(fld.type):
                values = frozenset(int(v) if v else None for v in words)
            else:
                values = frozenset(v or None for v in words) | (frozenset({""}) if "" in words else frozenset())
        return cls(text, rows, field_name, values, negate, many=many)

    def expression(self, var: str, names: dict[str, Any]) -> str:
        """A Python expression testing the condition on ``var`` (a segment or a row).

        For the segment itself (``var`` "seg") the mask function has bound each field it tests to
        a local ``s_<field>`` and the ``invalid`` map to ``inv``.
        """
        if self.text.startswith("@"):
            key = f"P_{self.text[1:]}"
            func, factory = _PREDICATES[self.text[1:]]
            if factory:
                names[key] = func(names["_ctx"])
                return f"{key}({var})"
            names[key] = func
            return f"{key}({var}, ctx)"
        f = self.field
        value, inv = (f"s_{f}", "inv") if var == "seg" else (f"{var}.{f}", f"{var}.invalid")
        if self.minimum is not None:
            return f"(type({value}) is int and {value} >= {self.minimum})"
        if self.at_least:
            return f"(len({value}) >= {self.at_least})"
        if self.absent:
            if self.many:  # a list: empty (never "" or None)
                return f"(not {value} and not ({inv} and _has_invalid({inv}, {f!r})))"
            return f"({value} in _BLANK and not ({inv} and _has_invalid({inv}, {f!r})))"
        if self.values is None:
            if self.many:
                return f"({value} or ({inv} and _has_invalid({inv}, {f!r})))"
            return f"({value} is not None or ({inv} and _has_invalid({inv}, {f!r})))"
        key = f"V{len(names)}"
        names[key] = _CODE_SETS[self.value_set](names["_ctx"]) if self.value_set else self.values
        if self.many:  # some entry is (or, negated, is not) one of the values
            if self.negate:
                return f"(not {key}.issuperset({value}))"
            return f"(not {key}.isdisjoint({value}))"
        return f"({value} {'not in' if self.negate else 'in'} {key})"


_EMPTY = (None, [])  # "" counts as a value: a rule may well look at it (the readers never leave "")
_BLANK = (None, "", [])  # ... and as no value for "!field": either way the rule runs on "" ("!field" or "field")


def _has_invalid(invalid: dict[str, str], field_name: str) -> bool:
    prefix = field_name + "["
    return any(k == field_name or k.startswith(prefix) for k in invalid)


class _Plan:
    """The rules of one segment kind in one context, and which of them a given segment needs.

    ``select(segment, report, ctx)`` computes the bit mask of the kind's guard conditions on the segment (one
    generated function) and returns the (rule, function) pairs whose guard holds, cached per mask.
    """

    def __init__(self, kind: str, rules: list[Rule], ctx: Context):
        self.kind = kind
        self.rules = tuple(rules)
        self.all = tuple((r, r.func) for r in rules)
        conditions: dict[str, int] = {}
        for r in rules:
            for c in r.when:
                conditions.setdefault(c, len(conditions))
        self.guarded = bool(conditions)
        self.bits = [sum(1 << conditions[c] for c in r.when) if r.when else -1 for r in rules]
        self._selected: dict[int, tuple] = {}
        self.mask = _compile_mask(kind, [_Condition.parse(c, kind) for c in conditions], ctx) if conditions else None

    def select(self, segment, report, ctx: Context) -> tuple:
        if self.mask is None:
            return self.all
        bits = self.mask(segment, report, ctx)
        found = self._selected.get(bits)
        if found is None:
            found = self._selected[bits] = tuple(pair for pair, need in zip(self.all, self.bits)
                                                  if need < 0 or need & bits)
        return found


def _compile_mask(kind: str, conditions: list[_Condition], ctx: Context) -> Callable[[Any, Any, Context], int]:
    """Generate the function that computes a segment's guard bits (one pass over each list of rows).

    Bit i stands for ``conditions[i]``. The parts of a conjunction ("a & b") are evaluated as
    conditions of their own on bits above those (dropped from the result), then combined.
    """
    names: dict[str, Any] = {"_EMPTY": _EMPTY, "_BLANK": _BLANK, "_has_invalid": _has_invalid, "_ctx": ctx}
    every: list[_Condition] = list(conditions)
    index = {c.text: i for i, c in enumerate(every)}
    conjunctions = []
    for i, c in enumerate(conditions):
        if c.parts:
            part_bits = 0
            for p in c.parts:
                if p.text not in index:
                    index[p.text] = len(every)
                    every.append(p)
                part_bits |= 1 << index[p.text]
            conjunctions.append((i, part_bits))
    visible = (1 << len(conditions)) - 1
    lines = ["def mask(seg, report, ctx):", "    bits = 0", "    inv = seg.invalid"]
    on_report = [(i, c) for i, c in enumerate(every) if c.on_report]
    every_own = [(i, c) for i, c in enumerate(every) if not c.on_report]
    plain = [(i, c) for i, c in every_own if not c.rows and not c.parts]
    for field_name in dict.fromkeys(c.field for _i, c in plain if c.field):
        lines.append(f"    s_{field_name} = seg.{field_name}")
    by_rows: dict[str, list[tuple[int, _Condition]]] = {}
    for i, c in every_own:
        if c.rows:
            by_rows.setdefault(c.rows, []).append((i, c))
    invalid_bit = 1 << index["invalid"] if "invalid" in index else 0
    plain, tables = _tabled(plain)
    for i, c in plain:
        if c.text == "invalid":
            lines.append(f"    if inv: bits |= {1 << i}")
        else:
            lines.append(f"    if {c.expression('seg', names)}: bits |= {1 << i}")
    lines.extend(_table_lines(tables, "seg", "    ", names))
    own_rows = {lf for lf, _c in _OWN_ROWS.get(kind, ())}
    for rows, items in by_rows.items():
        lines.append(f"    for row in seg.{rows}:")
        items, tables = _tabled(items)
        for i, c in items:
            lines.append(f"        if {c.expression('row', names)}: bits |= {1 << i}")
        lines.extend(_table_lines(tables, "row", "        ", names))
        if invalid_bit and rows in own_rows:
            lines.append(f"        if row.invalid: bits |= {invalid_bit}")
    if invalid_bit:
        for rows in own_rows - set(by_rows):
            lines.append(f"    for row in seg.{rows}:")
            lines.append(f"        if row.invalid: bits |= {invalid_bit}")
    report_rows: dict[str, list[tuple[int, _Condition]]] = {}
    for i, c in on_report:
        if c.rows:
            report_rows.setdefault(c.rows, []).append((i, c))
        else:
            lines.append(f"    if {c.expression('report', names)}: bits |= {1 << i}")
    for rows, items in report_rows.items():
        lines.append(f"    for row in report.{rows}:")
        for i, c in items:
            lines.append(f"        if {c.expression('row', names)}: bits |= {1 << i}")
    for i, part_bits in conjunctions:
        lines.append(f"    if bits & {part_bits} == {part_bits}: bits |= {1 << i}")
    if len(every) > len(conditions):
        lines.append(f"    return bits & {visible}")
    else:
        lines.append("    return bits")
    exec(compile("\n".join(lines), f"<guards of {kind}>", "exec"), names)
    return names["mask"]


def _tabled(conditions: list[tuple[int, _Condition]]) -> tuple[list[tuple[int, _Condition]], dict]:
    """Split off the value conditions ("field=A|B", "field!=@set") of fields tested by two or more of them:
    those are answered by one table look-up per value (:func:`_table_lines`) instead of a test each."""
    by_field: dict[tuple[str, bool], list[tuple[int, _Condition]]] = {}
    for i, c in conditions:
        if c.values is not None and not (c.parts or c.absent or c.at_least or c.minimum is not None
                                         or c.text.startswith("@") or c.on_report):
            by_field.setdefault((c.field, c.many), []).append((i, c))
    tables = {key: items for key, items in by_field.items() if len(items) > 1}
    chosen = {i for items in tables.values() for i, _c in items}
    return [(i, c) for i, c in conditions if i not in chosen], tables


def _table_lines(tables: dict, var: str, indent: str, names: dict[str, Any]) -> list[str]:
    """For each field: value -> the bits of the conditions it satisfies, and the bits of a value in none of
    the sets (every negated condition holds for it). A list field (weapons, injuries...) ORs its entries'
    bits: "some entry is in V" and, negated, "some entry is not in V" are both true of the list exactly when
    they are true of one of its entries."""
    out = []
    for (field_name, many), items in tables.items():
        sets = []
        for i, c in items:
            values = _CODE_SETS[c.value_set](names["_ctx"]) if c.value_set else c.values
            sets.append((1 << i, values, c.negate))
        default = sum(bit for bit, _values, negate in sets if negate)
        table = {}
        for value in frozenset().union(*(values for _bit, values, _negate in sets)):
            table[value] = sum(bit for bit, values, negate in sets if (value in values) != negate)
        key = f"T{len(names)}"
        names[key] = table
        value = f"s_{field_name}" if var == "seg" else f"{var}.{field_name}"
        if many:
            out.append(f"{indent}for v in {value}: bits |= {key}.get(v, {default})")
        else:
            out.append(f"{indent}bits |= {key}.get({value}, {default})")
    return out


# ---------------------------------------------------------------------------- running rules
def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%Y%m%d")
    if isinstance(value, (list, tuple)):
        return ",".join(_text(v) for v in value)
    return str(value)


class _Runner:
    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.d = ctx.dictionary
        self.findings: list[Finding] = []
        self._paths: dict[tuple[str, str | None, bool], tuple[str, bool]] = {}
        self._levels: dict[str, str] = {}

    def field_path(self, segment_kind: str, element_id: str | None, index: int | None) -> str:
        """Path of an element inside a segment: "age", "weapons[1]", "items[2].value"."""
        key = (segment_kind, element_id, index is not None)
        cached = self._paths.get(key)
        if cached is None:
            cached = self._paths[key] = self._field_template(segment_kind, element_id, index is not None)
        template, indexed = cached
        return template.format(index) if indexed else template

    def _field_template(self, segment_kind: str, element_id: str | None, has_index: bool) -> tuple[str, bool]:
        element = self.d.elements.get(element_id or "")
        if element is None:
            return "", False
        p = element.placement(segment_kind)
        if p is not None:
            name = p.field or element.id
            if has_index and element.multiple:
                return name + "[{}]", True
            return name, False
        for g in self.d.groups_of(segment_kind):  # a member of a repeating group in this segment
            gp = element.placement(g.id)
            if gp is not None:
                return (g.field + "[{}]." + (gp.field or element.id), True) if has_index else (g.field, False)
        return "", False

    def level(self, segment_kind: str) -> str:
        level = self._levels.get(segment_kind)
        if level is None:
            if segment_kind in SEGMENT_LISTS:
                level = SEGMENT_LISTS[segment_kind][1]
            elif segment_kind in self.d.segments:
                level = self.d.segments[segment_kind].level
            else:
                level = ""
            self._levels[segment_kind] = level
        return level

    def emit(self, r: Rule, h: Hit, segment_kind: str, base_path: str, segment: m.Segment | None,
             report: m.Report) -> None:
        element_id = h.element if h.element is not None else (r.elements[0] if r.elements else "")
        rel = h.path if h.path is not None else self.field_path(segment_kind, element_id, h.index)
        path = f"{base_path}.{rel}" if base_path and rel else (base_path or rel)
        value = _text(h.value)
        message = r.message.format(detail=h.detail, value=value) if "{" in r.message else r.message
        offense_code = sequence = loss_type = ""
        if isinstance(segment, m.Offense):
            offense_code = segment.offense_code or ""
        elif isinstance(segment, (m.Victim, m.Offender, m.Arrestee, m.GroupBArrest)):
            seq = segment.sequence_number
            sequence = "" if not isinstance(seq, int) else f"{seq:03d}"
        elif isinstance(segment, m.Property):
            loss_type = segment.loss_type or ""
        if isinstance(report, m.GroupAIncident):
            ident = report.incident_number or ""
        elif isinstance(report, m.GroupBArrest):
            ident = report.arrest_transaction_number or ""
        else:
            ident = "000000000000"
        source = getattr(segment, "source", None) or getattr(report, "source", None)
        element = self.d.elements.get(element_id or "")
        self.findings.append(Finding(
            error=r.number, severity=r.severity_for(self.ctx), message=message, fix=r.fix,
            segment=segment_kind, element=element_id or "", path=path, value=value,
            ori=report.ori or "", incident=ident, segment_level=self.level(segment_kind),
            record=source.record if source else 0, file=source.path if source else "",
            action=self.ctx.action, offense_code=offense_code, sequence=sequence, loss_type=loss_type,
            extra={"rule": r.name, "data_element": element.number if element is not None else "",
                   "fbi_message": r.fbi_message, "line": source.line if source else 0},
        ))

    def hit(self, r: Rule, h: Hit | bool, segment_kind: str, base_path: str, segment, report) -> None:
        """Record one thing a rule found (``True`` stands for a hit on the rule's first element)."""
        if h is True:
            h = Hit()
        if isinstance(report, m.GroupAIncident) and segment_kind == "incident" and h.segment_path:  # type: ignore[union-attr]
            seg = _resolve(report, h.segment_path)  # type: ignore[union-attr]
            kind = _kind_of(h.segment_path)  # type: ignore[union-attr]
            self.emit(r, h, kind, h.segment_path, seg, report)  # type: ignore[arg-type, union-attr]
        else:
            self.emit(r, h, segment_kind, base_path, segment, report)  # type: ignore[arg-type]


def _kind_of(segment_path: str) -> str:
    head = segment_path.split("[", 1)[0]
    for kind, (list_field, _level) in SEGMENT_LISTS.items():
        if list_field == head:
            return kind
    return "incident"


def _resolve(report: m.GroupAIncident, segment_path: str) -> m.Segment:
    head, _, rest = segment_path.partition("[")
    return getattr(report, head)[int(rest.split("]", 1)[0])]


_SEGMENT_ORDER = tuple((kind, list_field) for kind, (list_field, _level) in SEGMENT_LISTS.items())


def _pick(plan: _Plan, segment, report, ctx: Context, guards: bool, chosen: set[int] | None) -> tuple:
    """The plan's rules for a segment: those whose guard holds (all with ``guards`` off), limited to ``chosen``."""
    selected = plan.select(segment, report, ctx) if guards else plan.all
    if chosen is not None:
        selected = tuple(p for p in selected if id(p[0]) in chosen)
    return selected


def validate(report: m.Report, ctx: Context | None = None, *, rules: Iterable[Rule] | None = None,
             guards: bool = True) -> list[Finding]:
    """Every finding of the applicable rules on a Group A incident, Group B arrest or zero report.

    ``rules`` limits the run to those rules (live validation); ``guards=False`` runs every rule
    on every segment, even where its guard says it can find nothing (to check the guards).
    """
    ctx = ctx or Context()
    plans = REGISTRY.plans(ctx)
    if ctx.memo:
        ctx.memo.clear()
    chosen = None if rules is None else {id(r) for r in rules}
    runner: _Runner | None = None
    fast = guards and chosen is None  # a whole report checked the usual way: no filtering of the plans
    if isinstance(report, m.GroupAIncident):
        kind = "incident"
        plan = plans[kind]
        if fast and plan.mask is not None:
            chosen_rules = plan._selected.get(plan.mask(report, report, ctx)) or plan.select(report, report, ctx)
        else:
            chosen_rules = _pick(plan, report, report, ctx, guards, chosen)
        for r, func in chosen_rules:
            found = func(report, ctx)
            if found is not None:
                for h in found:
                    if h is not None and h is not False:
                        runner = runner or _Runner(ctx)
                        runner.hit(r, h, kind, "", report, report)
        for kind, list_field in _SEGMENT_ORDER:
            segments = getattr(report, list_field)
            if not segments:
                continue
            plan = plans[kind]
            if not plan.rules:
                continue
            mask, selected = plan.mask, plan._selected
            for i, segment in enumerate(segments):
                if fast and mask is not None:
                    chosen_rules = selected.get(mask(segment, report, ctx))
                    if chosen_rules is None:
                        chosen_rules = plan.select(segment, report, ctx)
                else:
                    chosen_rules = _pick(plan, segment, report, ctx, guards, chosen)
                for r, func in chosen_rules:
                    found = func(segment, report, ctx)
                    if found is not None:
                        for h in found:
                            if h is not None and h is not False:
                                runner = runner or _Runner(ctx)
                                runner.hit(r, h, kind, f"{list_field}[{i}]", segment, report)
    elif isinstance(report, (m.GroupBArrest, m.ZeroReport)):
        kind = report.KIND
        plan = plans[kind]
        if fast and plan.mask is not None:
            chosen_rules = plan._selected.get(plan.mask(report, report, ctx)) or plan.select(report, report, ctx)
        else:
            chosen_rules = _pick(plan, report, report, ctx, guards, chosen)
        for r, func in chosen_rules:
            found = func(report, ctx)
            if found is not None:
                for h in found:
                    if h is not None and h is not False:
                        runner = runner or _Runner(ctx)
                        runner.hit(r, h, kind, "", report, report)
    else:
        raise TypeError(f"cannot validate {type(report).__name__}")
    return runner.findings if runner is not None else []


def _parse_path(path: str) -> list[tuple[str, int | None]]:
    out: list[tuple[str, int | None]] = []
    for part in (p for p in path.split(".") if p):
        name, bracket, rest = part.partition("[")
        index = None
        if bracket:
            digits = rest.split("]", 1)[0]
            index = int(digits) if digits.isdigit() else None
        out.append((name, index))
    return out


def _walk_kinds(report: m.Report, parts: list[tuple[str, int | None]]) -> tuple[str, int]:
    """The segment or group kind the path ends in, and how many leading parts name segments."""
    kind = report.KIND
    used = 0
    for name, _index in parts:
        for child_kind, (parent, list_field) in m.CHILD_FIELDS.items():
            if parent == kind and list_field == name:
                kind = child_kind
                used += 1
                break
        else:
            break
    return kind, used


def element_at(report: m.Report, path: str, d: Dictionary | None = None) -> str | None:
    """The data element id a model path points at ("victims[1].age" -> "26")."""
    d = d or fbi_dictionary()
    parts = _parse_path(path)
    if not parts:
        return None
    kind, used = _walk_kinds(report, parts[:-1])
    if used != len(parts) - 1:
        return None
    last = parts[-1][0]
    element = d.for_field(kind, last)
    if element is not None:
        return element.id
    for e, p in d.profile_elements(kind):
        if (p.field or e.id) == last:
            return e.id
    return None


def elements_at(report: m.Report, path: str, d: Dictionary | None = None) -> list[str]:
    """The data elements a path covers: one for a field, every element of a segment or group row."""
    d = d or fbi_dictionary()
    one = element_at(report, path, d)
    if one is not None:
        return [one]
    parts = _parse_path(path)
    if not parts:
        return []
    kind, used = _walk_kinds(report, parts)
    if used != len(parts):
        return []
    kinds = [kind, *(g.id for g in d.groups_of(kind))]
    return [e.id for k in kinds for e, _p in d.in_segment(k)]


def validate_field(report: m.Report, path: str, ctx: Context | None = None) -> list[Finding]:
    """Findings of the rules that look at the element at ``path`` (for live feedback while typing).

    ``path`` names a field ("victims[3].age", "offenses[0].weapons[1]",
    "properties[0].items[2].value"); a path naming a segment or a group row ("victims[3]",
    "victims[3].relationships[0]", after adding or removing one) covers every element of it,
    and the empty path the whole report. The rules run over the whole report, so the result
    replaces, in the caller's view, every earlier finding of the same rules
    (``rules_for_path`` lists them).
    """
    ctx = ctx or Context()
    if not path:
        return validate(report, ctx)
    chosen = rules_for_path(report, path, ctx.dictionary)
    if not chosen:
        return []
    return validate(report, ctx, rules=chosen)


def rules_for_path(report: m.Report, path: str, d: Dictionary | None = None) -> list[Rule]:
    """The rules a live check of ``path`` runs (those that read any element the path covers)."""
    if not path:
        REGISTRY.load()
        return list(REGISTRY.rules)
    seen: dict[int, Rule] = {}
    for element_id in elements_at(report, path, d or fbi_dictionary()):
        for r in REGISTRY.for_element(element_id):
            seen.setdefault(id(r), r)
    return list(seen.values())

