"""Organisations move here from `advocacy`, state only: the tables were created by
advocacy's migrations and keep their names. `advocacy.0008` then forgets the
old models and moves their content types here."""

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('advocacy', '0007_agenda_links_lead_to_council_review'),
        ('people', '0008_text_length_limits'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Organisation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('slug', models.SlugField(max_length=80, unique=True, verbose_name='address')),
                        ('kind', models.CharField(choices=[('ngo', 'NGO'), ('government', 'Government agency'), ('company', 'Company'), ('media', 'Media'), ('academic', 'Academic')], max_length=20, verbose_name='type')),
                        ('description', models.TextField(blank=True, help_text='Sanitised.', max_length=5000, verbose_name='about the organisation')),
                        ('website', models.URLField(blank=True, verbose_name='website')),
                        ('verified', models.BooleanField(default=False, help_text='Checked by site admins. Only verified organisations can post or search.', verbose_name='verified')),
                        ('verified_at', models.DateTimeField(blank=True, editable=False, null=True, verbose_name='verified on')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('audience', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='organisation', to='people.audience')),
                        ('verified_by', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'organisation',
                        'db_table': 'advocacy_organisation',
                        'ordering': ['name', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='OrganisationMembership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('admin', 'Organisation admin'), ('reviewer', 'Reviewer')], default='reviewer', max_length=10, verbose_name='role')),
                        ('is_contact', models.BooleanField(default=False, help_text="Sees accepted speakers' access and support needs.", verbose_name='named contact')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='organisations.organisation')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='organisation_memberships', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'organisation member',
                        'db_table': 'advocacy_organisationmembership',
                    },
                ),
                migrations.AddConstraint(
                    model_name='organisation',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('description'), 25000), name='organisations_organisation_description_length'),
                ),
                migrations.AddConstraint(
                    model_name='organisationmembership',
                    constraint=models.UniqueConstraint(fields=('organisation', 'user'), name='one_membership_per_org'),
                ),
            ],
        ),
    ]
