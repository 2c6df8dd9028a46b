"""安全生产 in a phone-sized browser: the 四色图 draws, a hazard is recorded with a photo."""

import pytest

from orglife.safety.models import HazardDetail
from tests.e2e.test_browser import sign_in
from tests.ledger.factories import png_bytes
from tests.safety.factories import make_risk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_it_draws_the_four_colour_chart_on_a_phone(phone, live_server, world):
    make_risk(world, place="锅炉房", l=10, e=6, c=40)
    make_risk(world, place="档案室", area="fire", l=1, e=6, c=3)
    sign_in(phone, live_server, "member_a")
    phone.goto(f"{live_server.url}/safety/")
    phone.wait_for_selector("#four-colour canvas")
    assert phone.locator("tr.row-red").count() == 1 and phone.locator("tr.row-blue").count() == 1
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width}px wide on a 390px phone"


def test_it_records_a_hazard_with_a_photo_from_a_phone(
    phone, live_server, world, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"  # the photo is stored as evidence
    photo = tmp_path / "scene.png"
    photo.write_bytes(png_bytes())
    sign_in(phone, live_server, "secretary_a")
    phone.goto(f"{live_server.url}/safety/hazards/new/")
    phone.set_input_files("#photo", str(photo))
    phone.fill("#description", "二楼东侧消防通道堆放纸箱")
    phone.select_option("#area", "fire")
    phone.click("button:has-text('登记')")
    phone.wait_for_url(f"{live_server.url}/safety/hazards/*/")
    hazard = HazardDetail.objects.get()
    assert hazard.item.title == "二楼东侧消防通道堆放纸箱"
    assert hazard.item.evidence.count() == 1
    assert phone.locator("img[alt='scene.png']").count() == 1
