from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "phoihop.imports"

    def ready(self) -> None:
        from phoihop.attachments.uploads import register_sweep
        from phoihop.imports.services import import_files_remove_stale

        register_sweep(
            _("Tệp nhập dữ liệu đã xong hoặc quá hạn xác nhận"), import_files_remove_stale
        )
