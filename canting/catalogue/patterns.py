"""Batik-like placeholder pictures, drawn in code for the demo and the showcase benchmark (nothing is downloaded).

A picture is a small tile, drawn at twice its size and scaled down so the edges are smooth, repeated over a
cloth of 1280x960 pixels, with a border band (pinggiran) at top and bottom and the fine dark veins that
cracked wax leaves in dyed cloth (remukan). The tile's shapes follow the motif: the eight-pointed sun of
Majapahit, petals, diagonal parang bands, rings, scales, bamboo, leaves, beans on a vine, winding lines,
monuments and trees, each on dotted isen filling. The same ``Pattern`` always gives the same pixels.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

Colour = tuple[int, int, int]
Point = tuple[float, float]

# Each palette: ground (the undyed cloth), then light, middle and dark dye.
PALETTES: dict[str, tuple[Colour, Colour, Colour, Colour]] = {
    "soga": ((239, 226, 196), (196, 146, 88), (139, 90, 43), (62, 36, 21)),
    "indigo": ((236, 230, 212), (112, 138, 176), (43, 66, 112), (22, 30, 58)),
    "sogan_biru": ((233, 219, 186), (150, 110, 70), (44, 62, 102), (48, 30, 20)),
    "malam": ((31, 36, 58), (208, 186, 140), (150, 100, 52), (239, 226, 196)),  # dark ground, light drawing
}
# What each kind and palette shows, for alt texts: (Indonesian, English).
KIND_WORDS: dict[str, tuple[str, str]] = {
    "sun": ("matahari bersinar delapan yang berulang", "repeating eight-rayed suns"),
    "petals": ("bunga teratai mekar yang berulang", "repeating lotus flowers in bloom"),
    "kawung": ("bunga empat kelopak yang saling bertemu", "four-petalled flowers meeting at their tips"),
    "parang": ("pita miring berseling belah ketupat", "diagonal bands with lozenges between them"),
    "rings": ("butiran merica berlubang berderet", "rows of peppercorns with a hole"),
    "tugu": ("deretan tugu yang berdiri tegak", "rows of upright memorial columns"),
    "forest": ("pohon-pohon bertingkat di atas cecek", "layered trees over fine dots"),
    "patchwork": ("bidang-bidang kecil berisi bunga dan bintang", "small fields of flowers and stars"),
    "leaves": ("daun talas lebar yang miring", "broad taro leaves at a slant"),
    "bamboo": ("batang bambu beruas dengan daun menjuntai", "jointed bamboo stalks with hanging leaves"),
    "scales": ("sisik ikan yang bertumpuk", "overlapping fish scales"),
    "beans": ("polong koro di sepanjang sulur", "bean pods along a winding vine"),
    "waves": ("garis berkelok dengan matahari kecil", "winding lines with small suns"),
}
PALETTE_WORDS: dict[str, tuple[str, str]] = {
    "soga": ("cokelat soga di atas dasar krem", "soga brown on a cream ground"),
    "indigo": ("biru nila di atas dasar krem", "indigo blue on a cream ground"),
    "sogan_biru": ("cokelat soga dan biru nila", "soga brown and indigo blue"),
    "malam": ("cokelat muda di atas dasar biru gelap", "light brown on a dark blue ground"),
}
SCALE = 2  # tiles are drawn at twice their size, then scaled down: smooth edges without an antialiasing pass


@dataclass(frozen=True)
class Pattern:
    """What a placeholder picture shows: the kind of tile, the colours, and a seed for its small variations."""

    kind: str
    palette: str
    seed: int


class _Tile:
    """A square tile of side ``size`` (in output pixels) and the drawing helpers every kind uses."""

    def __init__(self, size: int, palette: str, rng: random.Random) -> None:
        self.size = size
        self.s = size * SCALE
        self.ground, self.light, self.middle, self.dark = PALETTES[palette]
        self.rng = rng
        self.image = Image.new("RGB", (self.s, self.s), self.ground)
        self.draw = ImageDraw.Draw(self.image)

    def at(self, x: float, y: float) -> Point:
        return x * self.s, y * self.s

    def circle(self, x: float, y: float, r: float, fill: Colour | None, outline: Colour | None = None) -> None:
        cx, cy = self.at(x, y)
        rr = r * self.s
        self.draw.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), fill=fill, outline=outline, width=max(1, SCALE * 2))

    def polygon(self, points: Sequence[Point], fill: Colour, outline: Colour | None = None) -> None:
        self.draw.polygon([self.at(x, y) for x, y in points], fill=fill, outline=outline, width=SCALE)

    def line(self, points: Sequence[Point], colour: Colour, width: float) -> None:
        self.draw.line([self.at(x, y) for x, y in points], fill=colour, width=max(1, round(width * self.s)))

    def corners_and_centre(self) -> list[Point]:
        """Where to repeat a shape so that the tiles join as a half-drop repeat."""
        return [(0, 0), (1, 0), (0, 1), (1, 1), (0.5, 0.5)]

    def isen(self, step: float = 0.125, r: float = 0.008) -> None:
        """Cecek: the fine dots that fill the ground between the main shapes."""
        n = round(1 / step)
        for i in range(n):
            for j in range(n):
                self.circle((i + 0.5) * step, (j + 0.5) * step, r, self.middle)

    def finish(self) -> Image.Image:
        return self.image.resize((self.size, self.size), Image.Resampling.LANCZOS)


def _lens(x: float, y: float, angle: float, length: float, width: float, steps: int = 10) -> list[Point]:
    """A petal or leaf: a pointed oval from (x, y) outwards along ``angle`` (radians)."""
    ca, sa = math.cos(angle), math.sin(angle)
    side_a, side_b = [], []
    for k in range(steps + 1):
        t = k / steps
        along, across = t * length, math.sin(math.pi * t) * width / 2
        side_a.append((x + along * ca - across * sa, y + along * sa + across * ca))
        side_b.append((x + along * ca + across * sa, y + along * sa - across * ca))
    return side_a + side_b[::-1]


def _star(x: float, y: float, points: int, outer: float, inner: float, turn: float = 0.0) -> list[Point]:
    return [
        (
            x + (outer if k % 2 == 0 else inner) * math.cos(turn + math.pi * k / points),
            y + (outer if k % 2 == 0 else inner) * math.sin(turn + math.pi * k / points),
        )
        for k in range(2 * points)
    ]


def _sun(t: _Tile) -> None:
    """Surya Majapahit: an eight-pointed sun with a round heart, in a half-drop repeat."""
    t.isen()
    outer = t.rng.uniform(0.2, 0.24)
    for x, y in t.corners_and_centre():
        t.polygon(_star(x, y, 8, outer, outer * 0.62), t.middle, t.dark)
        t.polygon(_star(x, y, 8, outer * 0.55, outer * 0.4, math.pi / 8), t.light)
        t.circle(x, y, outer * 0.28, t.dark)
        t.circle(x, y, outer * 0.12, t.ground)


def _petals(t: _Tile) -> None:
    """A lotus or a flower seen from above: a ring of petals around a dotted heart."""
    t.isen()
    count = t.rng.choice([6, 8, 10])
    length = t.rng.uniform(0.17, 0.21)
    for x, y in t.corners_and_centre():
        for k in range(count):
            angle = 2 * math.pi * k / count
            t.polygon(_lens(x, y, angle, length, length * 0.5), t.middle, t.dark)
            t.polygon(_lens(x, y, angle + math.pi / count, length * 0.6, length * 0.3), t.light)
        t.circle(x, y, 0.04, t.dark)


def _kawung(t: _Tile) -> None:
    """Four pointed ovals meeting at each crossing, like the halves of a palm fruit."""
    for x, y in t.corners_and_centre():
        for k in range(4):
            angle = math.pi / 4 + k * math.pi / 2
            t.polygon(_lens(x, y, angle, 0.33, 0.2), t.middle, t.dark)
            t.circle(x + 0.2 * math.cos(angle), y + 0.2 * math.sin(angle), 0.02, t.dark)


def _parang(t: _Tile) -> None:
    """Diagonal bands with a row of lozenges between them; the period divides the tile, so the bands join."""
    period = 0.5
    for k in range(-4, 5):
        offset = k * period
        band = [(offset, 0), (offset + 0.18, 0), (offset + 1.18, 1), (offset + 1, 1)]
        t.polygon(band, t.dark)
        for step in range(-2, 6):
            cx, cy = offset + 0.34 + step * 0.25, step * 0.25
            t.polygon(_lens(cx - 0.07, cy - 0.07, math.pi / 4, 0.2, 0.08), t.middle, t.dark)


def _rings(t: _Tile) -> None:
    """Mrico bolong: peppercorns with a hole, scattered in rows over a dotted ground."""
    t.isen(step=0.1, r=0.006)
    n = t.rng.choice([3, 4])
    for i in range(n):
        for j in range(n):
            x, y = (i + 0.5 + (0.5 if j % 2 else 0)) / n, (j + 0.5) / n
            for wrap in (x, x - 1):  # a ring cut by the tile's edge goes on at the other edge
                t.circle(wrap, y, 0.32 / n, t.middle, t.dark)
                t.circle(wrap, y, 0.12 / n, t.ground)


def _scales(t: _Tile) -> None:
    """Sisik: overlapping fish scales, each row half a scale across from the one above."""
    rows = 4
    r = 0.5 / rows * 1.9
    for j in range(rows * 2 + 2, -1, -1):
        y = j / (2 * rows)
        for i in range(-1, rows + 2):
            x = (i + (0.5 if j % 2 else 0)) / rows
            colour = t.middle if (i % rows + j % (2 * rows)) % 3 else t.light
            t.circle(x, y, r / 2, colour, t.dark)
            t.circle(x, y - r / 6, r / 10, t.dark)


def _bamboo(t: _Tile) -> None:
    """Pring: upright stalks with joints, and leaves hanging from the joints."""
    t.isen(step=0.25, r=0.01)
    for x in (0.2, 0.7):
        t.line([(x, 0), (x, 1)], t.middle, 0.06)
        for y in (0.15, 0.65):
            t.line([(x - 0.04, y), (x + 0.04, y)], t.dark, 0.015)
            for angle in (0.5, 2.4, 1.2):
                t.polygon(_lens(x, y, angle, 0.2, 0.06), t.dark)


def _leaves(t: _Tile) -> None:
    """Daun talas and forest leaves: broad leaves with a midrib, turned a little each time."""
    t.isen()
    for x, y in t.corners_and_centre():
        angle = math.pi / 2 + t.rng.uniform(-0.4, 0.4)
        t.polygon(_lens(x, y - 0.2, angle, 0.4, 0.3, steps=14), t.middle, t.dark)
        t.line([(x, y - 0.2), (x + 0.4 * math.cos(angle), y - 0.2 + 0.4 * math.sin(angle))], t.dark, 0.01)


def _beans(t: _Tile) -> None:
    """Koro renteng: beans strung along a winding vine."""
    t.isen(step=0.25, r=0.008)
    for row in (0.25, 0.75):
        wave = [(k / 20, row + 0.06 * math.sin(2 * math.pi * k / 20)) for k in range(21)]
        t.line(wave, t.dark, 0.012)
        for k in range(0, 20, 5):
            x, y = wave[k]
            t.polygon(_lens(x, y, -math.pi / 3, 0.16, 0.08), t.middle, t.dark)
            t.polygon(_lens(x, y, math.pi / 3, 0.12, 0.06), t.light, t.dark)


def _waves(t: _Tile) -> None:
    """Rawan: winding lines like water in a marsh, with small suns floating on them."""
    for k in range(8):
        y = (k + 0.5) / 8
        wave = [(i / 24, y + 0.03 * math.sin(2 * math.pi * i / 12)) for i in range(25)]
        t.line(wave, t.middle if k % 2 else t.dark, 0.01)
    for x, y in ((0.25, 0.25), (0.75, 0.75)):
        t.circle(x, y, 0.11, t.ground)
        t.polygon(_star(x, y, 8, 0.1, 0.06), t.middle, t.dark)
        t.circle(x, y, 0.025, t.dark)


def _tugu(t: _Tile) -> None:
    """Tugu: tapering monuments on stepped bases, standing in rows."""
    t.isen()
    for x, y in ((0.25, 0.5), (0.75, 1.0), (0.75, 0.0)):
        t.polygon([(x - 0.16, y + 0.2), (x + 0.16, y + 0.2), (x + 0.11, y + 0.13), (x - 0.11, y + 0.13)], t.dark)
        t.polygon([(x - 0.07, y + 0.13), (x + 0.07, y + 0.13), (x + 0.03, y - 0.22), (x - 0.03, y - 0.22)], t.middle)
        t.polygon([(x - 0.03, y - 0.22), (x + 0.03, y - 0.22), (x, y - 0.3)], t.dark)


def _forest(t: _Tile) -> None:
    """Alas: trees of life with layered branches, and birds' dots between them."""
    t.isen(step=0.1, r=0.006)
    for x, y in t.corners_and_centre():
        t.line([(x, y + 0.22), (x, y - 0.22)], t.dark, 0.02)
        for level in range(3):
            yy = y + 0.12 - level * 0.12
            width = 0.2 - level * 0.05
            t.polygon([(x - width, yy + 0.06), (x + width, yy + 0.06), (x, yy - 0.08)], t.middle, t.dark)


