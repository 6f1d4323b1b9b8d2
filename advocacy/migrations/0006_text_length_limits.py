"""Limits on what people write, held by the database too (core.text_limits)."""

import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('advocacy', '0005_engagement_cancellation'),
    ]

    operations = [
        migrations.AlterField(
            model_name='opportunityapplication',
            name='decision_message',
            field=models.TextField(blank=True, max_length=3000, verbose_name='message from the organisation'),
        ),
        migrations.AddConstraint(
            model_name='engagement',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('cancellation_reason'), 1000), name='advocacy_engagement_cancellation_reason_length'),
        ),
        migrations.AddConstraint(
            model_name='opportunityapplication',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('message'), 3000), name='advocacy_opportunityapplication_message_length'),
        ),
        migrations.AddConstraint(
            model_name='opportunityapplication',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('access_needs'), 3000), name='advocacy_opportunityapplication_access_needs_length'),
        ),
        migrations.AddConstraint(
            model_name='opportunityapplication',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('decision_message'), 3000), name='advocacy_opportunityapplication_decision_message_length'),
        ),
        migrations.AddConstraint(
            model_name='opportunityindexpage',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('intro'), 600), name='advocacy_opportunityindexpage_intro_length'),
        ),
        migrations.AddConstraint(
            model_name='organisation',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('description'), 25000), name='advocacy_organisation_description_length'),
        ),
        migrations.AddConstraint(
            model_name='proposalamendment',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('new_text'), 6000), name='advocacy_proposalamendment_new_text_length'),
        ),
        migrations.AddConstraint(
            model_name='proposalamendment',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('reason'), 2000), name='advocacy_proposalamendment_reason_length'),
        ),
        migrations.AddConstraint(
            model_name='proposalamendment',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('decision_reason'), 2000), name='advocacy_proposalamendment_decision_reason_length'),
        ),
        migrations.AddConstraint(
            model_name='proposalindexpage',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('intro'), 1000), name='advocacy_proposalindexpage_intro_length'),
        ),
        migrations.AddConstraint(
            model_name='proposaltransition',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('note'), 2000), name='advocacy_proposaltransition_note_length'),
        ),
        migrations.AddConstraint(
            model_name='reformproposalpage',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('problem'), 6000), name='advocacy_reformproposalpage_problem_length'),
        ),
        migrations.AddConstraint(
            model_name='reformproposalpage',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('proposed_change'), 6000), name='advocacy_reformproposalpage_proposed_change_length'),
        ),
        migrations.AddConstraint(
            model_name='reformproposalpage',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('expected_impact'), 4000), name='advocacy_reformproposalpage_expected_impact_length'),
        ),
        migrations.AddConstraint(
            model_name='speakingopportunity',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('description'), 25000), name='advocacy_speakingopportunity_description_length'),
        ),
        migrations.AddConstraint(
            model_name='speakingopportunity',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('unpaid_reason'), 1000), name='advocacy_speakingopportunity_unpaid_reason_length'),
        ),
        migrations.AddConstraint(
            model_name='speakingopportunity',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('accessibility'), 2000), name='advocacy_speakingopportunity_accessibility_length'),
        ),
    ]
