from campaigns.tests.conftest import campaign, index  # noqa: F401  (a page to publish)