def _patchwork(t: _Tile) -> None:
    """Sekar jagad: a map of small fields, each filled differently, like flowers of the whole world."""
    cells = 3
    fills = [t.light, t.middle, t.ground]
    for i in range(cells):
        for j in range(cells):
            x0, y0 = i / cells, j / cells
            colour = fills[(i * 2 + j + t.rng.randrange(3)) % 3]
            t.polygon([(x0, y0), (x0 + 1 / cells, y0), (x0 + 1 / cells, y0 + 1 / cells), (x0, y0 + 1 / cells)], colour)
            x, y = x0 + 0.5 / cells, y0 + 0.5 / cells
            if (i + j) % 2:
                t.polygon(_star(x, y, 6, 0.12, 0.06), t.dark)
            else:
                for k in range(4):
                    t.polygon(_lens(x, y, math.pi / 4 + k * math.pi / 2, 0.12, 0.07), t.dark)
    for k in range(cells + 1):
        t.line([(k / cells, 0), (k / cells, 1)], t.dark, 0.008)
        t.line([(0, k / cells), (1, k / cells)], t.dark, 0.008)


KINDS: dict[str, Callable[[_Tile], None]] = {
    "sun": _sun,
    "petals": _petals,
    "kawung": _kawung,
    "parang": _parang,
    "rings": _rings,
    "scales": _scales,
    "bamboo": _bamboo,
    "leaves": _leaves,
    "beans": _beans,
    "waves": _waves,
    "tugu": _tugu,
    "forest": _forest,
    "patchwork": _patchwork,
}


