"""Draw the home-screen icons (static/img/icon-192.png, icon-512.png) from the
flamingo of static/img/flamingo.svg: the same strokes on a full square (safe
for "maskable"). Pure Python, run once by hand: python scripts/make_icons.py"""

import itertools
import math
import struct
import zlib
from pathlib import Path

BRAND, WHITE = (0x8A, 0x1C, 0x4A), (0xFF, 0xFF, 0xFF)


def bezier(p0, p1, p2, p3, steps=24):
    for i in range(steps + 1):
        t = i / steps
        yield tuple(
            (1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t**2 * c + t**3 * d
            for a, b, c, d in zip(p0, p1, p2, p3, strict=True)
        )


def strokes():
    """The SVG's path in its 32-unit box, as polylines."""
    head = [(17 + 2.6 * math.cos(a / 20 * 2 * math.pi), 9.6 + 2.6 * math.sin(a / 20 * 2 * math.pi))
            for a in range(21)]  # fmt: skip
    neck = list(bezier((15, 12), (12, 14), (10, 17), (11, 20)))
    body = [*bezier((11, 20), (12, 22), (15, 22), (17, 20)), (17, 17)]
    return [head, neck, body, [(17, 20), (17, 28)], [(17, 24), (14, 27)]]


def segment_distance(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy or 1)))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def draw(size: int) -> bytes:
    scale = size / 32 * 0.8  # the drawing in the middle 80 % (the maskable safe zone)
    offset = size * 0.1
    segments = [
        (a[0] * scale + offset, a[1] * scale + offset, b[0] * scale + offset, b[1] * scale + offset)
        for line in strokes()
        for a, b in itertools.pairwise(line)
    ]
    half_width = 1.0 * scale
    rows = []
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            near = min(segment_distance(x + 0.5, y + 0.5, *s) for s in segments)
            cover = max(0.0, min(1.0, half_width + 0.5 - near))  # anti-aliased edge
            row += bytes(round(b + (w - b) * cover) for b, w in zip(BRAND, WHITE, strict=True))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "static" / "img"
    for size in (192, 512):
        (out / f"icon-{size}.png").write_bytes(draw(size))
