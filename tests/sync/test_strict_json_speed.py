"""The strict parser's faster parts (issue 15, ninth pass) give what the slower ones gave.

Every line of a bundle's payload goes through ``loads_strict``: its depth walk now goes a
level at a time (comprehensions instead of a Python step per value) and its duplicate-key
hook builds each object with ``dict()`` and walks the pairs only when one repeats. Both
must still give the depth, the object and the error (naming the first repeated key) the
walk of every value gave.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest

from fieldsurvey.sync.canonical_json import StrictJsonError, _depth, dumps, loads_strict


def _reference_depth(value: Any) -> int:
    """The nesting depth, recursively (the definition)."""
    if isinstance(value, dict):
        return 1 + max((_reference_depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((_reference_depth(v) for v in value), default=0)
    return 0


def _random_value(rng: random.Random, depth: int) -> Any:
    kind = rng.random()
    if depth <= 0 or kind < 0.35:
        return rng.choice([None, True, 0, -7, 2.5, "", "Hà Nội", "x" * rng.randint(0, 5)])
    width = rng.randint(0, 4)
    if kind < 0.7:
        return {f"k{i}": _random_value(rng, depth - 1) for i in range(width)}
    return [_random_value(rng, depth - 1) for _ in range(width)]


def test_depth_as_the_definition_on_random_documents() -> None:
    rng = random.Random(15)
    for _ in range(2000):
        value = _random_value(rng, rng.randint(0, 12))
        assert _depth(value) == _reference_depth(value), value


@pytest.mark.parametrize("value", [None, 3, "a", [], {}, [[]], {"a": {}}, [1, [2, [3]]]])
def test_depth_of_small_values(value: Any) -> None:
    assert _depth(value) == _reference_depth(value)


@pytest.mark.parametrize("opener", ["list", "object", "mixed"])
def test_depth_limit_at_the_end_of_a_wide_document(opener: str) -> None:
    """The deepest branch is the last of many shallow ones: 32 levels pass, 33 do not."""

    def nested(levels: int) -> Any:
        value: Any = 1
        for i in range(levels):
            if opener == "list" or (opener == "mixed" and i % 2):
                value = [value]
            else:
                value = {"a": value}
        return value

    for levels, passes in ((32, True), (33, False)):
        doc = {f"f{i}": [i, {"x": i}] for i in range(300)}
        doc["zz"] = nested(levels - 1)  # the document itself is one more level
        data = dumps(doc)
        assert _reference_depth(json.loads(data)) == levels
        if passes:
            assert loads_strict(data, max_bytes=1_000_000) == doc
        else:
            with pytest.raises(StrictJsonError, match="nested deeper"):
                loads_strict(data, max_bytes=1_000_000)


def test_objects_as_json_gives_them() -> None:
    rng = random.Random(4)
    for _ in range(500):
        value = _random_value(rng, 6)
        data = json.dumps(value, ensure_ascii=False).encode()
        parsed = loads_strict(data, max_bytes=1_000_000)
        assert parsed == json.loads(data)
        if isinstance(parsed, dict):  # the keys in the order the text has them
            assert list(parsed) == list(json.loads(data))


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b'{"a":1,"b":2,"b":3,"a":4}', "b"),
        (b'{"a":1,"b":2,"a":3,"b":4}', "a"),
        (b'{"x":[{"n":1},{"n":1,"m":2,"n":3}]}', "n"),
        (b'{"k":{"":1,"":2}}', ""),
    ],
)
def test_duplicate_key_names_the_first_repeated(data: bytes, key: str) -> None:
    with pytest.raises(StrictJsonError, match="duplicate key") as caught:
        loads_strict(data, max_bytes=1000)
    assert caught.value.params["key"] == key
