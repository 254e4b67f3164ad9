"""Colours and marks of the 37 event types: one colour per family (12, clearly apart, also for the common
colour-vision deficiencies), one shape per type within its family (apart at mark size), every mark's outline
readable on the light, dark and high-contrast backgrounds; the taxonomy loads as the layers expect."""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pytest

from timeline_app.core import model, palette
from timeline_app.core.model import EVENT_TYPES, FAMILIES, ROUND2_TO_V3, ROUND2_TYPES, family_of, round2_type, v3_type
from timeline_app.core.paths import resource_path
from timeline_app.gui.lanes_item import MARK
from timeline_app.gui.theme import DARK, HIGH_CONTRAST, LIGHT


def test_taxonomy_is_loaded_from_the_resource_file() -> None:
    data = json.loads(resource_path("taxonomy.json").read_text(encoding="utf-8"))
    assert tuple(t["id"] for f in data["families"] for t in f["types"]) == EVENT_TYPES
    assert len(EVENT_TYPES) == 37 and len(FAMILIES) == 12 and EVENT_TYPES[-1] == "other"
    assert model.taxonomy() is model.taxonomy()  # read once
    for f in data["families"]:
        assert model.FAMILY_LABELS[f["id"]] == f["label"] and FAMILIES[f["id"]].types == tuple(t["id"] for t in
                                                                                                f["types"])
        for t in f["types"]:
            assert family_of(t["id"]) == f["id"] and model.EVENT_TYPE_LABELS[t["id"]] == t["label"]
            assert round2_type(t["id"]) == t["old"] and 0 < len(model.EVENT_TYPE_SHORT[t["id"]]) <= 14
    assert max(len(f.types) for f in FAMILIES.values()) <= 7


def test_round_2_types_map_onto_v3_and_back() -> None:
    assert ROUND2_TO_V3 == {"supply": "contract", "financial": "results", "appointment": "leadership",
                            "investment": "acquisition"}
    for old in ROUND2_TYPES:
        assert v3_type(old) in EVENT_TYPES and round2_type(v3_type(old)) == old
        assert model.EVENT_TYPE_LABELS[old] == model.EVENT_TYPE_LABELS[v3_type(old)]  # old names still read
    assert all(v3_type(t) == t for t in EVENT_TYPES)  # mapping twice changes nothing
    assert family_of("investment") == "deal" and family_of("no such type") == "other"
    assert model.type_label("no such type") == "no such type"
    assert len(model.EVENT_TYPE_LABELS) == len(list(model.EVENT_TYPE_LABELS)) == 37


def test_broken_taxonomy_is_refused_in_words() -> None:
    good = json.loads(resource_path("taxonomy.json").read_text(encoding="utf-8"))
    twice = {**good, "families": [*good["families"], good["families"][0]]}
    with pytest.raises(ValueError, match="repeated"):
        model._taxonomy_from(twice)
    no_contract = {**good, "families": [{**f, "types": [t for t in f["types"] if t["id"] != "contract"]}
                                        for f in good["families"]]}
    with pytest.raises(ValueError, match="no type contract"):
        model._taxonomy_from(no_contract)


def test_every_type_has_its_family_colour_and_a_shape_of_its_own_in_the_family() -> None:
    assert set(palette.TYPE_SHAPES) == set(EVENT_TYPES) == set(palette.TYPE_COLOURS)
    assert set(palette.FAMILY_COLOURS) == set(FAMILIES)
    assert len(set(palette.FAMILY_COLOURS.values())) == 12
    for fam in FAMILIES.values():
        shapes = [palette.TYPE_SHAPES[t] for t in fam.types]
        assert len(set(shapes)) == len(shapes), fam.id
        assert all(s in palette.SHAPES and s in palette.SHAPE_GLYPHS for s in shapes)
        assert {palette.TYPE_COLOURS[t] for t in fam.types} == {palette.FAMILY_COLOURS[fam.id]}
    okabe_ito = set(palette.OKABE_ITO.values())
    assert sum(c in okabe_ito for c in palette.FAMILY_COLOURS.values()) == 9  # plus three additions
    assert palette.type_colour("supply") == palette.TYPE_COLOURS["contract"]
    assert palette.type_shape("supply") == palette.TYPE_SHAPES["contract"]
    assert palette.type_colour("nonsense") == (128, 128, 128)


def _outline(shape: str, r: float) -> np.ndarray:
    pts = palette.shape_points(shape, 0.0, 0.0, r)
    out = []
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
        for t in np.linspace(0, 1, 60, endpoint=False):
            out.append((x0 + (x1 - x0) * t, y0 + (y1 - y0) * t))
    return np.array(out)


def _hausdorff(a: np.ndarray, b: np.ndarray) -> float:
    d = np.sqrt(((a[:, None, :] - b[None, :, :]) ** 2).sum(-1))
    return float(max(d.min(1).max(), d.min(0).max()))


