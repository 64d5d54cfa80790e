"""The agency's state profile, applied to a store: its dictionary, version and edits."""

from __future__ import annotations

from desktop.nibrs.profiles import FBI, Profile, get_profile, load_profiles, migrate_extras


def apply_agency_profile(store) -> Profile:
    """Load the profiles (shipped and installed in the data folder) and use the agency's one. A profile file that
    was refused (a mistake, or one loosening a shipped restriction) is in ``store.profile_errors`` (file:line: why)."""
    store.profile_errors = [str(e) for e in load_profiles(store.db.data_dir).errors]
    agency = store.agency()
    pid = agency.state_profile if agency else FBI
    try:
        profile = get_profile(pid)
    except KeyError:
        profile = get_profile(FBI)
    store.dictionary = profile.dictionary
    store.profile = profile.id
    store.profile_version = profile.version
    store.migrate_extras = (lambda version, extras: migrate_extras(profile, version, extras)) \
        if profile.migrations else None
    return profile
