from campaigns.tests.conftest import campaign, index  # noqa: F401  (the mailing tests' campaign)
