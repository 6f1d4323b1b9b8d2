"""The email addresses an account has. Some records are tied to an address
rather than to an account (a pledge, an email still waiting in the outbox, a
half-finished sign-in in a session), so export and erasure find them through
these."""

from __future__ import annotations


def email_addresses_of(user) -> set[str]:
    """The account's own address and every address allauth knows for it,
    lowercased."""
    from allauth.account.models import EmailAddress

    addresses = {
        address.lower()
        for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
    }
    if user.email:
        addresses.add(user.email.lower())
    return addresses
