"""The agency's state profile, applied to a store: its dictionary, version and edits, with the agency's own
local elements (desktop.nibrs.local) joined to it."""

from __future__ import annotations

from desktop.nibrs.local import combine, load_local
from desktop.nibrs.profiles import FBI, Profile, ProfileError, get_profile, load_profiles, migrate_extras


def apply_agency_profile(store) -> Profile:
    """Load the profiles (shipped and installed in the data folder) and use the agency's one, with the local
    elements of the data folder's local.yaml (or the shipped defaults). A profile file that was refused (a mistake,
    or one loosening a shipped restriction) is in ``store.profile_errors`` (file:line: why); a broken local.yaml is
    set aside with its problem in ``store.local_error`` (file, line), and the shipped defaults are used meanwhile."""
    store.profile_errors = [str(e) for e in load_profiles(store.db.data_dir).errors]
    agency = store.agency()
    pid = agency.state_profile if agency else FBI
    try:
        state = get_profile(pid)
    except KeyError:
        state = get_profile(FBI)
    store.local_error = None
    try:
        local = load_local(store.db.data_dir)
    except (ProfileError, OSError) as exc:
        store.local_error = str(exc)
        local = load_local(None)
    try:
        profile = combine(state, local)
    except ProfileError as exc:
        store.local_error = str(exc)
        profile = state
    store.profile_spec = profile
    store.dictionary = profile.dictionary
    store.profile = profile.id
    store.profile_version = profile.version
    store.migrate_extras = (lambda version, extras: migrate_extras(profile, version, extras)) \
        if profile.migrations else None
    return profile
