#!/usr/bin/env python3
"""Makes the share cards' fonts: Latin subsets of Liberation Sans (SIL OFL 1.1), renamed.

Usage: python3 make_subset.py [FONT_DIR]   (default /usr/share/fonts/truetype/liberation2,
Debian's fonts-liberation2; needs `pip install fonttools`)

The OFL forbids a modified version (a subset is one) to carry the Reserved Font Names
("Liberation", "Arimo"), so the subsets are named "Tilik Kartu Sans". Only the glyphs of
Latin text are kept (Basic Latin, Latin-1, Latin Extended-A, common punctuation), and the
hinting is dropped: the cards are drawn at one large size.
"""
import pathlib
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

SRC = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2")
HERE = pathlib.Path(__file__).parent
UNICODES = (
    list(range(0x20, 0x7F))
    + list(range(0xA0, 0x180))
    + [0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x20AC]
)

for style in ("Regular", "Bold"):
    font = TTFont(SRC / f"LiberationSans-{style}.ttf")
    options = subset.Options()
    options.hinting = False
    options.layout_features = ["kern"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=UNICODES)
    sub.subset(font)
    names = font["name"]
    for rec in names.names:
        if rec.nameID in (1, 16):
            rec.string = "Tilik Kartu Sans"
        elif rec.nameID == 3:
            rec.string = f"Tilik Kartu Sans {style}: subset of Liberation Sans 2"
        elif rec.nameID in (4,):
            rec.string = f"Tilik Kartu Sans {style}"
        elif rec.nameID == 6:
            rec.string = f"TilikKartuSans-{style}"
    font.save(HERE / f"TilikKartuSans-{style}.ttf")
    print(HERE / f"TilikKartuSans-{style}.ttf", (HERE / f"TilikKartuSans-{style}.ttf").stat().st_size)
