from django.db import migrations


def backfill(apps, schema_editor):
    from phoihop.activities.services import fill_agreement_column

    fill_agreement_column(
        activity_model=apps.get_model("activities", "Activity"),
        task_model=apps.get_model("plans", "Task"),
        plan_model=apps.get_model("plans", "AnnualPlan"),
    )


class Migration(migrations.Migration):
    dependencies = [("activities", "0004_activity_agreement")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
