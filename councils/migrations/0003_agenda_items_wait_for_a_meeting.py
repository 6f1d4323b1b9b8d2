import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def council_from_meeting(apps, schema_editor):
    AgendaItem = apps.get_model("councils", "AgendaItem")
    for item in AgendaItem.objects.select_related("meeting").iterator():
        item.council_id = item.meeting.council_id
        item.save(update_fields=["council"])


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0002_content_warning_topics"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="council",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="agenda_items",
                to="councils.council",
            ),
        ),
        migrations.RunPython(council_from_meeting, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="agendaitem",
            name="council",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="agenda_items",
                to="councils.council",
            ),
        ),
        migrations.AlterField(
            model_name="agendaitem",
            name="meeting",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="agenda_items",
                to="councils.meeting",
            ),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="link",
            field=models.CharField(
                blank=True,
                max_length=500,
                validators=[
                    django.core.validators.RegexValidator(
                        "^(/(?!/)|https?://)", "Give a web address or a page on this site."
                    )
                ],
                verbose_name="read more at",
            ),
        ),
        migrations.AddIndex(
            model_name="agendaitem",
            index=models.Index(fields=["council", "meeting"], name="agenda_item_council_meeting"),
        ),
    ]
