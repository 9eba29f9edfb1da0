"""What a screenshot shows, read pixel by pixel in the browser (a canvas), for the report tests.

The demo's switches are drawn in two colours (scripts/make_fixtures.py): the track is grey when
off and green when on. Where those pixels lie in a screenshot tells whether the whole switch is in
it and which state it shows, without trusting any file name or caption.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from playwright.async_api import Page

SWITCH_OFF = (0x8C, 0x8C, 0x8C)  # the demo's switch track, off
SWITCH_ON = (0x01, 0x75, 0x4F)  # and on
SWITCH_SIZE = (40, 24)  # its width and height in CSS pixels (the screenshots are at scale 1)

# Both readers start alike: decode the image ``src`` and draw it on a canvas ``ctx``.
_DRAW = """
  const img = new Image();
  img.src = src;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
  const ctx = canvas.getContext("2d");
  ctx.drawImage(img, 0, 0);
"""

_READ = """
async ([src, colours]) => {
""" + _DRAW + """  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  const found = {};
  const w = canvas.width, h = canvas.height;
  for (const [name, [r, g, b]] of Object.entries(colours)) {
    const hit = new Uint8Array(w * h);
    let count = 0;
    for (let i = 0; i < w * h; i++) {
      const d = i * 4;
      if (Math.abs(data[d] - r) <= 3 && Math.abs(data[d + 1] - g) <= 3 && Math.abs(data[d + 2] - b) <= 3) {
        hit[i] = 1; count++;
      }
    }
    // The box of the largest solid shape (8-connected pixels of the colour): anti-aliased text
    // has pixels of nearly every grey, but only in specks.
    const seen = new Uint8Array(w * h);
    let best = null;
    for (let start = 0; start < w * h; start++) {
      if (!hit[start] || seen[start]) continue;
      const stack = [start];
      seen[start] = 1;
      let size = 0, left = w, top = h, right = -1, bottom = -1;
      while (stack.length) {
        const i = stack.pop(), x = i % w, y = (i - x) / w;
        size++; left = Math.min(left, x); right = Math.max(right, x); top = Math.min(top, y); bottom = Math.max(bottom, y);
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx, ny = y + dy, j = ny * w + nx;
          if (nx >= 0 && ny >= 0 && nx < w && ny < h && hit[j] && !seen[j]) { seen[j] = 1; stack.push(j); }
        }
      }
      if (!best || size > best.size) best = {size, x: left, y: top, width: right - left + 1, height: bottom - top + 1};
    }
    found[name] = best ? {count, x: best.x, y: best.y, width: best.width, height: best.height} : {count};
  }
  return {width: canvas.width, height: canvas.height, colours: found};
}
"""


def data_uri(png: Path) -> str:
    """A PNG file as a data: URI (a canvas may read it; a file: image would taint the canvas)."""
    return "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode("ascii")


async def colours_in(page: Page, src: str, **colours: tuple[int, int, int]) -> dict[str, Any]:
    """``{width, height, colours: {name: {count, x, y, width, height}}}``: the image's size, and for
    each named colour how many pixels have it and the box of its largest shape (only ``count`` when
    there is none)."""
    return await page.evaluate(_READ, [src, colours])


def whole_switch(found: dict[str, Any]) -> bool:
    """Whether a colour's box is one whole demo switch (its track, give or take the rounded ends)."""
    width, height = SWITCH_SIZE
    return found["count"] > 0 and abs(found["width"] - width) <= 2 and abs(found["height"] - height) <= 2


_DISTINCT = """
async ([src, box]) => {
""" + _DRAW + """  const data = ctx.getImageData(box.x, box.y, box.width, box.height).data;
  const seen = new Set();
  for (let i = 0; i < data.length; i += 4) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
  return [...seen];
}
"""


async def distinct_colours(page: Page, src: str, box: dict[str, float]) -> list[str]:
    """The distinct colours ("r,g,b") of the image inside ``box`` (x, y, width, height in pixels)."""
    whole = {k: int(round(v)) for k, v in box.items()}
    return await page.evaluate(_DISTINCT, [src, whole])
