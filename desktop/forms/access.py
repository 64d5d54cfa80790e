"""What a signed-in person may see of a report: restricted state-profile fields only when granted.

The store strips restricted values from the reports it hands to people not granted them
(``StoredRecord.restricted_hidden``) and refuses them on save; the wizard and printouts leave
those fields out altogether, so nobody is shown an empty field they may not fill in.
No Qt here.
"""

from __future__ import annotations

import dataclasses

from desktop.forms.spec import FormSpec, PageSpec, form
from desktop.store import users


def hidden_elements(store) -> frozenset[str]:
    """Ids of the restricted elements the signed-in person may not see (none for the system)."""
    actor = store.actor
    if actor is None or actor.can(users.RESTRICTED):
        return frozenset()
    return frozenset(e.id for e in store.dictionary.elements.values() if e.restricted)


def restricted_names(store) -> str:
    """The restricted fields in words, as the forms label them ("Immigration status")."""
    names = [(e.label or e.name).replace("&&", "\0").replace("&", "").replace("\0", "&")
             for e in store.dictionary.elements.values() if e.restricted]
    return ", ".join(dict.fromkeys(names))


def may_edit(store, record) -> bool:
    """Whether the signed-in person may change a stored report (the store's rule, to say so up front)."""
    actor = store.actor
    if actor is None:
        return False
    if actor.can(users.EDIT_ANY):
        return True
    own = record.created_by == store.user and record.status in ("draft", "ready", "rejected")
    return own and actor.can(users.EDIT_OWN_DRAFT)


def visible_form(form: FormSpec, hidden: frozenset[str]) -> FormSpec:
    """The form without the fields of ``hidden`` elements (the same object when nothing is hidden)."""
    if not hidden:
        return form

    def keep(fields):
        return tuple(f for f in fields if f.element.id not in hidden)

    pages = []
    for page in form.pages:
        rows = tuple(dataclasses.replace(r, fields=keep(r.fields)) for r in page.rows)
        pages.append(dataclasses.replace(page, fields=keep(page.fields), fields_after=keep(page.fields_after),
                                         rows=rows))
    return dataclasses.replace(form, pages=tuple(pages))


def form_for(store, name: str) -> FormSpec:
    """A wizard's form as the signed-in person sees it: with the pages of the agency's state profile, without
    the restricted fields they may not see."""
    from desktop.nibrs.profiles import get_profile

    profile = getattr(store, "profile_spec", None)  # the state's with the agency's local elements
    if profile is None or profile.id != store.profile:
        try:
            profile = get_profile(store.profile)
        except KeyError:  # a profile no longer installed: the FBI's form
            profile = None
    return visible_form(form(name, store.dictionary, profile), hidden_elements(store))


def hidden_on_page(page: PageSpec, hidden: frozenset[str], dictionary) -> list[str]:
    """Names of the hidden elements that belong to the segments a page holds."""
    if not hidden:
        return []
    kinds = {page.section or page.segment} | {r.group.id for r in page.rows}
    names = []
    for kind in kinds:
        if not kind:
            continue
        for element, _placement in dictionary.profile_elements(kind):
            if element.id in hidden and element.name not in names:
                names.append(element.name)
    return names


__all__ = ["form_for", "hidden_elements", "may_edit", "restricted_names", "visible_form", "hidden_on_page"]
