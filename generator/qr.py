"""QR codes of page addresses, drawn at build time as inline SVG (nothing loaded from elsewhere).

A notice printed for the 公示栏 carries the address of its online page; a QR
code of it lets a reader with a phone get there without typing. segno draws
the code as one SVG path; the address itself never enters the markup, so
there is nothing of the data to escape in it.

The data mask is fixed. Any of the eight masks is a valid code that every
reader decodes (the mask number is written into the code); segno's default
tries all eight and scores them, which took two thirds of the time of a
code: 12 ms of 18 ms a notice page, 70 s of a region's build.
"""

from __future__ import annotations

import segno
from markupsafe import Markup

MASK = 0


def qr_svg(address: str, label: str = "本页网址的二维码") -> Markup:
    """The code of `address` as an <svg> element, 4 px a module at 96 dpi (about 4 cm wide)."""
    code = segno.make(address, error="m", micro=False, mask=MASK)
    svg = code.svg_inline(scale=4, border=4, svgclass="gs-qr", lineclass=None)
    if not svg.startswith("<svg "):
        raise ValueError("segno: expected an <svg> element")
    label_attr = Markup(' role="img" aria-label="{}"').format(label)
    return Markup("<svg") + label_attr + Markup(svg[len("<svg"):])
