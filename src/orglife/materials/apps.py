from django.apps import AppConfig


class MaterialsConfig(AppConfig):
    name = "orglife.materials"
    label = "materials"
    verbose_name = "对照检查材料"
