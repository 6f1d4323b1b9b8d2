"""A locale for each language of the site, so pages can be translated into
any of them (Wagtail creates only the default one)."""

from django.db import migrations

LANGUAGES = ["en", "es", "th", "vi", "id", "tl", "km", "my"]


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_helplines_by_country"),
        ("wagtailcore", "0054_initial_locale"),
    ]

    operations = [migrations.RunPython(add_locales, migrations.RunPython.noop)]
