"""`make test` runs both suites in parallel, and ARGS can still make it serial."""

from tests.run_suites import PARALLEL, pytest_args


def test_parallel_by_default():
    assert pytest_args([]) == PARALLEL
    assert pytest_args(["-x", "people"]) == [*PARALLEL, "-x", "people"]


def test_a_later_worker_count_wins():
    # pytest keeps the last -n it is given.
    assert pytest_args(["-n", "0"])[-2:] == ["-n", "0"]


def test_without_the_plugin_no_xdist_options():
    assert pytest_args(["-p", "no:xdist"]) == ["-p", "no:xdist"]
    assert pytest_args(["-pno:xdist", "-x"]) == ["-pno:xdist", "-x"]
