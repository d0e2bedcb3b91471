"""Render the app icon from its SVG drawings into the sizes each system wants.

    python resources/make_icons.py          # needs rsvg-convert: apt-get install librsvg2-bin
                                            # (Debian/Ubuntu) or brew install librsvg (macOS)

Sources (yearbook_editor/resources/icons/):
  yearbook_editor.svg        the drawing on macOS's 1024 grid, used from 48 px up
  yearbook_editor-small.svg  the same redrawn on a 32 px grid (no lines of text, whole-pixel
                             edges), used for 16-40 px so small icons stay sharp at 100-250 %

Outputs (committed, so a build needs none of this):
  yearbook_editor/resources/icons/app-N.png  N = 16 20 24 32 40 48 64 128 256 512: the window
                                            icon (one QIcon with every size) and Linux desktops
  resources/app.ico    Windows: 16 20 24 32 40 48 64 256 (PNG entries; 125 %, 150 %, 200 % and
                       250 % of 16 and 32 px are exact sizes)
  resources/app.icns   macOS: 16 to 1024 with the @2x variants

ICO and ICNS are written here (both are a table of PNG images), so rsvg-convert is the only tool.
Run again after changing a drawing; the output is the same bytes for the same input and tool.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "yearbook_editor" / "resources" / "icons"
LARGE = ICONS / "yearbook_editor.svg"
SMALL = ICONS / "yearbook_editor-small.svg"
SMALL_UP_TO = 40  # px: sizes up to this come from the small drawing

PNG_SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
# ICNS entry types and the pixel size of their PNG (the @2x types hold twice the point size)
ICNS_TYPES = (
    (b"icp4", 16), (b"ic11", 32), (b"icp5", 32), (b"ic12", 64), (b"icp6", 64),
    (b"ic07", 128), (b"ic13", 256), (b"ic08", 256), (b"ic14", 512), (b"ic09", 512), (b"ic10", 1024),
)


def render(size: int, folder: Path) -> bytes:
    """The icon as a PNG of size × size pixels."""
    out = folder / f"{size}.png"
    if not out.exists():
        source = SMALL if size <= SMALL_UP_TO else LARGE
        subprocess.run(["rsvg-convert", "--width", str(size), "--height", str(size), "--keep-aspect-ratio",
                        "--output", str(out), str(source)], check=True)
    return out.read_bytes()


def png_size(data: bytes) -> tuple[int, int]:
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return struct.unpack(">II", data[16:24])


def ico(images: dict[int, bytes]) -> bytes:
    """An ICO file of PNG entries (Windows Vista and later read PNG at every size)."""
    sizes = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for s in sizes:
        data = images[s]
        dim = 0 if s >= 256 else s  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(blobs))
        blobs += data
    return header + entries + blobs


def icns(images: dict[int, bytes]) -> bytes:
    """An ICNS file of PNG entries (macOS 10.7 and later)."""
    body = b"".join(kind + struct.pack(">I", 8 + len(images[px])) + images[px] for kind, px in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    if shutil.which("rsvg-convert") is None:
        print("make_icons: rsvg-convert is missing (apt-get install librsvg2-bin, or brew install librsvg)",
              file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        wanted = sorted(set(PNG_SIZES) | set(ICO_SIZES) | {px for _, px in ICNS_TYPES})
        images = {s: render(s, folder) for s in wanted}
        for s, data in images.items():
            if png_size(data) != (s, s):
                raise SystemExit(f"make_icons: rsvg-convert gave {png_size(data)} for {s} px")
        for s in PNG_SIZES:
            (ICONS / f"app-{s}.png").write_bytes(images[s])
        (ROOT / "resources" / "app.ico").write_bytes(ico({s: images[s] for s in ICO_SIZES}))
        (ROOT / "resources" / "app.icns").write_bytes(icns(images))
    print(f"make_icons: {len(PNG_SIZES)} PNG, app.ico ({len(ICO_SIZES)} sizes), app.icns ({len(ICNS_TYPES)} entries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
