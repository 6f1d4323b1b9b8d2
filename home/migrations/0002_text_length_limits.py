"""Limits on what people write, held by the database too (core.text_limits)."""

import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('home', '0001_initial'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='homepage',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('intro'), 600), name='home_homepage_intro_length'),
        ),
        migrations.AddConstraint(
            model_name='standardpage',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('intro'), 600), name='home_standardpage_intro_length'),
        ),
    ]
