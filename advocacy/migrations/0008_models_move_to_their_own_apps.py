"""The models of this app now live in their own apps: `organisations`,
`opportunities` and `proposals` (see their 0001 migrations). This migration
forgets them here (state only: the tables keep their `advocacy_` names) and
moves their content types to the new app labels in place, so everything that
points at those rows keeps pointing at them: pages and their revisions, log
entries, workflow tasks, search index entries, references, and the
permissions and guardian object permissions built on them. The length-limit
check constraints, whose names start with the app label, take the new labels'
names: PostgreSQL renames them; SQLite, which cannot rename a constraint,
rebuilds each table from its model (Django's schema editor does that for any
change of a check constraint), which gives them their new names. Going back,
SQLite keeps the new names: nothing before this migration refers to them.

This app keeps only its migrations from now on."""

from django.db import migrations

MOVED = {
    "organisations": ["organisation", "organisationmembership"],
    "opportunities": [
        "applicationgroupobjectpermission",
        "applicationuserobjectpermission",
        "calendarfeedtoken",
        "conductrating",
        "engagement",
        "opportunityapplication",
        "opportunityindexpage",
        "opportunitypreferences",
        "speakingopportunity",
    ],
    "proposals": [
        "councilreviewtask",
        "policyarea",
        "proposalamendment",
        "proposalendorsement",
        "proposalindexpage",
        "proposalmilestone",
        "proposaltransition",
        "reformproposalpage",
        "reformproposaluserobjectpermission",
    ],
}


def _merge_permissions(Permission, duplicate, kept, using):
    """`duplicate` (a content type created under the new label before this
    migration ran, e.g. by a partial `migrate`) gives way to `kept`, the row
    the data points at: its permissions move over, or merge with the
    permission of the same codename, holders included."""
    for permission in Permission.objects.using(using).filter(content_type=duplicate):
        same = (
            Permission.objects.using(using)
            .filter(content_type=kept, codename=permission.codename)
            .first()
        )
        if same is None:
            permission.content_type = kept
            permission.save(update_fields=["content_type"])
            continue
        same.group_set.add(*permission.group_set.all())
        same.user_set.add(*permission.user_set.all())
        permission.delete()


def _relabel(apps, schema_editor, *, old_label_of, new_label_of):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    using = schema_editor.connection.alias
    for label, models in MOVED.items():
        for model in models:
            old, new = old_label_of(label), new_label_of(label)
            row = ContentType.objects.using(using).filter(app_label=old, model=model).first()
            if row is None:
                continue  # a fresh database: post_migrate creates the rows under the new label
            duplicate = ContentType.objects.using(using).filter(app_label=new, model=model).first()
            if duplicate is not None:
                _merge_permissions(Permission, duplicate, row, using)
                duplicate.delete()
            row.app_label = new
            row.save(update_fields=["app_label"])
    ContentType.objects.clear_cache()


def move_content_types(apps, schema_editor):
    _relabel(apps, schema_editor, old_label_of=lambda label: "advocacy", new_label_of=str)


def move_content_types_back(apps, schema_editor):
    _relabel(apps, schema_editor, old_label_of=str, new_label_of=lambda label: "advocacy")


def _constraints_with_label(apps, label):
    for model in apps.get_app_config(label).get_models():
        named = [c for c in model._meta.constraints if c.name.startswith(f"{label}_")]
        if named:
            yield model, named


def _rebuild_sqlite_tables(apps, schema_editor):
    for label in MOVED:
        for model, named in _constraints_with_label(apps, label):
            # Adding a check constraint rebuilds the table from the model's
            # state, where every constraint already has its new name.
            schema_editor.add_constraint(model, named[0])


def _rename_constraints(apps, schema_editor, *, forward):
    if schema_editor.connection.vendor == "sqlite":
        if forward:
            _rebuild_sqlite_tables(apps, schema_editor)
        return
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for label in MOVED:
        for model in apps.get_app_config(label).get_models():
            for constraint in model._meta.constraints:
                if not constraint.name.startswith(f"{label}_"):
                    continue
                new = constraint.name
                old = "advocacy_" + new.removeprefix(f"{label}_")
                before, after = (old, new) if forward else (new, old)
                schema_editor.execute(
                    f"ALTER TABLE {quote(model._meta.db_table)} "
                    f"RENAME CONSTRAINT {quote(before)} TO {quote(after)}"
                )


def rename_constraints(apps, schema_editor):
    _rename_constraints(apps, schema_editor, forward=True)


def rename_constraints_back(apps, schema_editor):
    _rename_constraints(apps, schema_editor, forward=False)


