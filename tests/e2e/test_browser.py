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


def test_it_shows_a_stale_form_the_way_back(page, live_server, world):
    sign_in(page, live_server, "member_a")
    page.goto(f"{live_server.url}/review/")
    # Signing in again in another tab rotates the token this open form still carries.
    page.evaluate("document.cookie = 'csrftoken=' + 'x'.repeat(32) + '; path=/'")
    page.fill("#id_text", "对照检查")
    page.click("button:has-text('开始审核')")
    assert "重新登录后再试" in page.content() and "CSRF验证失败" not in page.content()
    link = page.locator("a:has-text('重新登录后再试')")
    assert link.get_attribute("href") == "/login/?next=%2Freview%2F"
    link.click()
    page.wait_for_url(lambda url: "/login/?next=%2Freview%2F" in url)
    page.fill("#id_username", "member_a")
    page.fill("#id_password", PASSWORD)
    page.click("form[action='/login/'] button[type=submit]")
    page.wait_for_url(f"{live_server.url}/review/")  # back where the form was


def test_it_shows_every_ledger_tab_on_a_phone(phone, live_server, world, shots):
    sign_in(phone, live_server, "secretary_a")
    phone.goto(f"{live_server.url}/ledger/?org={world.branch_a.pk}")
    tab = phone.locator("a.nav-link:has-text('上次整改落实情况')")
    assert tab.is_visible()
    box = tab.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(shots / "phone-ledger-tabs.png"), full_page=False)
