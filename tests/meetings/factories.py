"""Meeting factories for part 2's tests (LifeMeeting rows made directly)."""

from datetime import date

import factory

from orglife.meetings.models import LifeMeeting
from tests.factories import OrganizationFactory


class LifeMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LifeMeeting

    org = factory.SubFactory(OrganizationFactory)
    year = 2023
    title = factory.Sequence(lambda n: f"2023年主题教育专题组织生活会{n}")
    planned_on = date(2024, 1, 10)
