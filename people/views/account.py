from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import translate_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from people.forms import PreferencesForm, ProfileForm
from people.languages import home_url
from people.models import DisclosureAccess, Profile, SignInSession
from people.sessions import end_sessions


@login_required
def account_home(request):
    """The hub of account safety and privacy pages."""
    return render(request, "people/account_home.html")


@login_required
def edit_profile(request):
    profile = Profile.for_user(request.user)
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("people:profile")
    return render(request, "people/profile_form.html", {"form": form, "profile": profile})


@login_required
def preferences(request):
    profile = Profile.for_user(request.user)
    form = PreferencesForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your preferences are saved."))
        language = form.cleaned_data["preferred_language"]
        response = HttpResponseRedirect(
            translate_url(request.path, language) if language else request.path
        )
        if language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
    return render(request, "people/preferences.html", {"form": form})


@login_required
def sessions(request):
    """Where I am signed in; sign out of one device or everywhere."""
    current = request.session.session_key
    return render(
        request,
        "people/sessions.html",
        {
            "sign_ins": SignInSession.objects.filter(user=request.user),
            "current_key": current,
        },
    )


@login_required
@require_POST
def end_session(request, pk):
    sign_in = SignInSession.objects.filter(user=request.user, pk=pk).first()
    if sign_in is None:
        messages.error(request, _("That sign-in was already ended."))
        return redirect("people:sessions")
    if sign_in.session_key == request.session.session_key:
        logout(request)
        messages.success(request, _("You are signed out."))
        return redirect(home_url())
    end_sessions(request.user, keys=[sign_in.session_key])
    messages.success(request, _("That device is signed out."))
    return redirect("people:sessions")


@login_required
@require_POST
def sign_out_everywhere(request):
    user = request.user
    end_sessions(user)
    logout(request)
    messages.success(request, _("You are signed out everywhere, including this device."))
    return redirect(home_url())


@login_required
def access_log(request):
    """Who opened what I disclosed, and when."""
    entries = DisclosureAccess.objects.filter(subject=request.user).select_related("audience")[:500]
    return render(request, "people/access_log.html", {"entries": entries})
