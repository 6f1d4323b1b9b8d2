"""Speaking opportunities move here from `advocacy`, state only: the tables were
created by advocacy's migrations and keep their names. `advocacy.0008` then
forgets the old models and moves their content types here."""

import advocacy.opportunities.models.calendar_feed_token
import advocacy.opportunities.money
import advocacy.opportunities.timezones
import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('advocacy', '0007_agenda_links_lead_to_council_review'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ('organisations', '0001_initial'),
        ('people', '0008_text_length_limits'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ConductRating',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('paid_on_time', models.BooleanField(verbose_name='paid on time')),
                        ('respected_boundaries', models.BooleanField(verbose_name='respected my boundaries')),
                        ('trauma_informed', models.BooleanField(verbose_name='trauma-informed')),
                        ('would_work_again', models.BooleanField(verbose_name='I would work with them again')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        'verbose_name': 'conduct rating',
                        'db_table': 'advocacy_conductrating',
                    },
                ),
                migrations.CreateModel(
                    name='Engagement',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('fee_amount', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[advocacy.opportunities.money.validate_not_negative], verbose_name='agreed fee')),
                        ('currency', models.CharField(blank=True, choices=[('AUD', 'AUD - Australian dollar'), ('BDT', 'BDT - Bangladeshi taka'), ('BRL', 'BRL - Brazilian real'), ('CAD', 'CAD - Canadian dollar'), ('CHF', 'CHF - Swiss franc'), ('COP', 'COP - Colombian peso'), ('EUR', 'EUR - Euro'), ('GBP', 'GBP - Pound sterling'), ('GHS', 'GHS - Ghanaian cedi'), ('IDR', 'IDR - Indonesian rupiah'), ('INR', 'INR - Indian rupee'), ('JPY', 'JPY - Japanese yen'), ('KES', 'KES - Kenyan shilling'), ('KHR', 'KHR - Cambodian riel'), ('MXN', 'MXN - Mexican peso'), ('MYR', 'MYR - Malaysian ringgit'), ('NGN', 'NGN - Nigerian naira'), ('NPR', 'NPR - Nepalese rupee'), ('NZD', 'NZD - New Zealand dollar'), ('PHP', 'PHP - Philippine peso'), ('SEK', 'SEK - Swedish krona'), ('THB', 'THB - Thai baht'), ('UGX', 'UGX - Ugandan shilling'), ('USD', 'USD - US dollar'), ('VND', 'VND - Vietnamese dong'), ('ZAR', 'ZAR - South African rand')], error_messages={'invalid_choice': '“%(value)s” is not a currency we know. Choose one from the list, such as USD.'}, max_length=3, validators=[advocacy.opportunities.money.validate_currency], verbose_name='currency')),
                        ('is_unpaid', models.BooleanField(default=False, verbose_name='unpaid')),
                        ('starts_at', models.DateTimeField(verbose_name='date')),
                        ('time_zone', models.CharField(default='UTC', max_length=64, validators=[advocacy.opportunities.timezones.validate_time_zone], verbose_name='time zone')),
                        ('delivered_at', models.DateTimeField(blank=True, null=True, verbose_name='delivered')),
                        ('paid_at', models.DateTimeField(blank=True, null=True, verbose_name='marked paid')),
                        ('payment_confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='payment confirmed')),
                        ('overdue_flagged_at', models.DateTimeField(blank=True, null=True, verbose_name='overdue flagged')),
                        ('cancelled_at', models.DateTimeField(blank=True, null=True, verbose_name='cancelled')),
                        ('cancelled_by', models.CharField(blank=True, choices=[('speaker', 'the speaker'), ('organisation', 'the organisation')], max_length=12, verbose_name='cancelled by')),
                        ('cancellation_reason', models.TextField(blank=True, max_length=1000, verbose_name='reason for cancelling')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        'verbose_name': 'engagement',
                        'db_table': 'advocacy_engagement',
                        'ordering': ['starts_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='OpportunityApplication',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('pseudonym', models.CharField(help_text='The organisation sees only this name.', max_length=80, verbose_name='name to use')),
                        ('availability', models.CharField(blank=True, max_length=300, verbose_name='availability')),
                        ('message', models.TextField(blank=True, max_length=3000, verbose_name='message to the organisation')),
                        ('access_needs', models.TextField(blank=True, help_text="Shown only if you are accepted, and only to the organisation's named contact.", max_length=3000, verbose_name='access and support needs')),
                        ('status', models.CharField(choices=[('submitted', 'Submitted'), ('shortlisted', 'Shortlisted'), ('accepted', 'Accepted'), ('declined', 'Declined'), ('withdrawn', 'Withdrawn')], default='submitted', max_length=12, verbose_name='status')),
                        ('decision_message', models.TextField(blank=True, max_length=3000, verbose_name='message from the organisation')),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='applied')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'verbose_name': 'application',
                        'db_table': 'advocacy_opportunityapplication',
                        'ordering': ['-created_at', '-pk'],
                        'permissions': [('review_opportunityapplication', 'Can review an application')],
                    },
                ),
                migrations.CreateModel(
                    name='OpportunityIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', models.TextField(blank=True, max_length=600, verbose_name='introduction')),
                    ],
                    options={
                        'verbose_name': 'opportunity index page',
                        'db_table': 'advocacy_opportunityindexpage',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='OpportunityPreferences',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('regions', models.JSONField(blank=True, default=list, verbose_name='countries (codes)')),
                        ('languages', models.JSONField(blank=True, default=list, verbose_name='languages')),
                        ('minimum_fee', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[advocacy.opportunities.money.validate_not_negative], verbose_name='minimum fee')),
                        ('currency', models.CharField(blank=True, choices=[('AUD', 'AUD - Australian dollar'), ('BDT', 'BDT - Bangladeshi taka'), ('BRL', 'BRL - Brazilian real'), ('CAD', 'CAD - Canadian dollar'), ('CHF', 'CHF - Swiss franc'), ('COP', 'COP - Colombian peso'), ('EUR', 'EUR - Euro'), ('GBP', 'GBP - Pound sterling'), ('GHS', 'GHS - Ghanaian cedi'), ('IDR', 'IDR - Indonesian rupiah'), ('INR', 'INR - Indian rupee'), ('JPY', 'JPY - Japanese yen'), ('KES', 'KES - Kenyan shilling'), ('KHR', 'KHR - Cambodian riel'), ('MXN', 'MXN - Mexican peso'), ('MYR', 'MYR - Malaysian ringgit'), ('NGN', 'NGN - Nigerian naira'), ('NPR', 'NPR - Nepalese rupee'), ('NZD', 'NZD - New Zealand dollar'), ('PHP', 'PHP - Philippine peso'), ('SEK', 'SEK - Swedish krona'), ('THB', 'THB - Thai baht'), ('UGX', 'UGX - Ugandan shilling'), ('USD', 'USD - US dollar'), ('VND', 'VND - Vietnamese dong'), ('ZAR', 'ZAR - South African rand')], error_messages={'invalid_choice': '“%(value)s” is not a currency we know. Choose one from the list, such as USD.'}, max_length=3, validators=[advocacy.opportunities.money.validate_currency], verbose_name='currency')),
                        ('remote', models.CharField(choices=[('any', 'Remote or in person'), ('remote', 'Remote only'), ('in_person', 'In person only')], default='any', max_length=10, verbose_name='remote or in person')),
                        ('include_unpaid', models.BooleanField(default=False, verbose_name='include unpaid work')),
                        ('notify_engagement_changes', models.BooleanField(default=True, help_text='The email gives only the title, the date and their reason.', verbose_name='email me if an organisation cancels an engagement')),
                        ('last_digest_at', models.DateTimeField(blank=True, editable=False, null=True)),
                    ],
                    options={
                        'verbose_name': 'opportunity preferences',
                        'verbose_name_plural': 'opportunity preferences',
                        'db_table': 'advocacy_opportunitypreferences',
                    },
                ),
                migrations.CreateModel(
                    name='SpeakingOpportunity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('description', models.TextField(help_text='Sanitised.', max_length=5000, verbose_name='what it is')),
                        ('kind', models.CharField(choices=[('keynote', 'Keynote'), ('panel', 'Panel'), ('training', 'Training'), ('consultation', 'Consultation'), ('advisory', 'Advisory role'), ('media', 'Media interview')], max_length=20, verbose_name='kind')),
                        ('is_flexible', models.BooleanField(default=False, verbose_name='date is flexible')),
                        ('starts_at', models.DateTimeField(blank=True, null=True, verbose_name='starts')),
                        ('ends_at', models.DateTimeField(blank=True, null=True, verbose_name='ends')),
                        ('time_zone', models.CharField(default='UTC', max_length=64, validators=[advocacy.opportunities.timezones.validate_time_zone], verbose_name='time zone')),
                        ('is_remote', models.BooleanField(default=False, verbose_name='remote')),
                        ('place', models.CharField(blank=True, help_text='City and venue, for in-person events.', max_length=200, verbose_name='place')),
                        ('country', models.CharField(blank=True, max_length=2, verbose_name='country code')),
                        ('languages', models.JSONField(blank=True, default=list, verbose_name='languages')),
                        ('audience_description', models.CharField(blank=True, max_length=300, verbose_name='audience')),
                        ('places', models.PositiveIntegerField(default=1, verbose_name='number of places')),
                        ('deadline', models.DateTimeField(verbose_name='application deadline')),
                        ('honorarium_amount', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, validators=[advocacy.opportunities.money.validate_not_negative], verbose_name='honorarium')),
                        ('currency', models.CharField(blank=True, choices=[('AUD', 'AUD - Australian dollar'), ('BDT', 'BDT - Bangladeshi taka'), ('BRL', 'BRL - Brazilian real'), ('CAD', 'CAD - Canadian dollar'), ('CHF', 'CHF - Swiss franc'), ('COP', 'COP - Colombian peso'), ('EUR', 'EUR - Euro'), ('GBP', 'GBP - Pound sterling'), ('GHS', 'GHS - Ghanaian cedi'), ('IDR', 'IDR - Indonesian rupiah'), ('INR', 'INR - Indian rupee'), ('JPY', 'JPY - Japanese yen'), ('KES', 'KES - Kenyan shilling'), ('KHR', 'KHR - Cambodian riel'), ('MXN', 'MXN - Mexican peso'), ('MYR', 'MYR - Malaysian ringgit'), ('NGN', 'NGN - Nigerian naira'), ('NPR', 'NPR - Nepalese rupee'), ('NZD', 'NZD - New Zealand dollar'), ('PHP', 'PHP - Philippine peso'), ('SEK', 'SEK - Swedish krona'), ('THB', 'THB - Thai baht'), ('UGX', 'UGX - Ugandan shilling'), ('USD', 'USD - US dollar'), ('VND', 'VND - Vietnamese dong'), ('ZAR', 'ZAR - South African rand')], error_messages={'invalid_choice': '“%(value)s” is not a currency we know. Choose one from the list, such as USD.'}, max_length=3, validators=[advocacy.opportunities.money.validate_currency], verbose_name='currency')),
                        ('is_unpaid', models.BooleanField(default=False, verbose_name='unpaid')),
                        ('unpaid_reason', models.TextField(blank=True, max_length=1000, verbose_name='why it is unpaid')),
                        ('covers_travel', models.BooleanField(default=False, verbose_name='travel covered')),
                        ('covers_lodging', models.BooleanField(default=False, verbose_name='lodging covered')),
                        ('covers_childcare', models.BooleanField(default=False, verbose_name='childcare covered')),
                        ('covers_interpretation', models.BooleanField(default=False, verbose_name='interpretation covered')),
                        ('accessibility', models.TextField(blank=True, max_length=2000, verbose_name='accessibility provided')),
                        ('offers_preparation_call', models.BooleanField(default=False, verbose_name='preparation call')),
                        ('offers_debrief', models.BooleanField(default=False, verbose_name='debrief afterwards')),
                        ('companion_welcome', models.BooleanField(default=False, verbose_name='a companion is welcome')),
                        ('is_recorded', models.BooleanField(default=False, verbose_name='recorded')),
                        ('is_photographed', models.BooleanField(default=False, verbose_name='photographed')),
                        ('publishes_name', models.BooleanField(default=False, verbose_name="speaker's name published")),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('open', 'Open for applications'), ('closed', 'Closed'), ('filled', 'Filled'), ('cancelled', 'Cancelled')], default='draft', max_length=10, verbose_name='status')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'verbose_name': 'speaking opportunity',
                        'verbose_name_plural': 'speaking opportunities',
                        'db_table': 'advocacy_speakingopportunity',
                        'ordering': ['deadline', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ApplicationGroupObjectPermission',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('group', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='auth.group')),
                        ('permission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='auth.permission')),
                    ],
                    options={
                        'db_table': 'advocacy_applicationgroupobjectpermission',
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='ApplicationUserObjectPermission',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('permission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='auth.permission')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'advocacy_applicationuserobjectpermission',
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='CalendarFeedToken',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('secret', models.CharField(default=advocacy.opportunities.models.calendar_feed_token.new_secret, max_length=64)),
                        ('created_at', models.DateTimeField(auto_now=True)),
                        ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='calendar_feed_token', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'calendar address',
                        'db_table': 'advocacy_calendarfeedtoken',
                    },
                ),
                migrations.AddField(
                    model_name='conductrating',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='conduct_ratings', to='organisations.organisation'),
                ),
                migrations.AddField(
                    model_name='conductrating',
                    name='engagement',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='conduct_rating', to='opportunities.engagement'),
                ),
                migrations.AddField(
                    model_name='opportunityapplication',
                    name='applicant',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='opportunity_applications', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AddField(
                    model_name='engagement',
                    name='application',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='engagement', to='opportunities.opportunityapplication'),
                ),
                migrations.AddField(
                    model_name='applicationuserobjectpermission',
                    name='content_object',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='opportunities.opportunityapplication'),
                ),
                migrations.AddField(
                    model_name='applicationgroupobjectpermission',
                    name='content_object',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='opportunities.opportunityapplication'),
                ),
                migrations.AddConstraint(
                    model_name='opportunityindexpage',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('intro'), 600), name='opportunities_opportunityindexpage_intro_length'),
                ),
                migrations.AddField(
                    model_name='opportunitypreferences',
                    name='topics',
                    field=models.ManyToManyField(blank=True, db_table='advocacy_opportunitypreferences_topics', related_name='+', to='people.expertisetopic', verbose_name='topics'),
                ),
                migrations.AddField(
                    model_name='opportunitypreferences',
                    name='user',
                    field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='opportunity_preferences', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AddField(
                    model_name='speakingopportunity',
                    name='content_warnings',
                    field=models.ManyToManyField(blank=True, db_table='advocacy_speakingopportunity_content_warnings', related_name='+', to='people.contentwarningtopic', verbose_name='content warnings'),
                ),
                migrations.AddField(
                    model_name='speakingopportunity',
                    name='created_by',
                    field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
                ),
                migrations.AddField(
                    model_name='speakingopportunity',
                    name='organisation',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='opportunities', to='organisations.organisation'),
                ),
                migrations.AddField(
                    model_name='speakingopportunity',
                    name='topics',
                    field=models.ManyToManyField(blank=True, db_table='advocacy_speakingopportunity_topics', related_name='opportunities', to='people.expertisetopic', verbose_name='topics'),
                ),
                migrations.AddField(
                    model_name='opportunityapplication',
                    name='opportunity',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='applications', to='opportunities.speakingopportunity'),
                ),
                migrations.AddConstraint(
                    model_name='engagement',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('cancellation_reason'), 1000), name='opportunities_engagement_cancellation_reason_length'),
                ),
                migrations.AddConstraint(
                    model_name='engagement',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('cancelled_at__isnull', True), ('cancelled_by', '')), models.Q(('cancelled_at__isnull', False), models.Q(('cancelled_by', ''), _negated=True)), _connector='OR'), name='engagement_cancellation_names_a_side'),
                ),
                migrations.AlterUniqueTogether(
                    name='applicationuserobjectpermission',
                    unique_together={('user', 'permission', 'content_object')},
                ),
                migrations.AlterUniqueTogether(
                    name='applicationgroupobjectpermission',
                    unique_together={('group', 'permission', 'content_object')},
                ),
                migrations.AddIndex(
                    model_name='speakingopportunity',
                    index=models.Index(fields=['status', 'deadline'], name='advocacy_sp_status_45c401_idx'),
                ),
                migrations.AddConstraint(
                    model_name='speakingopportunity',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('description'), 25000), name='opportunities_speakingopportunity_description_length'),
                ),
                migrations.AddConstraint(
                    model_name='speakingopportunity',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('unpaid_reason'), 1000), name='opportunities_speakingopportunity_unpaid_reason_length'),
                ),
                migrations.AddConstraint(
                    model_name='speakingopportunity',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('accessibility'), 2000), name='opportunities_speakingopportunity_accessibility_length'),
                ),
                migrations.AddConstraint(
                    model_name='speakingopportunity',
                    constraint=models.CheckConstraint(condition=models.Q(('is_unpaid', True), models.Q(('honorarium_amount__isnull', False), ('honorarium_amount__gte', 0), models.Q(('currency', ''), _negated=True)), _connector='OR'), name='opportunity_paid_or_says_why_not'),
                ),
                migrations.AddConstraint(
                    model_name='opportunityapplication',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('message'), 3000), name='opportunities_opportunityapplication_message_length'),
                ),
                migrations.AddConstraint(
                    model_name='opportunityapplication',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('access_needs'), 3000), name='opportunities_opportunityapplication_access_needs_length'),
                ),
                migrations.AddConstraint(
                    model_name='opportunityapplication',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('decision_message'), 3000), name='opportunities_opportunityapplication_decision_message_length'),
                ),
                migrations.AddConstraint(
                    model_name='opportunityapplication',
                    constraint=models.UniqueConstraint(fields=('opportunity', 'applicant'), name='one_application_per_opportunity'),
                ),
            ],
        ),
    ]
