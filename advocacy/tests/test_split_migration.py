"""A database migrated before advocacy/ was split into the `organisations`,
`opportunities` and `proposals` apps migrates forward with all its data.

`fixtures/before_split.json` is the demo site (`load_demo_data`, plus a
co-author grant, an object permission, opportunity preferences and a calendar
address) dumped from a database at the last migrations before the split
(`BEFORE_SPLIT`), without sessions and with fewer pledges. The test takes the
test database back to exactly those migrations, loads the rows through the
historical models of that state, migrates forward and compares.
"""

import json
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

FIXTURE = Path(__file__).parent / "fixtures" / "before_split.json"

# The leaf migration of every app just before the split.
BEFORE_SPLIT = [
    ("account", "0009_emailaddress_unique_primary_email"),
    ("advocacy", "0007_agenda_links_lead_to_council_review"),
    ("auth", "0012_alter_user_first_name_max_length"),
    ("campaigns", "0003_text_length_limits"),
    ("contenttypes", "0002_remove_content_type_name"),
    ("councils", "0006_text_length_limits"),
    ("guardian", "0003_remove_groupobjectpermission_guardian_gr_content_ae6aec_idx_and_more"),
    ("home", "0002_text_length_limits"),
    ("mfa", "0003_authenticator_type_uniq"),
    ("people", "0008_text_length_limits"),
    ("sessions", "0001_initial"),
    ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ("wagtailadmin", "0006_formstate"),
    ("wagtailcore", "0098_apitoken"),
    ("wagtaildocs", "0014_alter_document_file_size"),
    ("wagtailembeds", "0009_embed_cache_until"),
    ("wagtailforms", "0005_alter_formsubmission_form_data"),
    ("wagtailimages", "0027_image_description"),
    ("wagtailredirects", "0008_add_verbose_name_plural"),
    ("wagtailsearch", "0010_add_text_fields"),
    ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
]
SPLIT_APPS = ("organisations", "opportunities", "proposals")

# Columns a later migration folded into other tables (tested where it did so:
# notifications/tests/test_folded_email_switches.py), or rewrote (the
# helplines' countries: home/tests/test_helplines.py); their tables' other
# columns are still compared row for row.
FOLDED_LATER = {
    "people_profile": ("notify_council_activity", "notify_campaign_updates"),
    "advocacy_opportunitypreferences": ("notify_engagement_changes",),
    "home_safetysettings": ("helplines",),
}
# Tables a later data migration adds rows to: every row from before is kept,
# and the new ones are (home 0005: a locale for each language of the site).
ROWS_ADDED_LATER = {"wagtailcore_locale"}

# Search vectors are stored as text on SQLite only; elsewhere they start empty
# (the search index is rebuilt by `update_index`, not migrated).
SEARCH_TEXT = {"wagtailsearch.indexentry": ("autocomplete", "title", "body")}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor


def _tables():
    """Every table but the migration records and SQLite's own tables (the
    full-text index of wagtailsearch follows its table through triggers)."""
    return sorted(
        name
        for name in connection.introspection.table_names()
        if name != "django_migrations"
        and not name.startswith(("sqlite_", "wagtailsearch_indexentry_fts"))
    )


def _empty_every_table():
    statements = connection.ops.sql_flush(
        no_style(), _tables(), reset_sequences=True, allow_cascade=True
    )
    connection.ops.execute_sql_flush(statements)


def _load(apps, rows):
    """Insert the fixture through the historical models: every row as it was
    dumped (foreign keys by id), many-to-many links afterwards."""
    links = []
    models = set()
    with transaction.atomic():
        for row in rows:
            model = apps.get_model(row["model"])
            models.add(model)
            values = {}
            for name, value in row["fields"].items():
                field = model._meta.get_field(name)
                if field.many_to_many:
                    links.append((field, row["pk"], value))
                elif field.is_relation:
                    values[field.attname] = value
                elif connection.vendor != "sqlite" and name in SEARCH_TEXT.get(row["model"], ()):
                    values[field.attname] = ""
                else:
                    values[field.attname] = field.to_python(value)
            instance = model(**values)
            instance.pk = model._meta.pk.to_python(row["pk"])
            instance.save_base(raw=True, force_insert=True)
        for field, pk, targets in links:
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            through.objects.bulk_create(
                [through(**{f"{source}_id": pk, f"{target}_id": other}) for other in targets]
            )
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


def _columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [
            column.name for column in connection.introspection.get_table_description(cursor, table)
        ]


def _contents(columns: dict[str, list[str]] | None = None):
    """Every row of every table but the content types, in a comparable form:
    {table: (columns, rows)}. With `columns`, only those tables and columns
    (what a later migration added is not part of the comparison)."""
    found = {}
    with connection.cursor() as cursor:
        for table in _tables():
            if table == "django_content_type" or (columns is not None and table not in columns):
                continue
            names = columns[table] if columns is not None else _columns(table)
            quoted = ", ".join(connection.ops.quote_name(name) for name in names)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            found[table] = (names, sorted(map(repr, cursor.fetchall())))
    return found


