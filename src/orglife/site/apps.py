from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "orglife.site"
    label = "orglife_site"
    verbose_name = "站点"
