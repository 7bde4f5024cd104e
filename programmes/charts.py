"""Small bar charts of an indicator's yearly values, drawn on the server as SVG (no JavaScript):
one bar per measured year, a line at the target and one at the baseline. The same figures are
given as a table beside it, for screen readers and for print."""

from dataclasses import dataclass

WIDTH, HEIGHT = 320, 140
LEFT, RIGHT, TOP, BOTTOM = 8, 8, 12, 24  # room for the year labels under the bars


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    year: int
    label_x: float


@dataclass
class Chart:
    bars: list
    target_y: float
    baseline_y: float
    width: int = WIDTH
    height: int = HEIGHT
    axis_y: float = HEIGHT - BOTTOM


def chart(indicator, values):
    """The geometry of `indicator`'s chart for its `values` (IndicatorValue rows, by year)."""
    top = max([float(indicator.target), float(indicator.baseline)]
              + [float(v.value) for v in values] + [1.0])  # fmt: skip
    plot_height = HEIGHT - TOP - BOTTOM

    def y_of(amount):
        return round(TOP + plot_height * (1 - max(float(amount), 0) / top), 1)

    slot = (WIDTH - LEFT - RIGHT) / max(len(values), 1)
    bars = []
    for number, measured in enumerate(values):
        x = LEFT + slot * number + slot * 0.2
        y = y_of(measured.value)
        bars.append(Bar(round(x, 1), y, round(slot * 0.6, 1), round(HEIGHT - BOTTOM - y, 1),
                        measured.year, round(x + slot * 0.3, 1)))  # fmt: skip
    return Chart(bars, y_of(indicator.target), y_of(indicator.baseline))
