"""Small, safe conditions for state profiles: ``sequence_number != 0 and mo_immigration_status is None``.

A profile says when an element is required and when a state edit fires with a condition
over the segment it belongs to. Conditions are Python expressions restricted to comparisons,
``and``/``or``/``not``, constants, lists, the segment's fields and profile values by name,
``incident.<field>`` for the incident a segment belongs to, and a few functions:
``has_offense('13A', '09A')``, ``blank(x)``, ``len(x)``, ``age_under(age, 18)``.
Nothing else is evaluated (no attribute access beyond ``incident.``, no calls beyond these).
"""

from __future__ import annotations

import ast
import operator
from typing import Any

from desktop.nibrs import age as nibrs_age


class ConditionError(ValueError):
    pass


_CMP = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge, ast.In: lambda a, b: a in b, ast.NotIn: lambda a, b: a not in b,
    ast.Is: operator.is_, ast.IsNot: operator.is_not,
}
_ALLOWED = (ast.Expression, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.Compare, ast.Name, ast.Load,
            ast.Constant, ast.List, ast.Tuple, ast.Call, ast.Attribute, *(_CMP))


def _blank(x: Any) -> bool:
    return x is None or x == "" or x == [] or x == ()


def _age_under(age_code: Any, years: int) -> bool:
    top = nibrs_age.maximum(age_code if isinstance(age_code, str) else None)
    return top is not None and top < years


class Condition:
    """A compiled condition; ``evaluate(segment, incident)`` gives True or False."""

    def __init__(self, text: str):
        self.text = text
        try:
            tree = ast.parse(text.strip(), mode="eval")
        except SyntaxError as exc:
            raise ConditionError(f"cannot read the condition {text!r}: {exc.msg}") from None
        for node in ast.walk(tree):
            if not isinstance(node, _ALLOWED):
                raise ConditionError(f"{type(node).__name__} is not allowed in a condition: {text!r}")
            if isinstance(node, ast.Attribute) and not (isinstance(node.value, ast.Name) and node.value.id == "incident"):
                raise ConditionError(f"only incident.<field> may be used with a dot: {text!r}")
            if isinstance(node, ast.Call):
                if not isinstance(node.func, ast.Name) or node.func.id not in ("has_offense", "blank", "len",
                                                                                  "age_under"):
                    raise ConditionError(f"unknown function in condition {text!r}")
        self.tree = tree
        self.names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} - {"incident", "has_offense", "blank",
                                                                                  "len", "age_under", "None", "True",
                                                                                  "False"}

    def evaluate(self, segment: Any, incident: Any = None) -> bool:
        return bool(self._eval(self.tree.body, segment, incident))

    def _name(self, name: str, segment: Any) -> Any:
        if segment is None:
            return None
        if hasattr(segment, name) and name not in ("extras", "invalid", "source"):
            return getattr(segment, name)
        extras = getattr(segment, "extras", None) or {}
        return extras.get(name)

    def _eval(self, node: ast.AST, segment: Any, incident: Any) -> Any:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, (ast.List, ast.Tuple)):
            return [self._eval(e, segment, incident) for e in node.elts]
        if isinstance(node, ast.Name):
            return self._name(node.id, segment)
        if isinstance(node, ast.Attribute):
            return self._name(node.attr, incident)
        if isinstance(node, ast.BoolOp):
            if isinstance(node.op, ast.And):
                return all(self._eval(v, segment, incident) for v in node.values)
            return any(self._eval(v, segment, incident) for v in node.values)
        if isinstance(node, ast.UnaryOp):
            return not self._eval(node.operand, segment, incident)
        if isinstance(node, ast.Compare):
            left = self._eval(node.left, segment, incident)
            for op, comp in zip(node.ops, node.comparators):
                right = self._eval(comp, segment, incident)
                try:
                    ok = _CMP[type(op)](left, right)
                except TypeError:  # None compared with a number: the condition does not hold
                    return False
                if not ok:
                    return False
                left = right
            return True
        if isinstance(node, ast.Call):
            args = [self._eval(a, segment, incident) for a in node.args]
            fn = node.func.id
            if fn == "has_offense":
                codes = set(incident.offense_codes()) if incident is not None else set()
                return bool(codes & set(args))
            if fn == "blank":
                return _blank(args[0])
            if fn == "len":
                return len(args[0] or ())
            if fn == "age_under":
                return _age_under(args[0], int(args[1]))
        raise ConditionError(f"cannot evaluate {ast.dump(node)}")  # pragma: no cover

    def __repr__(self) -> str:
        return f"Condition({self.text!r})"
