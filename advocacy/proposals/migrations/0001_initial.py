"""Reform proposals move here from `advocacy`, state only: the tables were
created by advocacy's migrations and keep their names. `advocacy.0008` then
forgets the old models and moves their content types here."""

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
import django.utils.timezone
import modelcluster.fields
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('advocacy', '0007_agenda_links_lead_to_council_review'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('organisations', '0001_initial'),
        ('people', '0008_text_length_limits'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CouncilReviewTask',
                    fields=[
                        ('task_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.task')),
                    ],
                    options={
                        'verbose_name': 'council review task',
                        'db_table': 'advocacy_councilreviewtask',
                    },
                    bases=('wagtailcore.task',),
                ),
                migrations.CreateModel(
                    name='PolicyArea',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=120, unique=True, verbose_name='name')),
                        ('slug', models.SlugField(max_length=80, unique=True, verbose_name='address')),
                        ('description', models.CharField(blank=True, max_length=300, verbose_name='description')),
                        ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                    ],
                    options={
                        'verbose_name': 'policy area',
                        'db_table': 'advocacy_policyarea',
                        'ordering': ['position', 'name'],
                    },
                ),
                migrations.CreateModel(
                    name='ProposalIndexPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', models.TextField(blank=True, max_length=1000, verbose_name='introduction')),
                    ],
                    options={
                        'verbose_name': 'reform proposals index',
                        'db_table': 'advocacy_proposalindexpage',
                        'constraints': [models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('intro'), 1000), name='proposals_proposalindexpage_intro_length')],
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='ReformProposalPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('problem', models.TextField(max_length=6000, verbose_name='the problem')),
                        ('proposed_change', models.TextField(max_length=6000, verbose_name='the proposed change')),
                        ('decision_body', models.CharField(help_text='The body that can make this change, e.g. a state legislature.', max_length=200, verbose_name='who decides')),
                        ('jurisdiction', models.CharField(help_text='e.g. Ohio, United States, Thailand.', max_length=120, verbose_name='jurisdiction')),
                        ('pathway', models.CharField(choices=[('procedural', 'Procedural justice'), ('restorative', 'Restorative justice'), ('transformational', 'Transformational justice')], max_length=20, verbose_name='justice pathway')),
                        ('expected_impact', models.TextField(blank=True, max_length=4000, verbose_name='expected impact')),
                        ('evidence', wagtail.fields.StreamField([('citation', 5)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'Title', 'max_length': 250}), 1: ('wagtail.blocks.CharBlock', (), {'label': 'Author or publisher', 'max_length': 200, 'required': False}), 2: ('wagtail.blocks.IntegerBlock', (), {'label': 'Year', 'max_value': 2100, 'min_value': 1800, 'required': False}), 3: ('wagtail.blocks.URLBlock', (), {'label': 'Source link', 'required': False}), 4: ('wagtail.blocks.TextBlock', (), {'label': 'What it shows', 'max_length': 1000, 'required': False}), 5: ('wagtail.blocks.StructBlock', [[('title', 0), ('publisher', 1), ('year', 2), ('source_url', 3), ('summary', 4)]], {})}, verbose_name='evidence')),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('council_review', 'In council review'), ('open', 'Open for endorsement'), ('submitted', 'Submitted to decision-makers'), ('adopted', 'Adopted'), ('partly_adopted', 'Partly adopted'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')], db_index=True, default='draft', editable=False, max_length=20, verbose_name='status')),
                        ('content_warning_topics', modelcluster.fields.ParentalManyToManyField(blank=True, db_table='advocacy_reformproposalpage_content_warning_topics', related_name='+', to='people.contentwarningtopic', verbose_name='content warnings')),
                        ('council', models.ForeignKey(blank=True, help_text='The survivor advisory council that reviews this proposal.', limit_choices_to={'kind': 'council'}, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='people.audience', verbose_name='reviewing council')),
                        ('policy_area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='proposals', to='proposals.policyarea', verbose_name='policy area')),
                    ],
                    options={
                        'verbose_name': 'reform proposal',
                        'db_table': 'advocacy_reformproposalpage',
                        'permissions': [('coauthor_reformproposalpage', 'Can co-author this reform proposal')],
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='ProposalTransition',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('from_status', models.CharField(choices=[('draft', 'Draft'), ('council_review', 'In council review'), ('open', 'Open for endorsement'), ('submitted', 'Submitted to decision-makers'), ('adopted', 'Adopted'), ('partly_adopted', 'Partly adopted'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')], max_length=20, verbose_name='from')),
                        ('to_status', models.CharField(choices=[('draft', 'Draft'), ('council_review', 'In council review'), ('open', 'Open for endorsement'), ('submitted', 'Submitted to decision-makers'), ('adopted', 'Adopted'), ('partly_adopted', 'Partly adopted'), ('rejected', 'Rejected'), ('withdrawn', 'Withdrawn')], max_length=20, verbose_name='to')),
                        ('note', models.TextField(blank=True, max_length=2000, verbose_name='note')),
                        ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='when')),
                        ('by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transitions', to='proposals.reformproposalpage')),
                    ],
                    options={
                        'verbose_name': 'proposal status change',
                        'db_table': 'advocacy_proposaltransition',
                        'ordering': ['at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ProposalMilestone',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('introduced', 'Introduced'), ('hearing', 'Hearing held'), ('testimony', 'Testimony given'), ('passed', 'Passed'), ('implemented', 'Implemented'), ('funded', 'Funded')], max_length=20, verbose_name='what happened')),
                        ('happened_on', models.DateField(verbose_name='date')),
                        ('summary', models.CharField(blank=True, max_length=300, verbose_name='summary')),
                        ('source_url', models.URLField(blank=True, help_text='A news story, record or public document (http or https).', validators=[django.core.validators.URLValidator(schemes=['http', 'https'])], verbose_name='source link')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='milestones', to='proposals.reformproposalpage')),
                    ],
                    options={
                        'verbose_name': 'milestone',
                        'db_table': 'advocacy_proposalmilestone',
                        'ordering': ['happened_on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ProposalEndorsement',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('show_name', models.BooleanField(default=False, verbose_name='show our name')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('endorsed_by', models.ForeignKey(help_text='Who gave it: the person, or the organisation admin.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='proposal_endorsements', to='organisations.organisation')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='proposal_endorsements', to=settings.AUTH_USER_MODEL)),
                        ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='endorsements', to='proposals.reformproposalpage')),
                    ],
                    options={
                        'verbose_name': 'endorsement',
                        'db_table': 'advocacy_proposalendorsement',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ProposalAmendment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('section', models.CharField(choices=[('problem', 'The problem'), ('proposed_change', 'The proposed change'), ('expected_impact', 'Expected impact')], max_length=30, verbose_name='section')),
                        ('new_text', models.TextField(max_length=6000, verbose_name='suggested text')),
                        ('reason', models.TextField(max_length=2000, verbose_name='why')),
                        ('status', models.CharField(choices=[('pending', 'Waiting for the authors'), ('accepted', 'Accepted'), ('declined', 'Declined')], default='pending', max_length=10, verbose_name='status')),
                        ('decision_reason', models.TextField(blank=True, max_length=2000, verbose_name='reason for the decision')),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('proposer', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='proposal_amendments', to=settings.AUTH_USER_MODEL)),
                        ('revision', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='wagtailcore.revision')),
                        ('proposal', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='amendments', to='proposals.reformproposalpage')),
                    ],
                    options={
                        'verbose_name': 'amendment',
                        'db_table': 'advocacy_proposalamendment',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ReformProposalUserObjectPermission',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('content_object', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='proposals.reformproposalpage')),
                        ('permission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='auth.permission')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'advocacy_reformproposaluserobjectpermission',
                        'abstract': False,
                    },
                ),
                migrations.AddConstraint(
                    model_name='reformproposalpage',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('problem'), 6000), name='proposals_reformproposalpage_problem_length'),
                ),
                migrations.AddConstraint(
                    model_name='reformproposalpage',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('proposed_change'), 6000), name='proposals_reformproposalpage_proposed_change_length'),
                ),
                migrations.AddConstraint(
                    model_name='reformproposalpage',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('expected_impact'), 4000), name='proposals_reformproposalpage_expected_impact_length'),
                ),
                migrations.AddConstraint(
                    model_name='proposaltransition',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('note'), 2000), name='proposals_proposaltransition_note_length'),
                ),
                migrations.AddConstraint(
                    model_name='proposalendorsement',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('user__isnull', False), ('organisation__isnull', True)), models.Q(('user__isnull', True), ('organisation__isnull', False)), _connector='OR'), name='endorsement_by_person_or_organisation'),
                ),
                migrations.AddConstraint(
                    model_name='proposalendorsement',
                    constraint=models.UniqueConstraint(condition=models.Q(('user__isnull', False)), fields=('proposal', 'user'), name='one_endorsement_per_person'),
                ),
                migrations.AddConstraint(
                    model_name='proposalendorsement',
                    constraint=models.UniqueConstraint(condition=models.Q(('organisation__isnull', False)), fields=('proposal', 'organisation'), name='one_endorsement_per_organisation'),
                ),
                migrations.AddConstraint(
                    model_name='proposalamendment',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('new_text'), 6000), name='proposals_proposalamendment_new_text_length'),
                ),
                migrations.AddConstraint(
                    model_name='proposalamendment',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('reason'), 2000), name='proposals_proposalamendment_reason_length'),
                ),
                migrations.AddConstraint(
                    model_name='proposalamendment',
                    constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('decision_reason'), 2000), name='proposals_proposalamendment_decision_reason_length'),
                ),
                migrations.AlterUniqueTogether(
                    name='reformproposaluserobjectpermission',
                    unique_together={('user', 'permission', 'content_object')},
                ),
            ],
        ),
    ]
