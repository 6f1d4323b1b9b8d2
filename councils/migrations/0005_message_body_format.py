"""Messages become plain text, stored as typed. Every row saved before this
was sanitised into inline HTML and is marked so (`html`) to render as before;
rows saved from now on are `text`."""

from django.db import migrations, models

CHOICES = [
    ("text", "plain text"),
    ("html", "sanitised HTML (messages from before plain text)"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0004_message_changes_take_a_seq"),
    ]

    operations = [
        # Existing rows take the default of the column as it is added: html.
        migrations.AddField(
            model_name="message",
            name="body_format",
            field=models.CharField(choices=CHOICES, default="html", max_length=4, verbose_name="format"),
        ),
        migrations.AddField(
            model_name="messagerevision",
            name="body_format",
            field=models.CharField(choices=CHOICES, default="html", max_length=4),
        ),
        # New rows: text.
        migrations.AlterField(
            model_name="message",
            name="body_format",
            field=models.CharField(choices=CHOICES, default="text", max_length=4, verbose_name="format"),
        ),
        migrations.AlterField(
            model_name="messagerevision",
            name="body_format",
            field=models.CharField(choices=CHOICES, default="text", max_length=4),
        ),
    ]
