"""Read a QR code back from the SVG the start page draws, and encode an address anew to compare."""

from __future__ import annotations

import re

Matrix = tuple[tuple[int, ...], ...]


def svg_modules(svg: str, border: int = 4) -> Matrix:
    """The dark modules an SVG in segno's path form draws (M/m moves, h/H runs), quiet zone removed."""
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    path = re.search(r'<path class="qrline"[^>]* d="([^"]+)"', svg).group(1)
    grid = [[0] * size for _ in range(size)]
    x = y = 0.0
    for command, numbers in re.findall(r"([MmHh])([-\d. ]+)", path):
        values = [float(v) for v in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            run = values[0] if command == "h" else values[0] - x
            for column in range(int(x), int(x + run)):
                grid[int(y)][column] = 1
            x += run
    return tuple(tuple(row[border:size - border]) for row in grid[border:size - border])


def encoded(address: str) -> Matrix:
    """`address` encoded anew by segno as the start page asks for it (QR, error correction M)."""
    import segno

    code = segno.make(address, error="m", micro=False, boost_error=False)
    return tuple(tuple(int(bool(module)) for module in row) for row in code.matrix)