def _tile(kind: str, palette: str, size: int, rng: random.Random) -> Image.Image:
    tile = _Tile(size, palette, rng)
    KINDS[kind](tile)
    return tile.finish()


def _repeat(tile: Image.Image, width: int, height: int) -> Image.Image:
    cloth = Image.new("RGB", (width, height))
    for x in range(0, width, tile.width):
        for y in range(0, height, tile.height):
            cloth.paste(tile, (x, y))
    return cloth


def _crackle(cloth: Image.Image, colour: Colour, rng: random.Random, veins: int) -> None:
    """Remukan: thin wandering veins where dye crept into cracks of the wax."""
    draw = ImageDraw.Draw(cloth)
    for _ in range(veins):
        x, y = rng.uniform(0, cloth.width), rng.uniform(0, cloth.height)
        heading = rng.uniform(0, 2 * math.pi)
        points = [(x, y)]
        for _ in range(rng.randint(4, 9)):
            heading += rng.uniform(-0.7, 0.7)
            x, y = x + 14 * math.cos(heading), y + 14 * math.sin(heading)
            points.append((x, y))
        draw.line(points, fill=colour, width=1)


def render(pattern: Pattern, width: int = 1280, height: int = 960) -> Image.Image:
    """Draw the cloth that ``pattern`` describes; the same pattern always gives the same pixels."""
    rng = random.Random(pattern.seed)
    ground, _light, middle, dark = PALETTES[pattern.palette]
    tile_size = rng.choice([150, 180, 200, 225])
    cloth = _repeat(_tile(pattern.kind, pattern.palette, tile_size, rng), width, height)
    band = height // 12
    border_kind = rng.choice(["parang", "rings", "sun"])
    border = _repeat(_tile(border_kind, pattern.palette, band, rng), width, band)
    draw = ImageDraw.Draw(cloth)
    for top in (0, height - band - 8):
        draw.rectangle((0, top, width, top + band + 8), fill=ground)
        cloth.paste(border, (0, top + 4))
        draw.line([(0, top + 2), (width, top + 2)], fill=dark, width=3)
        draw.line([(0, top + band + 6), (width, top + band + 6)], fill=dark, width=3)
    _crackle(cloth, dark if pattern.palette != "malam" else middle, rng, veins=90)
    return cloth


def describe(kind: str, palette: str) -> tuple[str, str]:
    """What a picture of this kind and palette shows, in (Indonesian, English), for its alt text."""
    shape, colour = KIND_WORDS[kind], PALETTE_WORDS[palette]
    return f"{shape[0]}, {colour[0]}", f"{shape[1]}, {colour[1]}"


def png(pattern: Pattern, width: int = 1280, height: int = 960) -> bytes:
    """The pattern as PNG bytes, as a camera upload would arrive (PNG keeps the pixels, so the hash is stable)."""
    buffer = io.BytesIO()
    render(pattern, width, height).save(buffer, "PNG", compress_level=1)
    return buffer.getvalue()
