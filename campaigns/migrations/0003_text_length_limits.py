"""Limits on what people write, held by the database too (core.text_limits)."""

import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0002_survivor_leader_authoring'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='campaignindexpage',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('intro'), 600), name='campaigns_campaignindexpage_intro_length'),
        ),
        migrations.AddConstraint(
            model_name='campaignpage',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('summary'), 600), name='campaigns_campaignpage_summary_length'),
        ),
        migrations.AddConstraint(
            model_name='campaignupdatepage',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('summary'), 600), name='campaigns_campaignupdatepage_summary_length'),
        ),
    ]
