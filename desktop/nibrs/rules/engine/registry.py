"""Rules and their registry: what a rule declares, and the rules that apply in a context."""

from __future__ import annotations

import importlib
import pkgutil
import threading
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from desktop.nibrs.findings import ERROR, WARNING
from desktop.nibrs.rules.engine.context import RULE_SEGMENTS, Context
from desktop.nibrs.rules.engine.guards import Condition


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
    profiles: frozenset[str] | None = None  # profiles the rule applies to; None = all
    not_profiles: frozenset[str] = frozenset()
    actions: frozenset[str] | None = None  # segment action types; None = any but D (delete)
    when: tuple[str, ...] = ()  # guard conditions (see the module docstring); () = always run

    @property
    def name(self) -> str:
        return getattr(self.func, "__name__", self.number)

    def applies(self, ctx: Context) -> bool:
        """The rule runs in this context: its number exists in the spec version (as the versions' declarations
        say), the profile and the action type are its."""
        if not ctx.dictionary.specs.edit_applies(self.number, ctx.spec_version):
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
        """The declared severity (the 2019.1 statement), or the one a later spec version gives the number."""
        return ctx.dictionary.specs.severity(self.number, ctx.spec_version, self.severity)


class Registry:
    def __init__(self) -> None:
        self.rules: list[Rule] = []
        self._loaded = False
        self._lock = threading.Lock()
        self._generation = 0  # counts the changes to the rule list: plans made before a change are not used
        self._by_element: dict[str, list[Rule]] = {}
        self._cached_for: tuple = ()
        self._last: tuple | None = None  # the plans asked for last (a file asks for the same ones again and again)

    def add(self, r: Rule) -> Rule:
        if r.segment not in RULE_SEGMENTS:
            raise ValueError(f"rule {r.number} ({r.name}): unknown segment {r.segment!r}")
        if r.severity not in (ERROR, WARNING):
            raise ValueError(f"rule {r.number} ({r.name}): severity must be error or warning")
        for condition in r.when:
            try:
                Condition.parse(condition, r.segment)
            except ValueError as exc:
                raise ValueError(f"rule {r.number} ({r.name}): {exc}") from None
        self.rules.append(r)
        self._changed()
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
            self._changed()
            self._cached_for = stamp

    def _changed(self) -> None:
        self._generation += 1
        self._last = None
        self._by_element.clear()

    def remove(self, rules: Iterable[Rule]) -> None:
        gone = {id(r) for r in rules}
        self.rules[:] = [r for r in self.rules if id(r) not in gone]
        self._changed()

    def plans(self, ctx: Context) -> dict[str, "Plan"]:
        """Segment kind -> the plan of the rules that apply in this context (cached per spec, profile, action
        and dictionary)."""
        if not self._loaded:
            self.load()
        self._fresh()
        last = self._last  # (spec, profile, action, dictionary, plans): a file asks for the same again and again
        if last is not None and last[0] == ctx.spec_version and last[1] == ctx.profile and last[2] == ctx.action \
                and last[3] is ctx.dictionary:
            return last[4]
        made = ctx.dictionary.cached(("rule plans", self), dict)  # (spec, profile, action, generation) -> plans
        key = (ctx.spec_version, ctx.profile, ctx.action, self._generation)
        found = made.get(key)
        if found is None:
            for old in [k for k in made if k[3] != self._generation]:
                del made[old]
            # what predicate factories may know: the plan is made per spec version, profile, action and dictionary
            probe = Context(spec_version=ctx.spec_version, profile=ctx.profile, action=ctx.action,
                            dictionary=ctx.dictionary)
            found = made[key] = {
                kind: Plan(kind, [r for r in self.rules if r.segment == kind and r.applies(ctx)], probe)
                for kind in RULE_SEGMENTS}
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
         severity: str = ERROR, fbi_message: str = "", profiles: Iterable[str] | None = None,
         not_profiles: Iterable[str] = (), actions: Iterable[str] | None = None,
         when: Iterable[str] | str = ()) -> Callable:
    """Declare a rule; see the module docstring. In which spec versions the number exists, and at which
    severity, is the versions' declarations' to say (resources/dictionary/specs/), not the rule's."""

    def register(func: Callable) -> Callable:
        REGISTRY.add(Rule(
            number=number, segment=segment, message=message, fix=fix, func=func, elements=tuple(elements),
            severity=severity, fbi_message=fbi_message,
            profiles=None if profiles is None else frozenset(profiles), not_profiles=frozenset(not_profiles),
            actions=None if actions is None else frozenset(actions),
            when=(when,) if isinstance(when, str) else tuple(when),
        ))
        return func

    return register


class Plan:
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
        self.context = ctx  # what the generated code may know: spec version, profile, action, dictionary
        self.conditions = tuple(Condition.parse(c, kind) for c in conditions)  # bit i: conditions[i]
        self.mask = None
        if conditions:
            from desktop.nibrs.rules.engine.guardgen import compile_mask  # generated code: its own module

            self.mask = compile_mask(kind, self.conditions, ctx)

    def select(self, segment, report, ctx: Context) -> tuple:
        if self.mask is None:
            return self.all
        bits = self.mask(segment, report, ctx)
        found = self._selected.get(bits)
        if found is None:
            found = self._selected[bits] = tuple(pair for pair, need in zip(self.all, self.bits)
                                                  if need < 0 or need & bits)
        return found
