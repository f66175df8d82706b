"""QR codes of page addresses, drawn at build time as inline SVG (nothing loaded from elsewhere).

A notice printed for the 公示栏 carries the address of its online page; a QR
code of it lets a reader with a phone get there without typing. segno draws
the code as one SVG path; the address itself never enters the markup, so
there is nothing of the data to escape in it.

Drawing is pure Python, ~5 ms a code: a region's 6,000 notice pages took
half a minute. A notice's address never changes, so the codes are kept
between builds in `content/.gongshi/qr-codes.json` (`QrCodes`), and the new
ones of a build are drawn on every core.

The data mask is fixed. Any of the eight masks is a valid code that every
reader decodes (the mask number is written into the code); segno's default
tries all eight and scores them, which took two thirds of the time of a code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import segno
from markupsafe import Markup

from . import atomicfile
from . import messages as M
from .parallel import map_files

MASK = 0
CACHE = ".gongshi/qr-codes.json"  # under content/, beside the generator's manifest
# What a cached code was drawn with: a change here redraws every code.
_DRAWN_WITH = f"segno {segno.__version__}, error m, mask {MASK}, scale 4, border 4"


def qr_svg(address: str, label: str = M.QR_ALT) -> Markup:
    """The code of `address` as an <svg> element, 4 px a module at 96 dpi (about 4 cm wide)."""
    code = segno.make(address, error="m", micro=False, mask=MASK)
    svg = code.svg_inline(scale=4, border=4, svgclass="gs-qr", lineclass=None)
    if not svg.startswith("<svg "):
        raise ValueError("segno: expected an <svg> element")
    label_attr = Markup(' role="img" aria-label="{}"').format(label)
    return Markup("<svg") + label_attr + Markup(svg[len("<svg"):])


def _drawn(address: str) -> str:
    return str(qr_svg(address))


class QrCodes:
    """The codes of one build: `codes(address)` in a template; those drawn before are read from the cache file."""

    def __init__(self, cache_file: Path | None = None) -> None:
        self._file = cache_file
        self._cached: dict[str, str] = {}
        self._codes: dict[str, str] = {}
        if cache_file is not None:
            try:
                saved = json.loads(cache_file.read_text(encoding="utf-8"))
                if saved.get("drawn_with") == _DRAWN_WITH and isinstance(saved.get("codes"), dict):
                    self._cached = {k: v for k, v in saved["codes"].items() if isinstance(k, str) and isinstance(v, str)}
            except (OSError, ValueError, AttributeError):
                pass  # no cache, or a broken one: every code is drawn again

    def prepare(self, addresses: Iterable[str]) -> None:
        """Draw, on every core, the codes of the addresses that no earlier build drew."""
        wanted = sorted(set(addresses))
        missing = [a for a in wanted if a not in self._cached]
        drawn = dict(zip(missing, map_files(_drawn, missing), strict=True))
        self._codes = {a: self._cached.get(a) or drawn[a] for a in wanted}

    def __call__(self, address: str) -> Markup:
        code = self._codes.get(address)
        if code is None:
            code = self._codes[address] = _drawn(address)
        return Markup(code)

    def save(self) -> None:
        """Keep this build's codes (only these: the file does not grow with withdrawn addresses)."""
        if self._file is None or self._codes == self._cached:
            return
        self._file.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"drawn_with": _DRAWN_WITH, "codes": self._codes}, sort_keys=True)
        atomicfile.write_text(self._file, text, durable=False)  # a cache: one lost to a power cut is drawn again
