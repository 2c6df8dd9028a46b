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

    @factory.post_generation
    def studied(obj, create, extracted, **kwargs):
        """A collective study is recorded unless ``studied=False`` (the study rule of part 1:
        no collective study, no meeting)."""
        if create and extracted is not False:
            from orglife.meetings.models import StudySession
            from tests.factories import UserFactory

            StudySession.objects.create(
                meeting=obj, held_on=date(2024, 1, 5), topic="集中学习", created_by=UserFactory()
            )
