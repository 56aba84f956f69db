
import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    """Every existing event's reach: its host, the bodies taking part, its agreements' parties."""
    Event = apps.get_model("events", "Event")
    Party = apps.get_model("agreements", "Party")
    reach = apps.get_model("events", "EventReach")._meta.db_table
    event = Event._meta.db_table
    bodies = Event.organizations.through._meta.db_table
    links = Event.agreements.through._meta.db_table
    party = Party._meta.db_table
    schema_editor.execute(
        f"INSERT INTO {reach} (event_id, organization_id) "
        f"SELECT id, host_id FROM {event} "
        f"UNION SELECT event_id, organization_id FROM {bodies} "
        f"UNION SELECT l.event_id, p.organization_id FROM {links} l JOIN {party} p ON p.agreement_id = l.agreement_id"
    )


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0004_version'),
        ('orgs', '0008_membership_from_accounts'),
        ('agreements', '0007_title_order_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='EventReach',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='events.event')),
                ('organization', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='orgs.organization')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('organization', 'event'), name='eventreach_once')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
