from django.apps import AppConfig


class MaterialsConfig(AppConfig):
    name = "orglife.materials"
    label = "materials"
    verbose_name = "对照检查材料"

    def ready(self) -> None:
        from orglife.core import remember
        from orglife.materials.models import InspectionMaterial

        remember.watch(InspectionMaterial)
