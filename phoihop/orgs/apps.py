from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "phoihop.orgs"

    def warm_up(self) -> None:
        """The lists of provinces and communes, loaded once by a worker before it serves
        (core.memory.freeze_loaded)."""
        from phoihop.orgs import localities

        localities.provinces()
        localities.communes()
