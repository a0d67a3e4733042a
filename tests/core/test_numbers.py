from decimal import Decimal

import pytest

from jixiao.core.numbers import NumberError, fmt2, fmt_pct, fmt_points, parse_decimal, q2


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("8.125", "8.13"),  # half-up, never banker's 8.12
        ("1.8868", "1.89"),
        ("5.8333", "5.83"),
        ("0.005", "0.01"),
        ("2", "2.00"),
    ],
)
def test_scores_round_half_up(raw: str, expected: str) -> None:
    assert fmt2(q2(Decimal(raw))) == expected


def test_float_round_would_have_been_wrong() -> None:
    # The reason the project bans float rounding: this is what users would have seen.
    assert round(8.125, 2) == 8.12
    assert q2(Decimal("8.125")) == Decimal("8.13")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("17,641.06", Decimal("17641.06")),
        (" 94.34% ", Decimal("0.9434")),
        ("１２.５", Decimal("12.5")),
        (3, Decimal(3)),
    ],
)
def test_parse_decimal_accepts_what_people_type(text, value) -> None:
    assert parse_decimal(text) == value


@pytest.mark.parametrize("bad", ["", "abc", 1.5, None, True, "nan"])
def test_parse_decimal_refuses_with_chinese_message(bad) -> None:
    with pytest.raises(NumberError) as info:
        parse_decimal(bad, what="分子")
    assert "分子" in str(info.value)


def test_percent_and_points_formats_match_the_seed() -> None:
    assert fmt_pct(Decimal("17641.06") / Decimal(18700)) == "94.34%"
    assert fmt_points(Decimal("1.00")) == "1"
    assert fmt_points(Decimal("0.50")) == "0.5"
    assert fmt_points(Decimal("0.11")) == "0.11"


def test_underscores_and_absurd_magnitudes_are_not_numbers() -> None:
    import pytest

    from jixiao.core.numbers import NumberError, parse_decimal

    for text in ("1_000", "1e999999999", "1e-40"):
        with pytest.raises(NumberError):
            parse_decimal(text)
    assert parse_decimal("1,000.50") == Decimal("1000.50")
