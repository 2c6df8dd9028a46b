import pytest
from django.db import IntegrityError

from orglife.meetings.models import LifeMeeting
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def test_it_refuses_a_second_meeting_with_the_same_title_in_a_year():
    branch = OrganizationFactory()
    LifeMeeting.objects.create(org=branch, year=2023, title="专题组织生活会")
    with pytest.raises(IntegrityError):
        LifeMeeting.objects.create(org=branch, year=2023, title="专题组织生活会")


def test_it_allows_the_same_title_in_another_year():
    branch = OrganizationFactory()
    LifeMeeting.objects.create(org=branch, year=2023, title="专题组织生活会")
    LifeMeeting.objects.create(org=branch, year=2024, title="专题组织生活会")
    assert LifeMeeting.objects.filter(org=branch).count() == 2
