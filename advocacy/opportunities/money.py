"""Money for honoraria and fees: a fixed list of ISO 4217 currencies, the
model fields every fee is stored in, and one way to show an amount, so
"Unpaid" reads the same everywhere."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.locales import currency_name, money

# ISO 4217 codes organisations on the platform pay in. A fixed list: an
# unknown code is refused with a clear error rather than stored. Their names
# come from CLDR in the reader's language (core.locales).
CURRENCIES: tuple[str, ...] = (
    "AUD", "BDT", "BRL", "CAD", "CHF", "COP", "EUR", "GBP", "GHS", "IDR", "INR", "JPY",
    "KES", "KHR", "MMK", "MXN", "MYR", "NGN", "NPR", "NZD", "PHP", "SEK", "THB", "UGX",
    "USD", "VND", "ZAR",
)  # fmt: skip
CURRENCY_ERRORS = {
    "invalid_choice": gettext_lazy(
        "“%(value)s” is not a currency we know. Choose one from the list, such as USD."
    )
}


def currency_choices() -> list[tuple[str, str]]:
    """Each currency with its name in the reader's language ("USD - US dollar").
    A callable, so the names follow the language in use and migrations hold
    only its name."""
    return [(code, f"{code} - {currency_name(code)}") for code in CURRENCIES]


def validate_currency(value: str) -> None:
    if value and value not in CURRENCIES:
        raise ValidationError(
            _("“%(code)s” is not a currency we know. Choose one from the list, such as USD or EUR.")
            % {"code": value}
        )


def validate_not_negative(value: Decimal | None) -> None:
    if value is not None and value < 0:
        raise ValidationError(_("A fee cannot be negative. Enter 0 or more."))


def fee_amount_field(verbose_name) -> models.DecimalField:
    """An amount of money (an honorarium, an agreed or a minimum fee): empty
    when not given, never negative."""
    return models.DecimalField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_not_negative],
    )


def currency_field() -> models.CharField:
    """The currency of the amount beside it: one of `CURRENCIES`, or empty."""
    return models.CharField(
        gettext_lazy("currency"),
        max_length=3,
        choices=currency_choices,
        blank=True,
        validators=[validate_currency],
        error_messages=CURRENCY_ERRORS,
    )


def unpaid_field() -> models.BooleanField:
    """Whether the work is unpaid (then no amount or currency is stored)."""
    return models.BooleanField(gettext_lazy("unpaid"), default=False)


def format_fee(amount: Decimal | None, currency: str, *, unpaid: bool) -> str:
    """ "Unpaid" for unpaid work, otherwise the amount in its currency, written
    the reader's way ("$250.00" in English, "250,00 US$" in Spanish)."""
    if unpaid or amount is None:
        return _("Unpaid")
    if currency not in CURRENCIES:
        return f"{amount:,.2f} {currency}".strip()
    return money(amount, currency)
