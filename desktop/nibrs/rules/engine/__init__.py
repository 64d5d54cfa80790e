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
  severity          "error" (default) or "warning", as the 2019.1 specification states it
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

Spec versions are data, not code: which versions a number exists in (added, removed) and its severity in
each are declared in ``resources/dictionary/specs/<version>.yaml`` (``desktop.nibrs.specs``); the engine
asks ``ctx.dictionary.specs`` when it plans a context and when it gives a finding its severity. A rule
module never tests the version (a test checks it).

Hits name the element they point at (``hit("26", value)``), an entry of a multi-valued
element or a row of a repeating group (``index=``), and for an incident-level rule the
segment (``segment_path="victims[1]"``); the engine turns them into :class:`Finding` objects
with the path the wizard jumps to.

The package's modules: ``context`` (spec versions, Context, History), ``guards`` (the guard
language), ``guardgen`` (the code generated from a kind's guards), ``registry`` (Rule, the
registry, ``@rule``) and ``runner`` (validate, live checks). Import from here.
"""

from desktop.nibrs.rules.engine.context import (  # noqa: F401
    DEFAULT_SPEC, REPORT_KINDS, RULE_SEGMENTS, SEGMENT_LISTS, SPEC_VERSIONS, Context, History, memo,
)
from desktop.nibrs.rules.engine.guards import code_set, predicate  # noqa: F401
from desktop.nibrs.rules.engine.registry import REGISTRY, Hit, Registry, Rule, hit, rule  # noqa: F401
from desktop.nibrs.rules.engine.runner import (  # noqa: F401
    element_at, elements_at, rules_for_path, validate, validate_field,
)
