"""Maps drawn by the portal, as SVG built on the server: places projected onto the country
outlines that tools/map/outlines.mjs made once from Natural Earth (static/map/), with the same
Mercator parameters. No tile server, no outside request, no JavaScript."""

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

OUTLINES = json.loads((Path(settings.BASE_DIR) / "static/map/outlines.json").read_text())
WIDTH, HEIGHT = OUTLINES["width"], OUTLINES["height"]
# Label sizes, in the picture's units: the smaller figures are shown about a third as wide.
FONT_SIZE = {False: 20, True: 34}


@dataclass(frozen=True)
class Place:
    label: str  # in the reader's language
    url: str
    latitude: float | None
    longitude: float | None
    role: str  # "home", "partner", "candidate" or "registered"
    details: str = ""  # what the table beside the map says of it (its region and country)
    visits: int = 0  # published visits between it and the home city

    @property
    def on_map(self):
        return self.latitude is not None and self.longitude is not None


def project(latitude, longitude):
    """(x, y) on the outlines' picture, exactly as d3-geo's geoMercator placed the outlines."""
    scale = OUTLINES["projection"]["scale"]
    left, top = OUTLINES["projection"]["translate"]
    x = math.radians(longitude) * scale + left
    y = top - math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2)) * scale
    return round(x, 1), round(y, 1)


def within(x, y):
    return 0 <= x <= WIDTH and 0 <= y <= HEIGHT


@dataclass
class Point:
    place: Place
    x: float
    y: float
    label_x: float = 0
    label_y: float = 0
    anchor: str = "start"


@dataclass
class Figure:
    """What templates/core/_map.html draws, and the table beside it. `box` is the part of the
    outlines shown: around the places, so that they and their labels are large enough to read
    on a phone."""

    points: list = field(default_factory=list)
    lines: list = field(default_factory=list)  # (x1, y1, x2, y2, visits)
    not_on_map: list = field(default_factory=list)
    places: list = field(default_factory=list)
    box: tuple = (0, 0, WIDTH, HEIGHT)
    font_size: float = 20
    compact: bool = False
    current: str = ""  # the address of the place the page is about, marked on the map

    @property
    def width(self):
        return WIDTH

    @property
    def height(self):
        return HEIGHT

    @property
    def view_box(self):
        return " ".join(f"{value:g}" for value in self.box)

    @property
    def drawn_last_first(self):
        """The points in drawing order: the least important first, so that Kupang and the
        partners lie on top where points touch."""
        return self.points[::-1]

    @property
    def marker(self):
        return round(self.font_size * 0.4, 1)


# How many labels' heights fit across the part shown: fewer on the smaller figures.
LABELS_ACROSS = {False: 30, True: 24}
MARGIN = 40  # around the places, before the labels' room


def _box(xy, compact):
    """The part of the outlines to show: every place, with room for the labels, never smaller
    than a third of the picture, and of the picture's proportions."""
    left, right = min(x for x, _y in xy) - MARGIN, max(x for x, _y in xy) + MARGIN
    top, bottom = min(y for _x, y in xy) - MARGIN, max(y for _x, y in xy) + MARGIN
    width = max(right - left, (bottom - top) * WIDTH / HEIGHT, WIDTH / 3) * 1.35
    height = width * HEIGHT / WIDTH
    x = min(max((left + right - width) / 2, 0), WIDTH - width)
    y = min(max((top + bottom - height) / 2, 0), HEIGHT - height)
    return tuple(round(value, 1) for value in (max(x, 0), max(y, 0), min(width, WIDTH),
                                               min(height, HEIGHT)))  # fmt: skip


def _text_width(label, size):
    # A Japanese character is as wide as the font is high; a Latin one about half of that.
    return sum(size if ord(c) > 0x2E7F else size * 0.62 for c in label)


def _place_labels(points, size, box, current=""):
    """Each label beside its point, to the right, left, above or below: the first way that
    stays inside the part shown and covers no point and no label placed before it (Kupang and
    the partners are placed first), else the way that covers least."""

    def reach(point):  # the marker's, or the ring's around the place the page is about
        return size * 1.3 if point.place.url == current else size * 0.5

    taken = [(p.x - reach(p), p.y - reach(p), p.x + reach(p), p.y + reach(p)) for p in points]
    height = size * 1.2
    for point in points:
        width, gap = _text_width(point.place.label, size), reach(point) + size * 0.2
        tries = [(point.x + gap, point.y, "start", point.x + gap),
                 (point.x - gap, point.y, "end", point.x - gap - width),
                 (point.x, point.y - gap - height / 2, "middle", point.x - width / 2),
                 (point.x, point.y + gap + height / 2, "middle", point.x - width / 2)]  # fmt: skip
        # Above or below, moved sideways to stay inside the part shown, a line further away
        # at a time: for a long label in a crowded place.
        inside = min(max(point.x - width / 2, box[0]), box[0] + box[2] - width)
        for away in (0, height, 2 * height):
            tries += [(inside, point.y - gap - height / 2 - away, "start", inside),
                      (inside, point.y + gap + height / 2 + away, "start", inside)]  # fmt: skip

        def cost(way, width=width):
            x, y, _anchor, left = way
            rect = (left, y - height / 2, left + width, y + height / 2)
            outside = (rect[0] < box[0] or rect[2] > box[0] + box[2]
                       or rect[1] < box[1] or rect[3] > box[1] + box[3])  # fmt: skip
            return 100 * outside + sum(_overlap(rect, other) for other in taken), rect

        best = min(tries, key=lambda way: cost(way)[0])
        taken.append(cost(best)[1])
        point.label_x, point.label_y, point.anchor = round(best[0], 1), round(best[1], 1), best[2]


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def drawn(places, compact=False, current=""):
    """The figure of `places` (the home city first, then by importance). A place without
    coordinates, or outside the outlines, is listed as not on the map."""
    figure = Figure(places=list(places), compact=compact, current=current)
    for place in figure.places:
        x, y = project(place.latitude, place.longitude) if place.on_map else (-1, -1)
        if within(x, y):
            figure.points.append(Point(place, x, y))
        else:
            figure.not_on_map.append(place)
    if not figure.points:
        return figure
    figure.box = _box([(p.x, p.y) for p in figure.points], compact)
    figure.font_size = round(figure.box[2] / LABELS_ACROSS[compact], 1)
    _place_labels(figure.points, figure.font_size, figure.box, current)
    home = figure.points[0] if figure.points[0].place.role == "home" else None
    if home:
        figure.lines = [(home.x, home.y, p.x, p.y, p.place.visits)
                        for p in figure.points[1:] if p.place.visits]  # fmt: skip
    return figure
