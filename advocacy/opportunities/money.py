"""Money for honoraria and fees: a fixed list of ISO 4217 currencies, the
model fields every fee is stored in, and one way to show an amount, so
"Unpaid" reads the same everywhere."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

# ISO 4217 codes organisations on the platform pay in. A fixed list: an
# unknown code is refused with a clear error rather than stored.
CURRENCIES: dict[str, str] = {
    "AUD": "Australian dollar",
    "BDT": "Bangladeshi taka",
    "BRL": "Brazilian real",
    "CAD": "Canadian dollar",
    "CHF": "Swiss franc",
    "COP": "Colombian peso",
    "EUR": "Euro",
    "GBP": "Pound sterling",
    "GHS": "Ghanaian cedi",
    "IDR": "Indonesian rupiah",
    "INR": "Indian rupee",
    "JPY": "Japanese yen",
    "KES": "Kenyan shilling",
    "KHR": "Cambodian riel",
    "MXN": "Mexican peso",
    "MYR": "Malaysian ringgit",
    "NGN": "Nigerian naira",
    "NPR": "Nepalese rupee",
    "NZD": "New Zealand dollar",
    "PHP": "Philippine peso",
    "SEK": "Swedish krona",
    "THB": "Thai baht",
    "UGX": "Ugandan shilling",
    "USD": "US dollar",
    "VND": "Vietnamese dong",
    "ZAR": "South African rand",
}
CURRENCY_ERRORS = {
    "invalid_choice": _lazy(
        "“%(value)s” is not a currency we know. Choose one from the list, such as USD."
    )
}
CURRENCY_CHOICES = [(code, f"{code} - {name}") for code, name in CURRENCIES.items()]


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
        _lazy("currency"),
        max_length=3,
        choices=CURRENCY_CHOICES,
        blank=True,
        validators=[validate_currency],
        error_messages=CURRENCY_ERRORS,
    )


def unpaid_field() -> models.BooleanField:
    """Whether the work is unpaid (then no amount or currency is stored)."""
    return models.BooleanField(_lazy("unpaid"), default=False)


def format_fee(amount: Decimal | None, currency: str, *, unpaid: bool) -> str:
    """ "Unpaid" for unpaid work, otherwise "250.00 USD"."""
    if unpaid or amount is None:
        return _("Unpaid")
    return f"{amount:,.2f} {currency}"
