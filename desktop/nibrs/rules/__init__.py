"""FBI NIBRS edits, offline. See :mod:`desktop.nibrs.rules.engine` for how a rule is declared.

Public API:
  validate(report, ctx)            every finding on a Group A incident, Group B arrest or zero report
  validate_field(report, path, ctx) findings of the rules that look at one field (live feedback)
  Context                           spec version, profile, agency facts, submission month, history
  REGISTRY                          every declared rule
"""

from desktop.nibrs.rules.engine import (  # noqa: F401
    REGISTRY, SPEC_VERSIONS, Context, History, Hit, Rule, code_set, element_at, elements_at, hit, predicate, rule,
    rules_for_path, validate, validate_field,
)
