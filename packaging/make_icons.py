"""Draw the application icon in every size the platforms need (deterministic).

    python packaging/make_icons.py      # writes resources/icons/

Output: PNGs 16…1024 (Linux, Qt window icon), policydesk.ico (Windows: 16–256 in one file),
policydesk.icns (macOS). Drawn with Pillow from simple shapes and the bundled CJK font, so
the build needs no design tool and no network.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "resources" / "icons"
FONT = REPO / "resources" / "fonts"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
BLUE = (22, 93, 170, 255)
LIGHT = (234, 243, 252, 255)
GOLD = (240, 176, 52, 255)


def draw(size: int) -> Image.Image:
    """A rounded blue tile, three rising bars (the portfolio) and the character 策."""
    scale = 4  # draw large, then downsample for clean edges
    s = size * scale
    image = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    d.rounded_rectangle((0, 0, s - 1, s - 1), radius=int(s * 0.2), fill=BLUE)
    base = int(s * 0.82)
    width = int(s * 0.10)
    for i, height in enumerate((0.22, 0.38, 0.56)):
        left = int(s * (0.13 + i * 0.13))
        top = base - int(s * height)
        d.rectangle((left, top, left + width, base), fill=LIGHT if i < 2 else GOLD)
    if size >= 32:
        font_file = next(iter(sorted(FONT.glob("*.tt*"))), None)
        if font_file is not None:
            font = ImageFont.truetype(str(font_file), int(s * 0.36))
            d.text((int(s * 0.88), int(s * 0.10)), "策", font=font, fill=LIGHT, anchor="ra")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size) for size in SIZES}
    for size, image in images.items():
        image.save(OUT / f"policydesk-{size}.png", optimize=True)
    images[256].save(OUT / "policydesk.ico", sizes=[(n, n) for n in (16, 24, 32, 48, 64, 128, 256)])
    images[1024].save(OUT / "policydesk.icns")
    print(f"icons written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
