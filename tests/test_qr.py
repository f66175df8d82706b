"""QR codes: drawn once per address and kept between builds, never stale."""

from __future__ import annotations

import json
from pathlib import Path

from generator import qr

A = "https://www.ordos.gov.cn/zt/ducha/notices/2026-10-12-task33/"
B = "https://www.ordos.gov.cn/zt/ducha/notices/2026-10-19-task30/"


def test_codes_are_kept_between_builds_and_read_back(tmp_path: Path) -> None:
    cache = tmp_path / "qr-codes.json"
    first = qr.QrCodes(cache)
    first.prepare([A, B])
    drawn = first(A)
    assert drawn == qr.qr_svg(A) and drawn.startswith("<svg")
    first.save()
    # A second build reads what the first drew: an entry changed in the file shows through.
    saved = json.loads(cache.read_text(encoding="utf-8"))
    saved["codes"][A] = "<svg>kept</svg>"
    cache.write_text(json.dumps(saved), encoding="utf-8")
    second = qr.QrCodes(cache)
    second.prepare([A])
    assert second(A) == "<svg>kept</svg>"


def test_a_cache_drawn_otherwise_or_broken_is_drawn_again(tmp_path: Path) -> None:
    cache = tmp_path / "qr-codes.json"
    cache.write_text(json.dumps({"drawn_with": "segno 0.0, mask 7", "codes": {A: "<svg>old</svg>"}}), encoding="utf-8")
    codes = qr.QrCodes(cache)
    codes.prepare([A])
    assert codes(A) == qr.qr_svg(A)
    cache.write_text("{not json", encoding="utf-8")
    codes = qr.QrCodes(cache)
    codes.prepare([A])
    assert codes(A) == qr.qr_svg(A)


def test_the_cache_keeps_only_the_codes_of_this_build(tmp_path: Path) -> None:
    cache = tmp_path / "qr-codes.json"
    codes = qr.QrCodes(cache)
    codes.prepare([A, B])
    codes.save()
    codes = qr.QrCodes(cache)
    codes.prepare([B])  # A's notice was withdrawn from the data
    codes.save()
    assert set(json.loads(cache.read_text(encoding="utf-8"))["codes"]) == {B}
