"""Object permissions: listing 5,000 objects with django-guardian checks.

Two storage layouts side by side: guardian's generic tables (``UserObjectPermission`` /
``GroupObjectPermission``, text object ids plus a content type; measured on
``people.ExpertiseTopic``, which has no direct tables) and direct foreign-key tables
(``StoryPartUserObjectPermission`` / ``StoryPartGroupObjectPermission`` on
``people.StoryPart``). Each is listed three ways: ``user.has_perm`` per object (what a
template or a naive loop does), one ``ObjectPermissionChecker`` with ``prefetch_perms``,
and ``get_objects_for_user`` (one filtered query). The baseline is the plain listing of
the same objects without any check.
"""

from __future__ import annotations

import contextlib
import time

from tests.bench.report import Section, Table, fmt, median, ratio

DENIED_EVERY = 10  # every tenth object gets no permission, so the check is not trivial


def _setup(count: int):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType
    from guardian.models import GroupObjectPermission, UserObjectPermission

    from people.models import (
        ExpertiseTopic,
        StoryPart,
        StoryPartGroupObjectPermission,
        StoryPartUserObjectPermission,
    )

    users = get_user_model().objects
    reader = users.create_user(email="bench-reader@example.org", password=None)
    owner = users.create_user(email="bench-owner@example.org", password=None)
    group = Group.objects.create(name="bench-audience")
    reader.groups.add(group)

    ExpertiseTopic.objects.bulk_create(
        ExpertiseTopic(name=f"Bench topic {i}", slug=f"bench-topic-{i}") for i in range(count)
    )
    topics = list(ExpertiseTopic.objects.filter(slug__startswith="bench-topic-"))
    topic_type = ContentType.objects.get_for_model(ExpertiseTopic)
    view_topic = Permission.objects.get(content_type=topic_type, codename="view_expertisetopic")
    StoryPart.objects.bulk_create(
        StoryPart(owner=owner, title=f"Part {i}", body="<p>A short part.</p>", position=i)
        for i in range(count)
    )
    parts = list(StoryPart.objects.filter(owner=owner))
    view_part = Permission.objects.get(codename="view_shared_storypart")

    def granted(objects):
        # Half directly to the reader, half through an audience group, some to no one.
        for index, obj in enumerate(objects):
            if index % DENIED_EVERY != DENIED_EVERY - 1:
                yield index % 2 == 0, obj

    UserObjectPermission.objects.bulk_create(
        UserObjectPermission(
            user=reader, permission=view_topic, content_type=topic_type, object_pk=str(o.pk)
        )
        for direct, o in granted(topics)
        if direct
    )
    GroupObjectPermission.objects.bulk_create(
        GroupObjectPermission(
            group=group, permission=view_topic, content_type=topic_type, object_pk=str(o.pk)
        )
        for direct, o in granted(topics)
        if not direct
    )
    StoryPartUserObjectPermission.objects.bulk_create(
        StoryPartUserObjectPermission(user=reader, permission=view_part, content_object=o)
        for direct, o in granted(parts)
        if direct
    )
    StoryPartGroupObjectPermission.objects.bulk_create(
        StoryPartGroupObjectPermission(group=group, permission=view_part, content_object=o)
        for direct, o in granted(parts)
        if not direct
    )
    layouts = [
        (
            "generic tables (ExpertiseTopic)",
            lambda: ExpertiseTopic.objects.filter(slug__startswith="bench-topic-"),
            "people.view_expertisetopic",
        ),
        (
            "direct FK tables (StoryPart)",
            lambda: StoryPart.objects.filter(owner=owner),
            "people.view_shared_storypart",
        ),
    ]
    return reader, layouts


def _methods(reader, queryset, perm):
    from django.contrib.auth import get_user_model
    from guardian.core import ObjectPermissionChecker
    from guardian.shortcuts import get_objects_for_user

    def fresh_reader():
        # A fresh user object per run: no permission cache carried between runs.
        return get_user_model().objects.get(pk=reader.pk)

    def plain():
        return len(list(queryset()))

    def has_perm_each():
        user = fresh_reader()
        return sum(user.has_perm(perm, obj) for obj in queryset())

    def prefetched_checker():
        user = fresh_reader()
        objects = list(queryset())
        checker = ObjectPermissionChecker(user)
        checker.prefetch_perms(objects)
        return sum(checker.has_perm(perm, obj) for obj in objects)

    def filtered_query():
        user = fresh_reader()
        return len(list(get_objects_for_user(user, perm, klass=queryset())))

    return [
        ("plain listing, no check (baseline)", plain, True),
        ("user.has_perm per object", has_perm_each, False),
        ("ObjectPermissionChecker + prefetch_perms", prefetched_checker, True),
        ("get_objects_for_user (one query)", filtered_query, True),
    ]


@contextlib.contextmanager
def count_queries():
    """Count every query run inside the block (no cap, unlike the debug query log)."""
    from django.db import connection

    counter = [0]

    def count(execute, sql, params, many, context):
        counter[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield counter


def run(ctx) -> Section:
    """Time and count queries for each layout and method."""
    from django.db import transaction

    count = 200 if ctx.quick else 5000
    repeats = 1 if ctx.quick else 3
    table = Table(
        f"Listing {count:,} objects ({count - count // DENIED_EVERY:,} readable)",
        ["Permission tables", "Method", "Objects returned", "Time (ms)", "Queries", "÷ baseline"],
    )
    notes = []
    with transaction.atomic():
        reader, layouts = _setup(count)
        for layout, queryset, perm in layouts:
            baseline = None
            for index, (name, method, repeat) in enumerate(_methods(reader, queryset, perm)):
                timings, counts = [], []
                for _ in range(repeats if repeat else 1):
                    with count_queries() as queries:
                        start = time.perf_counter()
                        returned = method()
                        timings.append(time.perf_counter() - start)
                    counts.append(queries[0])
                seconds = median(timings)
                baseline = baseline or seconds
                expected = count if index == 0 else count - count // DENIED_EVERY
                if returned != expected:
                    notes.append(f"{layout}, {name}: returned {returned}, expected {expected}.")
                table.rows.append(
                    [
                        layout,
                        name,
                        f"{returned:,}",
                        fmt(seconds * 1000, 1),
                        f"{counts[0]:,}",
                        fmt(ratio(seconds, baseline), 1) + "x",
                    ]
                )
        transaction.set_rollback(True)
    return Section(
        key="permissions",
        title="Object permissions (django-guardian)",
        method=(
            f"{count:,} objects per layout; the reader may see nine in ten of them, half "
            "through a direct grant and half through a group (an audience). Time is the "
            f"median of {repeats} run(s) in one process on the bench database; queries are "
            "counted in the same runs with a `connection.execute_wrapper`. Every run starts "
            "from a "
            "fresh user object, so no permission cache is carried over. The data is created "
            "in a transaction and rolled back."
        ),
        tables=[table],
        notes=notes
        or [
            "Every method returned exactly the readable objects. Listing pages must use one "
            "of the last two methods: per-object `has_perm` costs queries per row."
        ],
    )
