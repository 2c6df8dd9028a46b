from pathlib import Path

import pytest

from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SEED = Path(__file__).resolve().parents[2] / "src/orglife/site/data/2023-branch-self-inspection.txt"


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")


def test_it_signs_in_and_shows_the_chinese_home(page, live_server, world, shots):
    page.goto(f"{live_server.url}/")
    assert "登录" in page.title()
    sign_in(page, live_server, "secretary_a")
    assert "您好" in page.content() and "第一党支部" in page.content()
    # Every asset is served by the app itself: Bootstrap's CSS really applied.
    assert page.evaluate("getComputedStyle(document.querySelector('.navbar')).display") == "flex"
    page.screenshot(path=str(shots / "home.png"), full_page=True)


def test_it_reviews_a_pasted_material_with_highlights(page, live_server, world, shots):
    sign_in(page, live_server, "member_a")
    page.goto(f"{live_server.url}/review/")
    page.fill("#id_text", SEED.read_text(encoding="utf-8"))
    page.click("button:has-text('开始审核')")
    page.wait_for_selector("mark.f-error")
    assert page.locator(".finding").count() >= 4
    page.screenshot(path=str(shots / "review.png"), full_page=False)


def test_it_fits_a_phone_screen(phone, live_server, world, shots):
    sign_in(phone, live_server, "reviewer")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width}px wide on a 390px phone"
    phone.click(".navbar-toggler")
    phone.wait_for_selector("#mainnav.show")
    phone.screenshot(path=str(shots / "phone-home.png"), full_page=True)
