"""Limits on what people write, held by the database too (core.text_limits)."""

import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('councils', '0005_message_body_format'),
    ]

    operations = [
        migrations.AlterField(
            model_name='meeting',
            name='minutes',
            field=models.TextField(blank=True, max_length=50000, verbose_name='minutes'),
        ),
        migrations.AlterField(
            model_name='message',
            name='body',
            field=models.TextField(max_length=5000, verbose_name='message'),
        ),
        migrations.AlterField(
            model_name='messagerevision',
            name='body',
            field=models.TextField(max_length=5000),
        ),
        migrations.AddConstraint(
            model_name='agendaitem',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('notes'), 2000), name='councils_agendaitem_notes_length'),
        ),
        migrations.AddConstraint(
            model_name='council',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('purpose'), 2000), name='councils_council_purpose_length'),
        ),
        migrations.AddConstraint(
            model_name='decision',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('details'), 4000), name='councils_decision_details_length'),
        ),
        migrations.AddConstraint(
            model_name='decision',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('outcome'), 4000), name='councils_decision_outcome_length'),
        ),
        migrations.AddConstraint(
            model_name='meeting',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('minutes'), 250000), name='councils_meeting_minutes_length'),
        ),
        migrations.AddConstraint(
            model_name='message',
            constraint=models.CheckConstraint(condition=models.Q(django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('body'), 5000), models.Q(('body_format', 'html'), django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('body'), 25000)), _connector='OR'), name='councils_message_body_length'),
        ),
        migrations.AddConstraint(
            model_name='messagerevision',
            constraint=models.CheckConstraint(condition=models.Q(django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('body'), 5000), models.Q(('body_format', 'html'), django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('body'), 25000)), _connector='OR'), name='councils_messagerevision_body_length'),
        ),
        migrations.AddConstraint(
            model_name='position',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('reason'), 2000), name='councils_position_reason_length'),
        ),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('reason'), 2000), name='councils_report_reason_length'),
        ),
        migrations.AddConstraint(
            model_name='report',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('resolution'), 2000), name='councils_report_resolution_length'),
        ),
    ]
