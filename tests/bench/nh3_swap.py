"""pytest plugin: run safety/tests/test_sanitize.py with the bench's nh3 configuration.

``python -m pytest -p tests.bench.nh3_swap safety/tests/test_sanitize.py`` answers the
question the sanitiser decision hangs on: would nh3, configured like each profile, keep
every promise the sanitiser's tests check? The bench reports the pass/fail counts.
"""

import pytest


@pytest.fixture(autouse=True)
def _nh3_backend(monkeypatch):
    import nh3

    from safety import sanitize
    from tests.bench.sanitiser import nh3_cleaners

    cleaners = nh3_cleaners()
    names = {id(profile): name for name, profile in sanitize.PROFILES.items()}
    # strip_tags_to_text's internal profile: no markup but <br>.
    text_only = nh3.Cleaner(
        tags={"br"},
        attributes={"*": set()},
        clean_content_tags=set(sanitize._DROP_WITH_CONTENT),
        link_rel=None,
    )

    def clean(value, profile):
        name = names.get(id(profile))
        return cleaners[name].clean(value) if name else text_only.clean(value)

    monkeypatch.setattr(sanitize, "_backend", lambda: clean)
