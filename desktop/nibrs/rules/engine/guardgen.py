"""The guards' code generator: one function per segment kind that computes a segment's guard bits.

Bit i of the result stands for the kind's i-th distinct guard condition; the plan of the kind
runs the rules whose guard has a bit set (see :class:`desktop.nibrs.rules.engine.registry.Plan`).
Several value conditions on one field are answered by one table look-up per value.

``python -m desktop.nibrs.rules.engine.guardgen KIND [--spec 2025.0] [--profile mo] [--action D]``
prints the function generated for a kind (``victim``), with the condition of each bit.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any, Callable, Sequence

from desktop.nibrs.rules.engine.context import DEFAULT_SPEC, RULE_SEGMENTS, SPEC_VERSIONS, Context
from desktop.nibrs.rules.engine.guards import CODE_SETS, OWN_ROWS, PREDICATES, Condition


def expression(c: Condition, var: str, names: dict[str, Any]) -> str:
    """A Python expression testing the condition on ``var`` (a segment or a row).

    For the segment itself (``var`` "seg") the mask function has bound each field it tests to
    a local ``s_<field>`` and the ``invalid`` map to ``inv``.
    """
    if c.text.startswith("@"):
        key = f"P_{c.text[1:]}"
        func, factory = PREDICATES[c.text[1:]]
        if factory:
            names[key] = func(names["_ctx"])
            return f"{key}({var})"
        names[key] = func
        return f"{key}({var}, ctx)"
    f = c.field
    value, inv = (f"s_{f}", "inv") if var == "seg" else (f"{var}.{f}", f"{var}.invalid")
    if c.minimum is not None:
        return f"(type({value}) is int and {value} >= {c.minimum})"
    if c.at_least:
        return f"(len({value}) >= {c.at_least})"
    if c.absent:
        if c.many:  # a list: empty (never "" or None)
            return f"(not {value} and not ({inv} and _has_invalid({inv}, {f!r})))"
        return f"({value} in _BLANK and not ({inv} and _has_invalid({inv}, {f!r})))"
    if c.values is None:
        if c.many:
            return f"({value} or ({inv} and _has_invalid({inv}, {f!r})))"
        return f"({value} is not None or ({inv} and _has_invalid({inv}, {f!r})))"
    key = f"V{len(names)}"
    names[key] = CODE_SETS[c.value_set](names["_ctx"]) if c.value_set else c.values
    if c.many:  # some entry is (or, negated, is not) one of the values
        if c.negate:
            return f"(not {key}.issuperset({value}))"
        return f"(not {key}.isdisjoint({value}))"
    return f"({value} {'not in' if c.negate else 'in'} {key})"


_EMPTY = (None, [])  # "" counts as a value: a rule may well look at it (the readers never leave "")
_BLANK = (None, "", [])  # ... and as no value for "!field": either way the rule runs on "" ("!field" or "field")


def _has_invalid(invalid: dict[str, str], field_name: str) -> bool:
    prefix = field_name + "["
    return any(k == field_name or k.startswith(prefix) for k in invalid)


def generate(kind: str, conditions: Sequence[Condition], ctx: Context) -> tuple[str, dict[str, Any]]:
    """The source of the function that computes a segment's guard bits, and the names it refers to.

    One pass over each list of rows. Bit i stands for ``conditions[i]``. The parts of a conjunction
    ("a & b") are evaluated as conditions of their own on bits above those (dropped from the
    result), then combined.
    """
    names: dict[str, Any] = {"_EMPTY": _EMPTY, "_BLANK": _BLANK, "_has_invalid": _has_invalid, "_ctx": ctx}
    every: list[Condition] = list(conditions)
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
    by_rows: dict[str, list[tuple[int, Condition]]] = {}
    for i, c in every_own:
        if c.rows:
            by_rows.setdefault(c.rows, []).append((i, c))
    invalid_bit = 1 << index["invalid"] if "invalid" in index else 0
    plain, tables = _tabled(plain)
    for i, c in plain:
        if c.text == "invalid":
            lines.append(f"    if inv: bits |= {1 << i}")
        else:
            lines.append(f"    if {expression(c, 'seg', names)}: bits |= {1 << i}")
    lines.extend(_table_lines(tables, "seg", "    ", names))
    own_rows = {lf for lf, _c in OWN_ROWS.get(kind, ())}
    for rows, items in by_rows.items():
        lines.append(f"    for row in seg.{rows}:")
        items, tables = _tabled(items)
        for i, c in items:
            lines.append(f"        if {expression(c, 'row', names)}: bits |= {1 << i}")
        lines.extend(_table_lines(tables, "row", "        ", names))
        if invalid_bit and rows in own_rows:
            lines.append(f"        if row.invalid: bits |= {invalid_bit}")
    if invalid_bit:
        for rows in own_rows - set(by_rows):
            lines.append(f"    for row in seg.{rows}:")
            lines.append(f"        if row.invalid: bits |= {invalid_bit}")
    report_rows: dict[str, list[tuple[int, Condition]]] = {}
    for i, c in on_report:
        if c.rows:
            report_rows.setdefault(c.rows, []).append((i, c))
        else:
            lines.append(f"    if {expression(c, 'report', names)}: bits |= {1 << i}")
    for rows, items in report_rows.items():
        lines.append(f"    for row in report.{rows}:")
        for i, c in items:
            lines.append(f"        if {expression(c, 'row', names)}: bits |= {1 << i}")
    for i, part_bits in conjunctions:
        lines.append(f"    if bits & {part_bits} == {part_bits}: bits |= {1 << i}")
    if len(every) > len(conditions):
        lines.append(f"    return bits & {visible}")
    else:
        lines.append("    return bits")
    return "\n".join(lines), names


def compile_mask(kind: str, conditions: Sequence[Condition], ctx: Context) -> Callable[[Any, Any, Context], int]:
    """The function that computes a segment's guard bits (made once per plan)."""
    source, names = generate(kind, conditions, ctx)
    exec(compile(source, f"<guards of {kind}>", "exec"), names)
    return names["mask"]


