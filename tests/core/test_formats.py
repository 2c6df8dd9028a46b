from decimal import Decimal

from django.template import engines

from orglife.core.formats import money


def test_it_writes_an_amount_with_separators_two_decimals_and_the_unit():
    assert money(Decimal("2000")) == "2,000.00 元"
    assert money(1200.5) == "1,200.50 元"
    assert money(None) == ""


def test_it_is_a_filter_in_every_template_without_load():
    template = engines["django"].from_string("{{ x|money }}")
    assert template.render({"x": Decimal("1500")}) == "1,500.00 元"
