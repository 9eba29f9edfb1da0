"""A virtual screen for the headed tests: Xvfb on a free display number, and pictures of it.

``Xvfb -displayfd`` chooses the first display number no other X server holds (two pytest-xdist
workers, or a developer's own desktop, each keep theirs) and writes it once the server accepts
clients, so nothing is guessed and nothing is polled. ``-fbdir`` keeps the screen in a file (XWD
format), which ``Screen.png`` turns into a PNG of everything on it: the browser window with its own
frame and address bar, not only the page. Sources: the Xserver(1) manual page (``-displayfd``: "will
attempt to listen on successively higher display numbers, and upon finding a free one, will write
the display number back on this file descriptor") and Xvfb(1) (``-fbdir``, the screen as an XWD
file), https://www.x.org/releases/current/doc/man/man1/Xserver.1.xhtml and .../Xvfb.1.xhtml.
"""

from __future__ import annotations

import os
import select
import shutil
import struct
import subprocess
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

SIZE = (1280, 1024)
INSTALL = "no Xvfb here (on Debian or Ubuntu: apt-get install xvfb); the headed tests need a display"


class NoXvfb(RuntimeError):
    """Xvfb is not installed, or did not start: the headed tests skip with this reason."""


@dataclass
class Screen:
    display: str  # ":N"
    process: subprocess.Popen[bytes]
    folder: Path  # the framebuffer file and nothing else

    def png(self, target: Path) -> Path:
        """The whole screen as it is now, written to ``target``."""
        data = (self.folder / "Xvfb_screen0").read_bytes()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(xwd_to_png(data))
        return target

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        """The colour (red, green, blue) on the screen at ``x``, ``y`` now."""
        data = (self.folder / "Xvfb_screen0").read_bytes()
        header = struct.unpack(">25I", data[:100])
        header_size, byte_order, bytes_per_line, ncolors = header[0], header[7], header[12], header[19]
        at = header_size + 12 * ncolors + y * bytes_per_line + 4 * x
        b0, b1, b2, b3 = data[at:at + 4]
        return (b2, b1, b0) if byte_order == 0 else (b1, b2, b3)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)
        shutil.rmtree(self.folder, ignore_errors=True)


def start(timeout: float = 20) -> Screen:
    """Start Xvfb; ``NoXvfb`` when it is missing or gives no display within ``timeout`` seconds."""
    binary = shutil.which("Xvfb")
    if binary is None:
        raise NoXvfb(INSTALL)
    folder = Path(tempfile.mkdtemp(prefix="linkedin-optout-xvfb-"))
    read_end, write_end = os.pipe()
    width, height = SIZE
    try:
        process = subprocess.Popen(
            [binary, "-displayfd", str(write_end), "-screen", "0", f"{width}x{height}x24", "-fbdir", str(folder),
             "-nolisten", "tcp", "-noreset"],
            pass_fds=(write_end,), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except OSError as exc:
        os.close(read_end)
        os.close(write_end)
        shutil.rmtree(folder, ignore_errors=True)
        raise NoXvfb(f"Xvfb did not start: {exc}") from exc
    os.close(write_end)
    try:
        number = b""
        while not number.endswith(b"\n"):
            ready, _, _ = select.select([read_end], [], [], timeout)
            chunk = os.read(read_end, 16) if ready else b""
            if not chunk:  # no answer in time, or Xvfb ended before choosing a display
                process.kill()
                error = process.communicate(timeout=5)[1].decode(errors="replace").strip().splitlines()
                shutil.rmtree(folder, ignore_errors=True)
                raise NoXvfb(f"Xvfb gave no display: {error[-1] if error else 'no message'}")
            number += chunk
    finally:
        os.close(read_end)
    assert process.stderr is not None
    process.stderr.close()  # nothing reads it from here on: a full pipe must not block the server
    return Screen(f":{int(number)}", process, folder)


def xwd_to_png(data: bytes) -> bytes:
    """An XWD image of a 24/32-bit TrueColor screen (what Xvfb -fbdir keeps) as a PNG."""
    header = struct.unpack(">25I", data[:100])
    header_size, _version, _format, _depth, width, height = header[:6]
    byte_order, bits_per_pixel, bytes_per_line, ncolors = header[7], header[11], header[12], header[19]
    if bits_per_pixel != 32:
        raise ValueError(f"only 32 bits per pixel are read here, not {bits_per_pixel}")
    pixels = memoryview(data)[header_size + 12 * ncolors:]
    rows = []
    for y in range(height):
        line = pixels[y * bytes_per_line:y * bytes_per_line + 4 * width]
        rgb = bytearray(3 * width)
        if byte_order == 0:  # LSBFirst: B, G, R, unused
            rgb[0::3], rgb[1::3], rgb[2::3] = line[2::4], line[1::4], line[0::4]
        else:  # MSBFirst: unused, R, G, B
            rgb[0::3], rgb[1::3], rgb[2::3] = line[1::4], line[2::4], line[3::4]
        rows.append(b"\x00" + bytes(rgb))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 6)) + chunk(b"IEND", b""))
