"""Read a QR code back from the SVG the start page draws and decode it (a small reader of its own,
versions 1-6, byte mode), and encode an address anew with segno to compare."""

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


# --- reading a QR code back (ISO/IEC 18004, versions 1-6, byte mode): independent of segno ------

_FORMAT_MASK = 0x5412
_LEVELS = {1: "L", 0: "M", 3: "Q", 2: "H"}
_ALIGNMENT = {1: (), 2: (6, 18), 3: (6, 22), 4: (6, 26), 5: (6, 30), 6: (6, 34)}
_RAW_CODEWORDS = {1: 26, 2: 44, 3: 70, 4: 100, 5: 134, 6: 172}
_BLOCKS = {"L": (1, 1, 1, 1, 1, 2), "M": (1, 1, 1, 2, 2, 4), "Q": (1, 1, 2, 2, 4, 4), "H": (1, 1, 2, 4, 4, 4)}
_ECC_PER_BLOCK = {"L": (7, 10, 15, 20, 26, 18), "M": (10, 16, 26, 18, 24, 16), "Q": (13, 22, 18, 26, 18, 24),
                  "H": (17, 28, 22, 16, 22, 28)}
_MASKS = (lambda x, y: (x + y) % 2 == 0, lambda x, y: y % 2 == 0, lambda x, y: x % 3 == 0,
          lambda x, y: (x + y) % 3 == 0, lambda x, y: (x // 3 + y // 2) % 2 == 0,
          lambda x, y: x * y % 2 + x * y % 3 == 0, lambda x, y: (x * y % 2 + x * y % 3) % 2 == 0,
          lambda x, y: ((x + y) % 2 + x * y % 3) % 2 == 0)


def decode(matrix: Matrix) -> tuple[str, str]:
    """(text, error level) of a QR code given as rows of modules (1 dark), read as a scanner does:
    format bits, mask, codewords in the zigzag order, de-interleaved blocks, the byte segment."""
    size = len(matrix)
    version = (size - 17) // 4
    assert 1 <= version <= 6 and size == 17 + 4 * version, f"a {size}x{size} code is not a version this reader knows"
    bits = [matrix[i][8] for i in range(6)] + [matrix[7][8], matrix[8][8], matrix[8][7]]
    bits += [matrix[8][14 - i] for i in range(9, 15)]
    word = sum(bit << i for i, bit in enumerate(bits)) ^ _FORMAT_MASK
    data = word >> 10
    remainder = data
    for _ in range(10):
        remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537)
    assert word == (data << 10 | remainder), "format information fails its BCH check"
    level, mask = _LEVELS[data >> 3], _MASKS[data & 7]
    function = _function_modules(size, version)
    stream: list[int] = []
    right = size - 1
    while right >= 1:
        if right == 6:
            right = 5
        for vertical in range(size):
            for j in range(2):
                x = right - j
                y = size - 1 - vertical if ((right + 1) & 2) == 0 else vertical
                if not function[y][x]:
                    stream.append(matrix[y][x] ^ int(mask(x, y)))
        right -= 2
    codewords = [int("".join(map(str, stream[i:i + 8])), 2) for i in range(0, _RAW_CODEWORDS[version] * 8, 8)]
    payload = _data_codewords(codewords, version, level)
    bitstring = "".join(f"{byte:08b}" for byte in payload)
    assert bitstring[:4] == "0100", f"mode {bitstring[:4]}: only byte mode is read here"
    count = int(bitstring[4:12], 2)
    raw = bytes(int(bitstring[12 + 8 * i:20 + 8 * i], 2) for i in range(count))
    try:
        return raw.decode("utf-8"), level
    except UnicodeDecodeError:  # without an ECI header the standard's byte mode is ISO-8859-1
        return raw.decode("latin-1"), level


def _function_modules(size: int, version: int) -> list[list[bool]]:
    """Modules that carry no data: finders with separators and format areas, timing, alignment."""
    grid = [[False] * size for _ in range(size)]

    def mark(top: int, left: int, height: int, width: int) -> None:
        for y in range(max(0, top), min(size, top + height)):
            for x in range(max(0, left), min(size, left + width)):
                grid[y][x] = True

    mark(0, 0, 9, 9), mark(0, size - 8, 9, 8), mark(size - 8, 0, 8, 9)  # finders, separators, format, dark module
    mark(6, 0, 1, size), mark(0, 6, size, 1)  # timing
    centres = _ALIGNMENT[version]
    for cy in centres:
        for cx in centres:
            if (cy, cx) not in ((centres[0], centres[0]), (centres[0], centres[-1]), (centres[-1], centres[0])):
                mark(cy - 2, cx - 2, 5, 5)
    return grid


def _data_codewords(codewords: list[int], version: int, level: str) -> list[int]:
    """The data codewords, blocks de-interleaved, error correction codewords dropped."""
    blocks, ecc = _BLOCKS[level][version - 1], _ECC_PER_BLOCK[level][version - 1]
    raw = _RAW_CODEWORDS[version]
    short = blocks - raw % blocks
    short_length = raw // blocks
    lengths = [short_length - ecc + (0 if b < short else 1) for b in range(blocks)]
    data: list[list[int]] = [[] for _ in range(blocks)]
    position = 0
    for i in range(max(lengths)):
        for b in range(blocks):
            if i < lengths[b]:
                data[b].append(codewords[position])
                position += 1
    return [byte for block in data for byte in block]
