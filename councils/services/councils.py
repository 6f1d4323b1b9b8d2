"""Founding a council."""

from __future__ import annotations

from ..models import Council

__all__ = ["create_council"]


def create_council(*, name: str, purpose: str = "", retention_days: int = 365, **extra):
    """A new council; saving it makes its audience and its general room."""
    return Council.objects.create(
        name=name, purpose=purpose, retention_days=retention_days, **extra
    )
