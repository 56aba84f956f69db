from django.db import migrations

from phoihop.core.trigram import search_text_trigram_index


class Migration(migrations.Migration):
    dependencies = [("agreements", "0004_list_indexes")]

    operations = [search_text_trigram_index("agreements_agreement", "agreement_search_trgm")]
