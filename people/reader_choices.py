"""Choices a visitor makes about how the site reads to them (what content is
collapsed, which country's helplines show), kept in a cookie with one policy:
a year, HttpOnly (no script reads it), SameSite=Lax, and Secure wherever the
session cookie is. Members keep the same choices on their profile."""

from __future__ import annotations

from django.conf import settings

COOKIE_AGE = 60 * 60 * 24 * 365


def remember_in_cookie(response, name: str, value: str) -> None:
    response.set_cookie(
        name,
        value,
        max_age=COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def forget_cookie(response, name: str) -> None:
    response.delete_cookie(name, samesite="Lax")
