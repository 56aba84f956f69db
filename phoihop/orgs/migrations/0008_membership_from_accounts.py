# Memberships belong to the registry (who belongs to which organisation), so the scope every
# access rule stands on is the registry's and accounts depends on orgs, not both ways. The model
# moves in the migration state only: its tables keep their names and rows.

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MOVED = ("membership", "historicalmembership")


def content_types_to_orgs(apps, schema_editor):
    """Keep the permissions and anything else pointing at the models' content types."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="orgs", model=model).exists():
            ContentType.objects.filter(app_label="accounts", model=model).update(app_label="orgs")


def content_types_to_accounts(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label="accounts", model=model).exists():
            ContentType.objects.filter(app_label="orgs", model=model).update(app_label="accounts")


class Migration(migrations.Migration):

    dependencies = [
        ("orgs", "0007_organization_sort_name"),
        ("accounts", "0003_viewer_role_reads_chi_xem"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalMembership',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('role', models.CharField(choices=[('viewer', 'Chỉ xem'), ('officer', 'Cán bộ thực hiện'), ('leader', 'Lãnh đạo'), ('admin', 'Quản trị đơn vị')], max_length=20, verbose_name='vai trò')),
                        ('created_at', models.DateTimeField(blank=True, editable=False)),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('organization', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='orgs.organization')),
                        ('user', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical thành viên',
                        'verbose_name_plural': 'historical thành viêns',
                        'db_table': 'accounts_historicalmembership',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Membership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('role', models.CharField(choices=[('viewer', 'Chỉ xem'), ('officer', 'Cán bộ thực hiện'), ('leader', 'Lãnh đạo'), ('admin', 'Quản trị đơn vị')], max_length=20, verbose_name='vai trò')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('organization', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='memberships', to='orgs.organization')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'thành viên',
                        'db_table': 'accounts_membership',
                        'constraints': [models.UniqueConstraint(fields=('user', 'organization'), name='one_role_per_org')],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_to_orgs, content_types_to_accounts),
    ]