def test_shapes_of_a_family_stay_apart_at_mark_size() -> None:
    """Two outlines of one family differ somewhere by a pixel or more at the timeline's mark (radius MARK / 2):
    a circle and a hexagon (0.7 px) or a diamond (0.9 px) would not."""
    r = MARK / 2
    outlines = {s: _outline(s, r) for s in palette.SHAPES}
    assert _hausdorff(outlines["circle"], outlines["hexagon"]) < 1.0  # the test can tell a look-alike
    for fam in FAMILIES.values():
        for a, b in itertools.combinations(fam.types, 2):
            sa, sb = palette.TYPE_SHAPES[a], palette.TYPE_SHAPES[b]
            assert _hausdorff(outlines[sa], outlines[sb]) >= 1.0, (fam.id, a, sa, b, sb)


# -- colour distances (CIEDE2000) with and without a simulated colour-vision deficiency -------------------------
def _lin(c: float) -> float:
    c /= 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (_lin(c) for c in rgb)
    x, y, z = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
               (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _de2000(c1: tuple[float, float, float], c2: tuple[float, float, float]) -> float:
    (l1, a1, b1), (l2, a2, b2) = _lab(c1), _lab(c2)
    cb = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(cb ** 7 / (cb ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p, h2p = math.degrees(math.atan2(b1, a1p)) % 360, math.degrees(math.atan2(b2, a2p)) % 360
    dh = h2p - h1p if abs(h2p - h1p) <= 180 else (h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360)
    dhp = 0.0 if c1p * c2p == 0 else 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lbp, cbp = (l1 + l2) / 2, (c1p + c2p) / 2
    hbp = h1p + h2p if c1p * c2p == 0 else ((h1p + h2p) / 2 if abs(h1p - h2p) <= 180 else
                                             ((h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2))
    t = (1 - 0.17 * math.cos(math.radians(hbp - 30)) + 0.24 * math.cos(math.radians(2 * hbp))
         + 0.32 * math.cos(math.radians(3 * hbp + 6)) - 0.20 * math.cos(math.radians(4 * hbp - 63)))
    rc = 2 * math.sqrt(cbp ** 7 / (cbp ** 7 + 25 ** 7))
    sl = 1 + 0.015 * (lbp - 50) ** 2 / math.sqrt(20 + (lbp - 50) ** 2)
    sc, sh = 1 + 0.045 * cbp, 1 + 0.015 * cbp * t
    rt = -math.sin(math.radians(60 * math.exp(-(((hbp - 275) / 25) ** 2)))) * rc
    return math.sqrt(((l2 - l1) / sl) ** 2 + ((c2p - c1p) / sc) ** 2 + (dhp / sh) ** 2
                     + rt * ((c2p - c1p) / sc) * (dhp / sh))


#: Machado et al. (2009), severity 1, on linear RGB
_CVD = {"protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
        "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))}


def _simulate(rgb: tuple[int, int, int], kind: str) -> tuple[float, float, float]:
    v = [_lin(c) for c in rgb]
    out = []
    for row in _CVD[kind]:
        c = min(max(sum(m * x for m, x in zip(row, v, strict=True)), 0.0), 1.0)
        out.append(255 * (c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055))
    return out[0], out[1], out[2]


@pytest.mark.parametrize("theme", [LIGHT, DARK, HIGH_CONTRAST], ids=["light", "dark", "high-contrast"])
def test_family_colours_are_apart_and_marks_readable_in_every_theme(theme) -> None:
    fills = {f: theme.type_colour(FAMILIES[f].types[0]) for f in FAMILIES}
    # normal vision: every two families at least a clearly visible difference apart (CIEDE2000 >= 15)
    assert min(_de2000(fills[a], fills[b]) for a, b in itertools.combinations(fills, 2)) >= 15
    # protan and deutan vision: still apart (the closest Okabe–Ito pair, bluish green and grey, is 7.8)
    for kind in _CVD:
        sim = {f: _simulate(c, kind) for f, c in fills.items()}
        assert min(_de2000(sim[a], sim[b]) for a, b in itertools.combinations(sim, 2)) >= 7.5, kind
    # every mark's outline (a planned mark's only colour) against the background: 3:1, 4.5:1 in high contrast
    bg = palette.hex_to_rgb(theme.background)
    need = 4.5 if theme.high_contrast else 3.0
    for t in EVENT_TYPES:
        assert palette.contrast(theme.outline_colour(t), bg) >= need, t
    # the fills stay the family colours (the shading is for outlines), but for "other" on dark
    if not theme.dark:
        assert fills == palette.FAMILY_COLOURS


def test_readable_keeps_the_hue_and_moves_only_as_far_as_needed() -> None:
    yellow, white = palette.OKABE_ITO["yellow"], (255, 255, 255)
    darker = palette.readable(yellow, white, 3.0)
    assert palette.contrast(darker, white) >= 3.0 and palette.contrast(yellow, white) < 3.0
    assert all(d < c for d, c in zip(darker, yellow, strict=True))
    assert palette.readable(palette.OKABE_ITO["blue"], white, 3.0) == palette.OKABE_ITO["blue"]  # already 5.3:1
