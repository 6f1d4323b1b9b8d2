"""django-treebeard's private names that core/upstream/treebeard.py relies on:
each test fails loudly when an upgrade removes one or changes its shape.
Re-check the fence against the new version, then update CHECKED_AGAINST."""

import importlib.metadata
import inspect

import pytest
from treebeard.mp_tree import MP_Node
from wagtail.models import Page

from core.upstream import treebeard as fence


def test_the_fence_names_the_installed_version_or_says_what_to_check():
    installed = importlib.metadata.version("django-treebeard")
    assert installed == fence.CHECKED_AGAINST, (
        f"django-treebeard {installed} is installed; core/upstream/treebeard.py was "
        f"checked against {fence.CHECKED_AGAINST}. Read MP_Node's _get_path and "
        "_get_lastpos_in_path and update the fence."
    )


def test_the_private_path_helpers_keep_their_shape():
    assert list(inspect.signature(MP_Node._get_path).parameters) == ["path", "depth", "newstep"]
    assert list(inspect.signature(MP_Node._get_lastpos_in_path).parameters) == ["self"]


@pytest.mark.django_db
def test_paths_number_children_in_steps_of_the_tree():
    # Wagtail's pages: steps of four characters from 0-9A-Z.
    assert fence.child_path(Page, "0001", 2, 1) == "00010001"
    assert fence.child_path(Page, "0001", 2, 35) == "0001000Z"
    assert fence.last_position(Page(path="0001000Z", depth=2)) == 35
