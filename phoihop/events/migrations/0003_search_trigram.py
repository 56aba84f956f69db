from django.db import migrations

from phoihop.core.trigram import search_text_trigram_index


class Migration(migrations.Migration):
    dependencies = [("events", "0002_event_date_index")]

    operations = [search_text_trigram_index("events_event", "event_search_trgm")]
