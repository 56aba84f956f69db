# Membership moved to the registry (orgs/migrations/0008): removed from this app's state only,
# its tables stay as they are.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_viewer_role_reads_chi_xem"),
        ("orgs", "0008_membership_from_accounts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="HistoricalMembership"),
                migrations.DeleteModel(name="Membership"),
            ],
        ),
    ]
