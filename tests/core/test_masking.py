from datetime import date

import pytest

from orglife.core.masking import mask


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13812341234", "138****1234"),
        ("010-62751234", "010*****1234"),
        ("110101198803071234", "110101********1234"),
        (date(1988, 3, 7), "1988-**-**"),
        ("", ""),
        (None, ""),
        ("12", "**"),
    ],
)
def test_it_masks_each_kind_of_personal_value(value, masked):
    assert mask(value) == masked
