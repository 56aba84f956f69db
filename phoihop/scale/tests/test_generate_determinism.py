"""The scale generator writes the same rows for the same seed."""

from __future__ import annotations

import pytest
from django.db import transaction

from phoihop.scale.generator import dataset_digest, generate_scale


@pytest.mark.django_db
def test_it_writes_the_same_rows_for_the_same_seed() -> None:
    def run(seed: int) -> dict[str, str]:
        with transaction.atomic():
            generate_scale(provinces=1, units=1, seed=seed, rebuild=False)
            digest = dataset_digest()
            transaction.set_rollback(True)  # the next run starts from the same empty tables
        return digest

    first, again = run(11), run(11)
    assert first == again
    assert len(set(first.values())) == len(first)  # every table has rows of its own