def _tabled(conditions: list[tuple[int, Condition]]) -> tuple[list[tuple[int, Condition]], dict]:
    """Split off the value conditions ("field=A|B", "field!=@set") of fields tested by two or more of them:
    those are answered by one table look-up per value (:func:`_table_lines`) instead of a test each."""
    by_field: dict[tuple[str, bool], list[tuple[int, Condition]]] = {}
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
            values = CODE_SETS[c.value_set](names["_ctx"]) if c.value_set else c.values
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


def mask_source(kind: str, ctx: Context | None = None) -> str:
    """The guard function generated for a kind in a context, as Python source, with what each bit means."""
    from desktop.nibrs.rules.engine.registry import REGISTRY

    if kind not in RULE_SEGMENTS:
        raise KeyError(f"no rule segment {kind!r}; one of {', '.join(RULE_SEGMENTS)}")
    ctx = ctx or Context()
    plan = REGISTRY.plans(ctx)[kind]
    head = [f"# guards of {kind} (spec {ctx.spec_version}, profile {ctx.profile}, action {ctx.action}): "
            f"{len(plan.rules)} rules, {sum(1 for b in plan.bits if b < 0)} of them unguarded"]
    if not plan.conditions:
        return "\n".join(head + ["# no guard conditions: every rule runs on every segment", ""])
    head += [f"# bit {i}: {c.text}" for i, c in enumerate(plan.conditions)]
    source, _names = generate(kind, plan.conditions, plan.context)
    return "\n".join(head + [source, ""])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.nibrs.rules.engine.guardgen",
                                     description="Print the guard function generated for a rule segment kind.")
    parser.add_argument("kind", help=f"one of {', '.join(RULE_SEGMENTS)}")
    parser.add_argument("--spec", default=DEFAULT_SPEC, choices=SPEC_VERSIONS)
    parser.add_argument("--profile", default="fbi")
    parser.add_argument("--action", default="I")
    args = parser.parse_args(argv)
    if args.kind not in RULE_SEGMENTS:
        parser.error(f"no rule segment {args.kind!r}; one of {', '.join(RULE_SEGMENTS)}")
    sys.stdout.write(mask_source(args.kind, Context(spec_version=args.spec, profile=args.profile, action=args.action)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
