"""Limits on what people write, held by the database too (core.text_limits)."""

import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0007_move_members_uploads_into_private_collections'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='consentrecord',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('text'), 2000), name='people_consentrecord_text_length'),
        ),
        migrations.AddConstraint(
            model_name='profile',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('bio'), 25000), name='people_profile_bio_length'),
        ),
        migrations.AddConstraint(
            model_name='storypart',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('body'), 100000), name='people_storypart_body_length'),
        ),
    ]
