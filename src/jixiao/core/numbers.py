"""Decimal parsing, half-up quantizing and the display formats used on score sheets.

Scores are quantized to 0.01 with ROUND_HALF_UP (四舍五入): Python's float ``round``
rounds half to even and works on binary fractions, so 8.125 would become 8.12.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from jixiao.core.errors import UserError

CENT = Decimal("0.01")
RATE_STEP = Decimal("0.0001")  # a ratio shown as a percentage with two decimals
ZERO = Decimal(0)
HUNDRED = Decimal(100)


class NumberError(UserError, ValueError):
    """A value that is not a number; the message is Chinese and user-facing."""


def parse_decimal(value: object, *, what: str = "数值") -> Decimal:
    """Parse user or file input into a Decimal.

    Accepts ints, Decimals and strings such as ``"17,641.06"``, ``"１２.５"`` or
    ``" 94.34% "`` (a trailing % divides by 100). Floats are refused because they
    have already lost the exact decimal value.
    """
    if isinstance(value, bool):
        raise NumberError(f"{what}不是数字：{value!r}")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        raise NumberError(f'{what}必须以字符串给出（例如 "1.5"），不能是浮点数 {value!r}')
    elif isinstance(value, str):
        text = _normalise_digits(value).strip().replace(",", "").replace(" ", "")
        percent = text.endswith("%")
        if percent:
            text = text[:-1]
        if not text:
            raise NumberError(f"{what}为空")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise NumberError(f"{what}不是数字：{value!r}") from None
        if percent:
            result = result / HUNDRED
    else:
        raise NumberError(f"{what}不是数字：{value!r}")
    if not result.is_finite():
        raise NumberError(f"{what}不是有限数字：{value!r}")
    return result


def _normalise_digits(text: str) -> str:
    # Full-width digits and punctuation are common in text typed with a Chinese IME.
    return text.translate(_FULLWIDTH)


_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％－＋", "0123456789.,%-+")


def q2(value: Decimal) -> Decimal:
    """Quantize to 0.01, half up (8.125 → 8.13)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def q_rate(ratio: Decimal) -> Decimal:
    """Quantize a ratio to the precision shown as a percentage (0.943372 → 0.9434)."""
    return ratio.quantize(RATE_STEP, rounding=ROUND_HALF_UP)


def fmt2(value: Decimal) -> str:
    """Two decimals, as on the score sheet: ``"2.00"``, ``"90.23"``."""
    return f"{q2(value):.2f}"


def fmt_money(value: Decimal) -> str:
    """An amount with thousands separators and two decimals, half up: 123.445 → "123.45"."""
    return f"{q2(value):,.2f}"


def fmt_pct(ratio: Decimal) -> str:
    """A ratio as a percentage with two decimals: ``0.9434`` → ``"94.34%"``."""
    return f"{q_rate(ratio) * HUNDRED:.2f}%"


def fmt_points(value: Decimal) -> str:
    """Points without trailing zeros, as the seed writes deductions: 1.00 → "1", 0.50 → "0.5"."""
    text = f"{q2(value):.2f}".rstrip("0").rstrip(".")
    return text or "0"
