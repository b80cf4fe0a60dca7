"""Strict JSON: what a lenient parser would accept and we refuse."""

from __future__ import annotations

import pytest

from fieldsurvey.sync.canonical_json import StrictJsonError, dumps, loads_strict


def test_round_trip_is_canonical() -> None:
    value = {"b": [1, 2, {"z": "Hà Nội"}], "a": None}
    data = dumps(value)
    assert data == '{"a":null,"b":[1,2,{"z":"Hà Nội"}]}'.encode()
    assert loads_strict(data, max_bytes=1000, canonical=True) == value


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'{"a":1,"a":2}', "duplicate key"),
        (b'{"x":{"a":1,"a":1}}', "duplicate key"),
        (b'{"a":NaN}', "not allowed"),
        (b'{"a":Infinity}', "not allowed"),
        (b'{"a":"\xff"}', "UTF-8"),
        (b"\xef\xbb\xbf{}", "byte-order mark"),
        (b'{"a":1', "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "JSON"),
    ],
)
def test_refused(data: bytes, reason: str) -> None:
    with pytest.raises(StrictJsonError, match=reason):
        loads_strict(data, max_bytes=1_000_000)


def test_size_limit_before_parsing() -> None:
    with pytest.raises(StrictJsonError, match="limit"):
        loads_strict(b'{"a":"' + b"x" * 100 + b'"}', max_bytes=50)


def test_depth_limit() -> None:
    deep = b'{"a":' * 40 + b"1" + b"}" * 40
    with pytest.raises(StrictJsonError, match="nested deeper"):
        loads_strict(deep, max_bytes=10_000)
    assert loads_strict(deep, max_bytes=10_000, max_depth=None) is not None


def test_canonical_refuses_other_spellings() -> None:
    for spelling in (b'{"b":1,"a":2}', b'{"a": 2}', b'{"a":2}\n', b'{"a":"\\u0041"}'):
        with pytest.raises(StrictJsonError, match="canonical"):
            loads_strict(spelling, max_bytes=100, canonical=True)
