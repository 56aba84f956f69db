"""A base for migrations that create many models: their new models rendered once, not once each.

After each ``CreateModel`` Django renders again every model related to the new one, and through
them every model related to those: for a model with a key to the user or the organisation that
is nearly the whole project. A migration that creates fourteen models rendered the project
fourteen times, and creating a new database (every test run, every new deployment) spent most of
its time there.

``Migration`` here applies each run of consecutive ``CreateModel`` operations in two steps: the
new models are added to the project state together and rendered once, then their tables are
created one by one, in the migration's order, exactly as Django creates them. Each table is made
from its model as that operation defined it (no operation in the run changes another's model).
Every other operation, a run of one, reversing, and writing SQL out (``sqlmigrate``) go through
Django's own code. The migration's file still lists plain operations, which ``makemigrations``,
``squashmigrations`` and the optimiser read as they would any.
"""

from __future__ import annotations

import copy
from typing import Any

from django.db import migrations
from django.db.migrations.operations import CreateModel
from django.db.migrations.state import ProjectState
from django.db.transaction import atomic


class Migration(migrations.Migration):
    def apply(
        self, project_state: ProjectState, schema_editor: Any, collect_sql: bool = False
    ) -> ProjectState:
        if collect_sql:
            return super().apply(project_state, schema_editor, collect_sql)
        operations = list(self.operations)
        start = 0
        while start < len(operations):
            end = start
            while end < len(operations) and isinstance(operations[end], CreateModel):
                end += 1
            if end - start >= 2:
                creates = [op for op in operations[start:end] if isinstance(op, CreateModel)]
                self._create_together(creates, project_state, schema_editor)
            else:
                end = max(end, start + 1)
                part = copy.copy(self)
                part.operations = operations[start:end]  # type: ignore[misc]  # the copy's own
                super(Migration, part).apply(project_state, schema_editor)
            start = end
        return project_state

    def _create_together(
        self, creates: list[CreateModel], project_state: ProjectState, schema_editor: Any
    ) -> None:
        old_state = project_state.clone()
        rendered = project_state.__dict__.pop("apps", None)  # so that each add renders nothing
        for operation in creates:
            operation.state_forwards(self.app_label, project_state)
        if rendered is not None:
            project_state.apps = rendered
            project_state.reload_models(
                [(self.app_label, operation.name_lower) for operation in creates], delay=False
            )
        for operation in creates:
            if not schema_editor.atomic_migration and (
                operation.atomic or (self.atomic and operation.atomic is not False)
            ):
                with atomic(schema_editor.connection.alias):
                    operation.database_forwards(
                        self.app_label, schema_editor, old_state, project_state
                    )
            else:
                operation.database_forwards(self.app_label, schema_editor, old_state, project_state)
