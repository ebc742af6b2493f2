"""Sealed papers: only the right code opens a paper, only for its own attempt, and the sealed
bytes say nothing about whose paper it is or what it asks."""

from __future__ import annotations

import pytest

from quizzes.sealed_papers import (
    SealError,
    access_code,
    locator,
    normalise_code,
    open_paper,
    seal_paper,
)

SECRET = bytes(range(32))
PAYLOAD = {
    "participant": "ts-3f9a2c1b",
    "assignment": "vong-1-lan-1",
    "view": {"questions": [{"number": 1, "stem": "Nhân dân được bàn và quyết định những gì?"}]},
}


def test_codes_are_stable_distinct_and_readable() -> None:
    code = access_code(SECRET, "ts-3f9a2c1b")
    assert code == access_code(SECRET, "ts-3f9a2c1b")
    assert code != access_code(SECRET, "ts-3f9a2c1c")
    assert code != access_code(bytes(32), "ts-3f9a2c1b")  # another contest's secret
    assert len(code) == 14 and code.count("-") == 2 and code.upper() == code


def test_typed_codes_are_normalised() -> None:
    code = access_code(SECRET, "ts-3f9a2c1b")
    loose = " " + code.lower().replace("-", " ") + " "
    assert normalise_code(loose) == code
    assert normalise_code("0OIB-AAAA-AAAA") == normalise_code("OOIB-AAAA-AAAA")  # 0 read as O
    for bad in ("", "ABCD-EFGH", "ABCD-EFGH-IJK9", "ÁBCD-EFGH-IJKL", None, 12):
        with pytest.raises(SealError) as caught:
            normalise_code(bad)
        assert caught.value.code == "bad_code"


def test_round_trip_and_determinism() -> None:
    code = access_code(SECRET, "ts-3f9a2c1b")
    blob = seal_paper(code, "vong-1-lan-1", PAYLOAD)
    assert open_paper(code.lower(), "vong-1-lan-1", blob) == PAYLOAD
    assert seal_paper(code, "vong-1-lan-1", PAYLOAD) == blob  # rebuilds rewrite nothing
    assert b"ts-3f9a2c1b" not in blob and "Nhân dân".encode() not in blob
    assert "ts-3f9a2c1b" not in locator(code)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda code, blob: (access_code(SECRET, "ts-other01"), "vong-1-lan-1", blob), "damaged"),
        (lambda code, blob: (code, "vong-1-lan-2", blob), "damaged"),  # another attempt
        (lambda code, blob: (code, "vong-1-lan-1", blob[:-1]), "damaged"),
        (lambda code, blob: (code, "vong-1-lan-1", blob[:-20] + bytes(20)), "damaged"),
        (lambda code, blob: (code, "vong-1-lan-1", b"{}"), "damaged"),
        (lambda code, blob: (code, "vong-1-lan-1", None), "no_paper"),
    ],
)
def test_wrong_code_attempt_or_bytes_never_open(change, expected) -> None:
    code = access_code(SECRET, "ts-3f9a2c1b")
    blob = seal_paper(code, "vong-1-lan-1", PAYLOAD)
    with pytest.raises(SealError) as caught:
        open_paper(*change(code, blob))
    assert caught.value.code == expected
