from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import TextField
from django.db.models.functions import Cast
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from people.consent import record_access
from people.forms import DirectoryFilterForm
from people.models import Audience, Profile
from people.policy import can_see_field, field_visible_q, visible_profile, visible_profiles

PAGE_SIZE = 20


def verified_organisation_of(user):
    """The verified organisation the user acts for, or None (the directory's gate)."""
    if not user.is_authenticated:
        return None
    return Audience.objects.filter(
        kind=Audience.Kind.ORGANISATION, verified=True, group__user=user
    ).first()


def directory_profiles():
    return (
        Profile.objects.filter(in_directory=True, user__is_active=True)
        .select_related("user")
        .prefetch_related("topics")
        .order_by("pk")
    )


def filter_directory(user, profiles, *, topic=None, country="", language=""):
    """Apply the directory filters in the database, each only where `user` may
    see the field it reads, so a filter can never reveal a hidden field (e.g.
    a country kept private)."""
    if topic:
        profiles = profiles.filter(field_visible_q(user, "topics"), topics=topic)
    if country:
        profiles = profiles.filter(field_visible_q(user, "region"), country=country.upper())
    if language:
        # Language codes are stored as a JSON list; the quoted code matches one
        # whole element on SQLite and PostgreSQL alike.
        profiles = profiles.annotate(languages_text=Cast("languages", TextField())).filter(
            field_visible_q(user, "languages"), languages_text__contains=f'"{language}"'
        )
    return profiles


@login_required
def directory(request):
    """Survivor leaders who opted in, for verified organisations only."""
    if verified_organisation_of(request.user) is None:
        return render(request, "people/directory_closed.html", status=403)
    form = DirectoryFilterForm(request.GET or None)
    topic = country = language = None
    if form.is_valid():
        topic = form.cleaned_data["topic"]
        country = form.cleaned_data["country"]
        language = form.cleaned_data["language"]
    profiles = filter_directory(
        request.user, directory_profiles(), topic=topic, country=country, language=language
    )
    page = Paginator(profiles, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = visible_profiles(request.user, page.object_list)
    return render(request, "people/directory.html", {"form": form, "page": page})


@login_required
def directory_profile(request, pk):
    organisation = verified_organisation_of(request.user)
    if organisation is None:
        return render(request, "people/directory_closed.html", status=403)
    profile = get_object_or_404(directory_profiles(), pk=pk)
    shown = visible_profile(request.user, profile)
    record_access(
        viewer=request.user,
        subject=profile.user,
        what=_("Directory profile"),
        audience=organisation,
    )
    return render(request, "people/directory_profile.html", {"person": shown})


def profile_photo(request, pk):
    """A profile photo, only for viewers the owner allows; never cached."""
    profile = get_object_or_404(Profile.objects.select_related("user"), pk=pk)
    if not profile.photo or not can_see_field(request.user, profile, "photo"):
        raise Http404
    response = FileResponse(profile.photo.open("rb"))
    response["Cache-Control"] = "private, no-store"
    return response
