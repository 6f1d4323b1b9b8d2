"""Test data for accounts."""

import base64
import hashlib
import hmac
import secrets
import struct
import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import Group

from people.models import User

DEFAULT_PASSWORD = "a-long-test-password-1"  # noqa: S105


def enable_mfa(user, *, totp=True, recovery_codes=True):
    """Give `user` two-step verification as finishing allauth's set-up leaves it:
    a TOTP authenticator and a set of recovery codes.

    Only allauth's public pieces are used: the `Authenticator` model, its types,
    the MFA adapter's `encrypt()` and `Authenticator.wrap()`. The stored data
    has the shape allauth itself writes (and must keep reading after upgrades).
    Sets `user.totp_secret` (for `totp_code`) and `user.recovery_codes`.
    """
    adapter = get_mfa_adapter()
    user.totp_secret = None
    user.recovery_codes = []
    if totp:
        user.totp_secret = base64.b32encode(secrets.token_bytes(20)).decode()
        Authenticator.objects.create(
            user=user,
            type=Authenticator.Type.TOTP,
            data={"secret": adapter.encrypt(user.totp_secret)},
        )
    if recovery_codes:
        authenticator = Authenticator.objects.create(
            user=user,
            type=Authenticator.Type.RECOVERY_CODES,
            data={"seed": adapter.encrypt(secrets.token_hex(40)), "used_mask": 0},
        )
        user.recovery_codes = authenticator.wrap().get_unused_codes()
    return user


def totp_code(user_or_secret) -> str:
    """The code an authenticator app would show now (RFC 6238), for a user made
    with `UserFactory(mfa=True)` / `enable_mfa`, or for a secret read off the
    set-up page.

    Never a code about to expire: allauth accepts only the current period, so
    within a second of its end this waits for the next one.
    """
    secret = getattr(user_or_secret, "totp_secret", user_or_secret)
    period = getattr(settings, "MFA_TOTP_PERIOD", 30)
    digits = getattr(settings, "MFA_TOTP_DIGITS", 6)
    now = time.time()
    if period - now % period < 1.5:
        time.sleep(period - now % period + 0.05)
        now = time.time()
    key = base64.b32decode(secret.encode("ascii"), casefold=True)
    digest = hmac.new(key, struct.pack(">Q", int(now) // period), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}}"


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up user whose email address is verified; `roles=[...]` adds groups;
    `mfa=True` adds two-step verification (`enable_mfa`; `mfa__recovery_codes=False`
    for TOTP alone)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            for name in extracted:
                self.groups.add(Group.objects.get(name=name))

    @factory.post_generation
    def mfa(self, create, extracted, **kwargs):
        if create and extracted:
            enable_mfa(self, **kwargs)
