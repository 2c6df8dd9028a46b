from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "orglife.orgs"
    label = "orgs"
    verbose_name = "组织与人员"

    def ready(self) -> None:
        from orglife.core import remember
        from orglife.orgs.models import Membership, Organization

        # Who sees what follows the tree and the seats: every remembered figure depends on them.
        remember.watch(Organization, Membership, always=True)
