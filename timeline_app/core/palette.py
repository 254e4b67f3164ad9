"""Event colours and shapes shared by the viewer, the exports and the reports.

Each event family has one colour: the Okabe–Ito palette (distinguishable with the common colour-vision
deficiencies) plus three clearly distinct additions (violet, crimson, brown, chosen for the largest CIEDE2000
distance to the rest under normal, protan and deutan vision, and mid-light so they read on light and dark
backgrounds). Each type has its own mark shape within its family, so colour is never the only cue. Themes adjust
the colours for their background with :func:`readable` (``gui/theme.py``)."""

from __future__ import annotations

import math

from .model import EVENT_TYPES, family_of, v3_type

OKABE_ITO = {
    "orange": (230, 159, 0), "sky_blue": (86, 180, 233), "bluish_green": (0, 158, 115), "yellow": (240, 228, 66),
    "blue": (0, 114, 178), "vermillion": (213, 94, 0), "reddish_purple": (204, 121, 167), "black": (0, 0, 0),
    "grey": (136, 136, 136),
}
#: the additions for the twelve families
ADDITIONS = {"violet": (136, 119, 255), "crimson": (255, 34, 102), "brown": (136, 102, 68)}

FAMILY_COLOURS: dict[str, tuple[int, int, int]] = {
    "deal": OKABE_ITO["reddish_purple"],
    "money": OKABE_ITO["sky_blue"],
    "product": OKABE_ITO["orange"],
    "operations": OKABE_ITO["bluish_green"],
    "people": OKABE_ITO["yellow"],
    "workforce": OKABE_ITO["vermillion"],
    "legal": ADDITIONS["violet"],
    "distress": ADDITIONS["crimson"],
    "corporate": ADDITIONS["brown"],
    "meeting": OKABE_ITO["blue"],
    "plan": OKABE_ITO["grey"],
    "other": OKABE_ITO["black"],
}
_GREY = (128, 128, 128)

#: mark shape per type, distinct within its family (the second cue besides colour). Within a family every two
#: outlines are at least 1 px apart at the timeline's mark size (Hausdorff distance, tests/test_palette.py): circle
#: and hexagon (0.7 px) or circle and diamond (0.9 px) are never in one family
TYPE_SHAPES: dict[str, str] = {
    # deals
    "acquisition": "triangle", "stake": "star", "divestment": "triangle_down", "partnership": "diamond",
    "contract": "square", "cancellation": "cross",
    # money
    "results": "circle", "guidance": "triangle", "dividend": "triangle_down", "financing": "square", "listing": "star",
    "bailout": "plus",
    # products
    "launch": "star", "recall": "triangle", "discontinuation": "cross",
    # operations
    "facility": "square", "disruption": "diamond", "accident": "triangle",
    # people
    "leadership": "plus",
    # workforce
    "job_cuts": "triangle_down", "hiring": "triangle", "labour": "diamond",
    # legal & regulatory
    "lawsuit": "square", "ruling": "star", "conviction": "cross", "fine": "triangle_down",
    "investigation": "circle", "approval": "plus", "ban": "triangle",
    # distress
    "bankruptcy": "triangle_down", "rescue": "triangle",
    # corporate
    "founding": "star", "closure": "cross", "rename": "diamond",
    # one-type families
    "meeting": "circle", "plan": "hexagon", "other": "cross",
}
#: colour per type: its family's
TYPE_COLOURS: dict[str, tuple[int, int, int]] = {t: FAMILY_COLOURS[family_of(t)] for t in EVENT_TYPES}

SHAPES = ("circle", "square", "diamond", "triangle", "triangle_down", "star", "hexagon", "plus", "cross")
SHAPE_GLYPHS = {"circle": "●", "square": "■", "diamond": "◆", "triangle": "▲", "star": "★",
                "triangle_down": "▼", "plus": "✚", "hexagon": "⬢", "cross": "✖"}


def type_colour(t: str) -> tuple[int, int, int]:
    """The colour of an event type (its family's; a round-2 type: of the type it became; unknown: grey)."""
    return TYPE_COLOURS.get(v3_type(t), _GREY)


def type_shape(t: str) -> str:
    """The mark shape of an event type (a round-2 type: of the type it became; unknown: circle)."""
    return TYPE_SHAPES.get(v3_type(t), "circle")


# -- contrast ------------------------------------------------------------------------------------------------
def luminance(rgb: tuple[int, int, int]) -> float:
    """WCAG relative luminance."""
    def lin(c: int) -> float:
        x = c / 255
        return x / 12.92 if x <= 0.04045 else ((x + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable(rgb: tuple[int, int, int], background: tuple[int, int, int], ratio: float) -> tuple[int, int, int]:
    """``rgb`` moved toward black (on a light background) or white (on a dark one) just far enough to reach
    ``ratio`` against ``background``; unchanged when it already does. Keeps the hue."""
    if contrast(rgb, background) >= ratio:
        return rgb
    target = 0 if luminance(background) > 0.18 else 255
    r, g, b = rgb
    out = rgb
    for step in range(1, 21):
        k = step / 20
        out = (round(r + (target - r) * k), round(g + (target - g) * k), round(b + (target - b) * k))
        if contrast(out, background) >= ratio:
            break
    return out


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def shape_points(shape: str, cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    """Polygon vertices of a mark shape centred on (cx, cy) with radius r (a circle is a 12-gon)."""
    def ring(n: int, phase: float, rad: float | list[float]) -> list[tuple[float, float]]:
        rs = rad if isinstance(rad, list) else [rad] * n
        angles = [phase + 2 * math.pi * i / n for i in range(n)]
        return [(cx + rs[i] * math.cos(a), cy + rs[i] * math.sin(a)) for i, a in enumerate(angles)]

    if shape == "circle":
        return ring(12, 0.0, r)
    if shape == "square":
        s = r * 0.86
        return [(cx - s, cy - s), (cx + s, cy - s), (cx + s, cy + s), (cx - s, cy + s)]
    if shape == "diamond":
        return ring(4, -math.pi / 2, r * 1.1)
    if shape == "triangle":
        return ring(3, -math.pi / 2, r * 1.15)
    if shape == "triangle_down":
        return ring(3, math.pi / 2, r * 1.15)
    if shape == "star":
        return ring(10, -math.pi / 2, [r * 1.15, r * 0.5] * 5)
    if shape == "hexagon":
        return ring(6, 0.0, r)
    if shape == "plus":
        return _plus(cx, cy, r * 1.05, r * 0.3)
    # cross: a plus with longer arms (its diagonals would look short) turned by 45°
    c, s = math.cos(math.pi / 4), math.sin(math.pi / 4)
    return [(cx + (x - cx) * c - (y - cy) * s, cy + (x - cx) * s + (y - cy) * c)
            for x, y in _plus(cx, cy, r * 1.2, r * 0.3)]


def _plus(cx: float, cy: float, r: float, w: float) -> list[tuple[float, float]]:
    """A plus sign: arms reaching ``r`` from the centre, ``2 w`` wide (thin arms stay a plus, not a blob, at the
    timeline's 10 px)."""
    return [(cx - w, cy - r), (cx + w, cy - r), (cx + w, cy - w), (cx + r, cy - w), (cx + r, cy + w),
            (cx + w, cy + w), (cx + w, cy + r), (cx - w, cy + r), (cx - w, cy + w), (cx - r, cy + w),
            (cx - r, cy - w), (cx - w, cy - w)]


def hex_colour(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)
