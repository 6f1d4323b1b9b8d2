"""A model field holding a set of language codes, searchable on every database."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _


class LanguageCodesField(models.CharField):
    """Language codes stored as ",en,es," so that `icontains=",es,"` filters
    exactly on SQLite and PostgreSQL alike; Python sees a list of codes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return [code for code in value if code]
        return [code for code in (value or "").split(",") if code]

    def get_prep_value(self, value):
        codes = self.to_python(value)
        return f",{','.join(codes)}," if codes else ""

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def validate(self, value, model_instance):
        known = {code for code, _name in settings.LANGUAGES}
        unknown = [code for code in self.to_python(value) if code not in known]
        if unknown:
            raise forms.ValidationError(
                _("Unknown language: %(codes)s") % {"codes": ", ".join(unknown)}
            )

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=settings.LANGUAGES,
            required=not self.blank,
            label=self.verbose_name,
            widget=forms.CheckboxSelectMultiple,
            help_text=self.help_text,
        )
