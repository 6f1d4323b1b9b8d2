"""Your data: download a copy of everything, or erase your account."""

from allauth.account.decorators import reauthentication_required
from allauth.core import ratelimit
from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from people.data_export import build_export
from people.erasure import ANONYMISE, DELETE, LastSuperuserError, erase_account
from people.languages import home_url


class EraseForm(forms.Form):
    """Erasing asks three things: which kind, the email address typed out, and
    the current password. Nothing happens unless all three are right."""

    public_contributions = forms.ChoiceField(
        label=gettext_lazy("What should happen to things you added in public places?"),
        choices=[
            (DELETE, gettext_lazy("Delete them too")),
            (ANONYMISE, gettext_lazy("Keep them, signed “A former member”")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Please choose one of the two ways.")},
    )
    confirm_email = forms.CharField(
        label=gettext_lazy("Type your email address to confirm"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=gettext_lazy("This makes sure nobody erases an account by accident."),
    )
    password = forms.CharField(
        label=gettext_lazy("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_confirm_email(self):
        typed = self.cleaned_data["confirm_email"].strip()
        if typed.casefold() != (self.user.email or "").casefold():
            raise forms.ValidationError(
                _("That is not the email address of this account. Please type it exactly.")
            )
        return typed

    @sensitive_variables("password")
    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right. Nothing was erased."))
        return password


@login_required
@never_cache
def your_data(request):
    """Explains the download and erasure, with a form for each."""
    return render(request, "people/data/your_data.html", {"form": EraseForm(request.user)})


@login_required
@require_POST
@reauthentication_required
def export(request):
    """The zip of everything about me. POST only, after signing in again."""
    content = build_export(request.user)
    filename = f"my-data-{timezone.localdate():%Y-%m-%d}.zip"
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@sensitive_post_parameters("password")
@login_required
@never_cache
def erase(request):
    """GET: what erasing means and the two ways. POST: erase, sign out, go home."""
    form = EraseForm(request.user, request.POST if request.method == "POST" else None)
    # The password check is a way to guess passwords from a stolen session:
    # it shares allauth's re-authentication rate limit (in the shared cache).
    too_many_attempts = request.method == "POST" and not ratelimit.consume(
        request, action="reauthenticate", user=request.user
    )
    if too_many_attempts:
        form = EraseForm(request.user)
    elif request.method == "POST" and form.is_valid():
        try:
            erase_account(
                request.user, public_contributions=form.cleaned_data["public_contributions"]
            )
        except LastSuperuserError:
            form.add_error(
                None,
                _(
                    "This is the last site administrator account, so it cannot be erased "
                    "yet. Please make someone else an administrator first."
                ),
            )
        else:
            logout(request)
            messages.success(request, _("Your account has been erased."))
            return redirect(home_url())
    return render(
        request, "people/data/erase.html", {"form": form, "too_many_attempts": too_many_attempts}
    )