class Migration(migrations.Migration):

    dependencies = [
        ("advocacy", "0007_agenda_links_lead_to_council_review"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("opportunities", "0001_initial"),
        ("organisations", "0001_initial"),
        ("proposals", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterUniqueTogether(
                    name='applicationuserobjectpermission',
                    unique_together=None,
                ),
                migrations.RemoveField(
                    model_name='applicationuserobjectpermission',
                    name='content_object',
                ),
                migrations.RemoveField(
                    model_name='applicationuserobjectpermission',
                    name='permission',
                ),
                migrations.RemoveField(
                    model_name='applicationuserobjectpermission',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='calendarfeedtoken',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='conductrating',
                    name='engagement',
                ),
                migrations.RemoveField(
                    model_name='conductrating',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='councilreviewtask',
                    name='task_ptr',
                ),
                migrations.RemoveField(
                    model_name='engagement',
                    name='application',
                ),
                migrations.RemoveField(
                    model_name='opportunityapplication',
                    name='applicant',
                ),
                migrations.RemoveField(
                    model_name='opportunityapplication',
                    name='opportunity',
                ),
                migrations.RemoveField(
                    model_name='opportunityindexpage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='opportunitypreferences',
                    name='topics',
                ),
                migrations.RemoveField(
                    model_name='opportunitypreferences',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='organisation',
                    name='audience',
                ),
                migrations.RemoveField(
                    model_name='organisation',
                    name='verified_by',
                ),
                migrations.RemoveField(
                    model_name='organisationmembership',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='speakingopportunity',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='proposalendorsement',
                    name='organisation',
                ),
                migrations.RemoveField(
                    model_name='organisationmembership',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='reformproposalpage',
                    name='policy_area',
                ),
                migrations.RemoveField(
                    model_name='proposalamendment',
                    name='decided_by',
                ),
                migrations.RemoveField(
                    model_name='proposalamendment',
                    name='proposal',
                ),
                migrations.RemoveField(
                    model_name='proposalamendment',
                    name='proposer',
                ),
                migrations.RemoveField(
                    model_name='proposalamendment',
                    name='revision',
                ),
                migrations.RemoveField(
                    model_name='proposalendorsement',
                    name='endorsed_by',
                ),
                migrations.RemoveField(
                    model_name='proposalendorsement',
                    name='proposal',
                ),
                migrations.RemoveField(
                    model_name='proposalendorsement',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='proposalindexpage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='proposalmilestone',
                    name='proposal',
                ),
                migrations.RemoveField(
                    model_name='proposalmilestone',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='proposaltransition',
                    name='by',
                ),
                migrations.RemoveField(
                    model_name='proposaltransition',
                    name='proposal',
                ),
                migrations.RemoveField(
                    model_name='reformproposalpage',
                    name='content_warning_topics',
                ),
                migrations.RemoveField(
                    model_name='reformproposalpage',
                    name='council',
                ),
                migrations.RemoveField(
                    model_name='reformproposalpage',
                    name='page_ptr',
                ),
                migrations.RemoveField(
                    model_name='reformproposaluserobjectpermission',
                    name='content_object',
                ),
                migrations.AlterUniqueTogether(
                    name='reformproposaluserobjectpermission',
                    unique_together=None,
                ),
                migrations.RemoveField(
                    model_name='reformproposaluserobjectpermission',
                    name='permission',
                ),
                migrations.RemoveField(
                    model_name='reformproposaluserobjectpermission',
                    name='user',
                ),
                migrations.RemoveField(
                    model_name='speakingopportunity',
                    name='content_warnings',
                ),
                migrations.RemoveField(
                    model_name='speakingopportunity',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='speakingopportunity',
                    name='topics',
                ),
                migrations.DeleteModel(
                    name='ApplicationGroupObjectPermission',
                ),
                migrations.DeleteModel(
                    name='ApplicationUserObjectPermission',
                ),
                migrations.DeleteModel(
                    name='CalendarFeedToken',
                ),
                migrations.DeleteModel(
                    name='ConductRating',
                ),
                migrations.DeleteModel(
                    name='CouncilReviewTask',
                ),
                migrations.DeleteModel(
                    name='Engagement',
                ),
                migrations.DeleteModel(
                    name='OpportunityApplication',
                ),
                migrations.DeleteModel(
                    name='OpportunityIndexPage',
                ),
                migrations.DeleteModel(
                    name='OpportunityPreferences',
                ),
                migrations.DeleteModel(
                    name='Organisation',
                ),
                migrations.DeleteModel(
                    name='OrganisationMembership',
                ),
                migrations.DeleteModel(
                    name='PolicyArea',
                ),
                migrations.DeleteModel(
                    name='ProposalAmendment',
                ),
                migrations.DeleteModel(
                    name='ProposalEndorsement',
                ),
                migrations.DeleteModel(
                    name='ProposalIndexPage',
                ),
                migrations.DeleteModel(
                    name='ProposalMilestone',
                ),
                migrations.DeleteModel(
                    name='ProposalTransition',
                ),
                migrations.DeleteModel(
                    name='ReformProposalPage',
                ),
                migrations.DeleteModel(
                    name='ReformProposalUserObjectPermission',
                ),
                migrations.DeleteModel(
                    name='SpeakingOpportunity',
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.RunPython(rename_constraints, rename_constraints_back),
    ]
