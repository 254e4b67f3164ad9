"""Event-type colours and shapes shared by the viewer and the reports.

Colours are the Okabe–Ito palette (distinguishable with the common colour-vision deficiencies); every type also
has its own mark shape, so colour is never the only cue."""

from __future__ import annotations

import math

OKABE_ITO = {
    "orange": (230, 159, 0), "sky_blue": (86, 180, 233), "bluish_green": (0, 158, 115), "yellow": (240, 228, 66),
    "blue": (0, 114, 178), "vermillion": (213, 94, 0), "reddish_purple": (204, 121, 167), "black": (0, 0, 0),
    "grey": (136, 136, 136),
}

TYPE_COLOURS: dict[str, tuple[int, int, int]] = {
    "meeting": OKABE_ITO["blue"],
    "supply": OKABE_ITO["vermillion"],
    "partnership": OKABE_ITO["bluish_green"],
    "investment": OKABE_ITO["reddish_purple"],
    "launch": OKABE_ITO["orange"],
    "financial": OKABE_ITO["sky_blue"],
    "appointment": OKABE_ITO["yellow"],
    "plan": OKABE_ITO["grey"],
    "other": OKABE_ITO["black"],
}

#: mark shape per type: the second cue besides colour
TYPE_SHAPES: dict[str, str] = {
    "meeting": "circle", "supply": "square", "partnership": "diamond", "investment": "triangle",
    "launch": "star", "financial": "triangle_down", "appointment": "plus", "plan": "hexagon", "other": "cross",
}

SHAPE_GLYPHS = {"circle": "●", "square": "■", "diamond": "◆", "triangle": "▲", "star": "★",
                "triangle_down": "▼", "plus": "✚", "hexagon": "⬢", "cross": "✖"}


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
    w = r * 0.38
    if shape == "plus":
        return [(cx - w, cy - r), (cx + w, cy - r), (cx + w, cy - w), (cx + r, cy - w), (cx + r, cy + w),
                (cx + w, cy + w), (cx + w, cy + r), (cx - w, cy + r), (cx - w, cy + w), (cx - r, cy + w),
                (cx - r, cy - w), (cx - w, cy - w)]
    # cross: the plus turned by 45°
    c, s = math.cos(math.pi / 4), math.sin(math.pi / 4)
    return [(cx + (x - cx) * c - (y - cy) * s, cy + (x - cx) * s + (y - cy) * c)
            for x, y in shape_points("plus", cx, cy, r)]


def hex_colour(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)
