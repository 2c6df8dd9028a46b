"""LEC and LS scoring and banding at every band edge (docs/domain.md)."""

from decimal import Decimal

import pytest

from orglife.safety import scoring


@pytest.mark.parametrize(
    ("score", "level", "colour"),
    [
        ("320.1", "major", "red"),
        ("321", "major", "red"),
        ("320", "large", "orange"),
        ("160", "large", "orange"),
        ("159.9", "general", "yellow"),
        ("70", "general", "yellow"),
        ("69.9", "low", "blue"),
        ("20", "low", "blue"),
        ("19.9", "low", "blue"),
        ("0.001", "low", "blue"),
    ],
)
def test_it_bands_lec_scores_at_every_edge(score, level, colour):
    band = scoring.band_for(Decimal(score), scoring.lec_bands())
    assert band.level == level
    assert scoring.COLOURS[band.level] == colour


@pytest.mark.parametrize(
    ("score", "label"),
    [("20", "一般危险，需要注意"), ("19.9", "稍有危险，可以接受"), ("69.9", "一般危险，需要注意")],
)
def test_it_splits_the_blue_band_by_its_labels(score, label):
    assert scoring.band_for(Decimal(score), scoring.lec_bands()).label == label


@pytest.mark.parametrize(
    ("l", "e", "c", "score", "level"),
    [
        (10, 10, 100, "10000", "major"),
        (6, 6, 15, "540", "major"),
        (3, 6, 15, "270", "large"),
        (10, 1, 7, "70", "general"),
        (3, 3, 7, "63", "low"),
        ("0.5", "0.5", 1, "0.25", "low"),
        ("0.1", "0.5", 1, "0.05", "low"),
    ],
)
def test_it_computes_lec_as_the_product(l, e, c, score, level):  # noqa: E741
    rating = scoring.lec(l, e, c)
    assert rating.score == Decimal(score)
    assert rating.level == level
    assert rating.method == "lec"


@pytest.mark.parametrize(
    ("l", "e", "c"), [(4, 6, 15), (3, 7, 15), (3, 6, 16), (3, 6, None), ("x", 6, 15), (0, 1, 1)]
)
def test_it_refuses_lec_values_outside_the_sets(l, e, c):  # noqa: E741
    with pytest.raises(scoring.ScoringError) as info:
        scoring.lec(l, e, c)
    assert "取值应为" in info.value.message


@pytest.mark.parametrize(
    ("l", "s", "level"),
    [
        (5, 5, "major"),
        (5, 4, "major"),  # 20: the lower edge of 重大
        (4, 4, "large"),  # 16
        (5, 3, "large"),  # 15: the lower edge of 较大
        (3, 4, "general"),  # 12
        (3, 3, "general"),  # 9: the lower edge of 一般
        (4, 2, "low"),  # 8
        (1, 1, "low"),
    ],
)
def test_it_bands_ls_at_every_edge(l, s, level):  # noqa: E741
    rating = scoring.ls(l, s)
    assert rating.score == l * s
    assert rating.level == level


def test_it_takes_ls_bands_from_the_setting_bounds():
    assert scoring.ls(3, 4, (25, 16, 12)).level == "general"
    assert scoring.ls(3, 3, (25, 16, 12)).level == "low"
    assert scoring.ls(4, 4, (25, 16, 12)).level == "large"


@pytest.mark.parametrize(("l", "s"), [(0, 3), (6, 1), (2.5, 2), ("a", 1), (3, None)])
def test_it_refuses_ls_values_outside_one_to_five(l, s):  # noqa: E741
    with pytest.raises(scoring.ScoringError):
        scoring.ls(l, s)


def test_it_refuses_ls_bounds_that_do_not_descend():
    with pytest.raises(ValueError):
        scoring.ls_bands((9, 15, 20))


def test_it_shows_whole_scores_without_an_exponent():
    assert str(scoring.lec("3.0", "6.0", "15.0").score) == "270"
    assert str(scoring.lec(10, 10, 100).score) == "10000"
    assert str(scoring.lec("0.5", "0.5", 1).score) == "0.25"
