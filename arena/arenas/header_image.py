"""A series' header image: a PNG or JPEG checked by its content, kept in the instance folder.

The file's name and the browser's Content-Type are not trusted: the bytes must start like a
PNG (signature, then the IHDR chunk) or a JPEG (SOI, then a frame header giving the size), and
nothing else (no SVG, which can carry script) is accepted. Files live under
``<instance>/series-headers/`` with a random name, so a new upload gets a new URL and an old
one can be removed once the change is committed. The image is shown on the series page only:
emails carry the header text, because they must work without images or remote resources.
"""

from __future__ import annotations

import secrets
import struct
from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext as _

FOLDER = "series-headers"
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
#: wider or taller than this is not a header but a poster (or a decompression bomb)
MAX_SIDE = 6000
MIMETYPES = {"png": "image/png", "jpg": "image/jpeg"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
#: JPEG start-of-frame markers (C4, C8 and CC are other segments)
JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


class ImageError(ValueError):
    """The upload is not an image we accept; the message says why."""


@dataclass(frozen=True)
class CheckedImage:
    extension: str
    width: int
    height: int
    data: bytes


def _png_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    position = 2
    while position + 9 <= len(data):
        if data[position] != 0xFF:
            return None
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        length = struct.unpack(">H", data[position + 2 : position + 4])[0]
        if marker in JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            return width, height
        position += 2 + length
    return None


def check_image(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> CheckedImage:
    """The image's kind and size from its bytes, or ImageError with a reason for the organiser."""
    if len(data) > max_bytes:
        raise ImageError(
            _("The image is larger than %(max)d KB.", max=max_bytes // 1024)
        )  # fmt: skip
    if data.startswith(PNG_SIGNATURE):
        extension, size = "png", _png_size(data)
    elif data.startswith(b"\xff\xd8\xff"):
        extension, size = "jpg", _jpeg_size(data)
    else:
        raise ImageError(_("This is not a PNG or JPEG image."))
    if size is None:
        raise ImageError(_("The image file is damaged."))
    width, height = size
    if not (0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE):
        raise ImageError(
            _("The image is %(w)d×%(h)d pixels; at most %(max)d on each side.",
              w=width, h=height, max=MAX_SIDE)
        )  # fmt: skip
    return CheckedImage(extension, width, height, data)


def store(instance_path: str | Path, series_id: int, image: CheckedImage) -> str:
    """Write the image under a fresh name; returns the path relative to the instance folder."""
    folder = Path(instance_path) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{series_id}-{secrets.token_hex(8)}.{image.extension}"
    (folder / name).write_bytes(image.data)
    return f"{FOLDER}/{name}"


def locate(instance_path: str | Path, relative: str | None) -> Path | None:
    """The stored file, only if it is one of ours (a plain name inside the folder)."""
    if not relative:
        return None
    folder, _, name = relative.partition("/")
    if folder != FOLDER or not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    path = Path(instance_path) / FOLDER / name
    return path if path.is_file() else None


def mimetype(path: Path) -> str:
    return MIMETYPES.get(path.suffix.lstrip("."), "application/octet-stream")


def discard(instance_path: str | Path, relative: str | None) -> None:
    """Remove a file that no series points to any more (after the change is committed)."""
    path = locate(instance_path, relative)
    if path is not None:
        path.unlink(missing_ok=True)
