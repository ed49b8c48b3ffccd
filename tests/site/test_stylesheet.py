"""The stylesheet's blocks all close: one brace left open by a merge once put
every rule after the print block inside `@media print`, so the phone layout,
the running plan and the progression styles applied on paper only."""

import re
from pathlib import Path

from django.conf import settings

STYLESHEETS = sorted((Path(settings.BASE_DIR) / "static" / "css").glob("*.css"))
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def depths(css: str):
    depth = 0
    for number, line in enumerate(COMMENT.sub("", css).splitlines(), 1):
        for char in line:
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth < 0:
                raise AssertionError(f"line {number}: a closing brace with nothing open")
        yield number, depth


def test_the_checker_finds_a_block_left_open():
    assert list(depths("@media print {\n  .a { color: red; }\n.b { color: blue; }\n"))[-1][1] == 1


def test_every_block_of_every_stylesheet_closes():
    assert STYLESHEETS
    for path in STYLESHEETS:
        *_, (line, depth) = depths(path.read_text())
        assert depth == 0, f"{path.name}: {depth} block(s) still open at line {line}"
