"""The wizard's forms without Qt: form files read into specs (``spec``), their conditions and choices
(``conditions``), typed entries read into values (``entry``), paths into a report (``binding``), and
what a signed-in person may see of a report (``access``).

``from desktop import forms`` gives the specs, conditions and choices (``forms.Scope``,
``forms.holds``, ``forms.offered``...); the other modules are imported by name.
"""

from desktop.forms.conditions import Agency, Scope, allowed_everywhere, holds, offered, read_value
from desktop.forms.spec import (
    FieldSpec, FormError, FormSpec, PageSpec, PromptSpec, RowsSpec, form, load_form, parse_form, read_yaml,
)

__all__ = ["Agency", "FieldSpec", "FormError", "FormSpec", "PageSpec", "PromptSpec", "RowsSpec", "Scope",
           "allowed_everywhere", "form", "holds", "load_form", "offered", "parse_form", "read_value", "read_yaml"]
