import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_answers_a_refused_form_with_the_chinese_page_and_a_way_back(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.member_a)
    response = client.post(
        "/review/", {"text": "x"}, HTTP_REFERER="http://testserver/ledger/?status=open"
    )
    body = response.content.decode()
    assert response.status_code == 403
    assert "CSRF验证失败" not in body and "DEBUG" not in body
    assert "重新登录后再试" in body
    assert 'href="/login/?next=%2Fledger%2F%3Fstatus%3Dopen"' in body
    assert "返回首页" in body  # the same page as every other error


def test_it_never_sends_the_way_back_to_another_site(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/review/", {"text": "x"}, HTTP_REFERER="https://evil.example/x")
    assert 'href="/login/?next=%2Freview%2F"' in response.content.decode()