def _content_types():
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, app_label, model FROM django_content_type")
        return {row[0]: (row[1], row[2]) for row in cursor.fetchall()}


# It gives content types the fixture's ids, which the content-type cache of
# the process and the serialized restore of later tests do not expect: it runs
# last on its worker (conftest.py).
@pytest.mark.runs_last
@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_split_migrates_forward_with_all_its_data(client):
    rows = json.loads(FIXTURE.read_text(encoding="utf-8"))
    executor = _migrate([*BEFORE_SPLIT, *((label, None) for label in SPLIT_APPS)])
    _empty_every_table()
    _load(executor.loader.project_state(BEFORE_SPLIT).apps, rows)
    before, types_before = _contents(), _content_types()
    compared = {
        table: [name for name in names if name not in FOLDED_LATER.get(table, ())]
        for table, (names, _rows) in before.items()
    }
    before = _contents(columns=compared)
    moved = {pk: model for pk, (label, model) in types_before.items() if label == "advocacy"}
    assert len(moved) == 20, "the fixture has a content type for every advocacy model"

    executor = _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    after = _contents(columns=compared)
    types_after = _content_types()
    for table in ROWS_ADDED_LATER:
        names, rows = after[table]
        assert set(before[table][1]) <= set(rows), table
        after[table] = (names, [row for row in rows if row in before[table][1]])
    # Every table keeps every row and every value; the tables kept their names.
    # (Later migrations may add tables and columns; those are not compared.)
    assert {table: len(rows) for table, (_names, rows) in after.items()} == {
        table: len(rows) for table, (_names, rows) in before.items()
    }
    assert after == before
    assert sum(len(rows) for _names, rows in after.values()) > 900
    # The content types moved in place: same ids, new labels, nothing left behind.
    assert len(types_after) == len(types_before)
    for pk, model in moved.items():
        assert types_after[pk][1] == model
        assert types_after[pk][0] in SPLIT_APPS, (pk, model, types_after[pk])
    assert {label for label, _model in types_after.values()}.isdisjoint({"advocacy"})

    _the_current_code_reads_the_data(client)


def _the_current_code_reads_the_data(client):
    from guardian.models import UserObjectPermission
    from guardian.shortcuts import get_perms
    from wagtail.models import Page, Revision, WorkflowState

    from advocacy.opportunities.models import (
        ApplicationUserObjectPermission,
        OpportunityApplication,
        OpportunityIndexPage,
        OpportunityPreferences,
        SpeakingOpportunity,
    )
    from advocacy.organisations.models import Organisation
    from advocacy.proposals.models import (
        CouncilReviewTask,
        ProposalEndorsement,
        ProposalIndexPage,
        ReformProposalPage,
        ReformProposalUserObjectPermission,
    )
    from people.models import User

    for page in Page.objects.all():
        assert page.specific_class is not None, page
        assert isinstance(page.specific, page.specific_class)
    proposals = list(ReformProposalPage.objects.order_by("pk"))
    assert len(proposals) == 5
    assert all(proposal.policy_area.name for proposal in proposals)
    for revision in Revision.page_revisions.filter(object_id__in=[p.pk for p in proposals]):
        assert isinstance(revision.as_object(), ReformProposalPage)
    assert ProposalEndorsement.objects.filter(organisation__isnull=False).exists()
    assert CouncilReviewTask.objects.exists()
    assert WorkflowState.objects.exists()

    organisations = list(Organisation.objects.order_by("pk"))
    assert len(organisations) == 4
    assert all(organisation.audience_id for organisation in organisations)
    opportunities = list(SpeakingOpportunity.objects.select_related("organisation"))
    assert len(opportunities) == 8
    assert all(opportunity.topics.exists() for opportunity in opportunities)
    assert OpportunityApplication.objects.count() == 7
    assert OpportunityPreferences.objects.get().topics.count() == 2

    # Permissions follow their content types, object permissions included.
    member = User.objects.get(email="org-member@example.org")
    grant = ReformProposalUserObjectPermission.objects.get()
    assert grant.permission.content_type.app_label == "proposals"
    assert "coauthor_reformproposalpage" in get_perms(member, grant.content_object)
    application = ApplicationUserObjectPermission.objects.get().content_object
    assert member.has_perm("opportunities.review_opportunityapplication", application)
    generic = UserObjectPermission.objects.get()
    assert isinstance(generic.content_object, Organisation)
    assert member.has_perm("organisations.change_organisation", generic.content_object)

    # And the pages still render.
    live = Page.objects.live().type(ReformProposalPage, ProposalIndexPage, OpportunityIndexPage)
    assert live.count() >= 3
    for page in live:
        response = client.get(page.url, HTTP_HOST="localhost")
        assert response.status_code == 200, page.url
