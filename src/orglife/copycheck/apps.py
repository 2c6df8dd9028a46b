from django.apps import AppConfig


class CopycheckConfig(AppConfig):
    name = "orglife.copycheck"
    label = "copycheck"
    verbose_name = "材料查重"

    def ready(self) -> None:
        # Materials know nothing of the copy check; it fingerprints each one as it is filed.
        from orglife.copycheck.tasks import on_material_filed
        from orglife.materials.services import material_filed

        material_filed.connect(on_material_filed, dispatch_uid="copycheck.fingerprint")
