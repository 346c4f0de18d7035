"""A series' header image: checked by its bytes, stored in the instance folder, shown to
signed-in users on the series page, and never put in an email."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from sqlalchemy import select

from arena.arenas.header_image import ImageError, check_image
from arena.arenas.models import ArenaSeries
from arena.auth.models import Role
from arena.db import utcnow
from arena.invitations.models import OutboxMessage
from arena.invitations.services import send_invitations
from tests.arenas.test_pages import SERIES_FORM


def png(width: int = 3, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x80\x20\x20" * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def jpeg(width: int = 640, height: int = 200) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof0 + b"\xff\xd9"


def test_png_and_jpeg_are_recognised_by_their_bytes(app):
    with app.test_request_context():
        assert (check_image(png(3, 2)).extension, check_image(png(3, 2)).width) == ("png", 3)
        photo = check_image(jpeg(640, 200))
        assert (photo.extension, photo.width, photo.height) == ("jpg", 640, 200)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "not a PNG"),
        (b"GIF89a" + b"\x00" * 20, "not a PNG"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 4, "damaged"),
        (png(9000, 10), "at most 6000"),
        (png() + b"\x00" * 3000, "larger than 2 KB"),
    ],
)
def test_anything_else_is_refused_with_a_reason(app, data, reason):
    with app.test_request_context(), pytest.raises(ImageError, match=reason):
        check_image(data, max_bytes=2048 if len(data) > 2048 else 2 * 1024 * 1024)


def _upload(client, data: bytes, filename: str, series_id: int | None = None, **extra):
    url = f"/series/{series_id}/edit" if series_id else "/series/new"
    form = dict(SERIES_FORM, header_image=(io.BytesIO(data), filename), **extra)
    return client.post(url, data=form, content_type="multipart/form-data")


def test_an_uploaded_header_is_shown_on_the_series_page_and_replaced_cleanly(
    app, db, make_account, login
):
    client = login(make_account(role=Role.ORGANISER))
    assert _upload(client, png(), "header.png").status_code == 302
    series = db.scalar(select(ArenaSeries))
    stored = Path(app.instance_path) / series.header_image_path
    assert stored.read_bytes() == png() and stored.parent.name == "series-headers"
    page = client.get(f"/series/{series.id}").get_data(as_text=True)
    assert f"/series/{series.id}/header-image" in page
    image = client.get(f"/series/{series.id}/header-image")
    assert image.status_code == 200 and image.mimetype == "image/png" and image.data == png()

    # a new image replaces the file; "remove" takes it away
    assert _upload(client, jpeg(), "photo.jpeg", series.id).status_code == 302
    db.refresh(series)
    assert series.header_image_path.endswith(".jpg") and not stored.exists()
    newer = Path(app.instance_path) / series.header_image_path
    client.post(f"/series/{series.id}/edit", data=dict(SERIES_FORM, remove_header_image="y"))
    db.refresh(series)
    assert series.header_image_path is None and not newer.exists()
    assert client.get(f"/series/{series.id}/header-image").status_code == 404


def test_a_disguised_file_is_refused_at_the_field_and_nothing_is_saved(
    app, db, make_account, login
):
    client = login(make_account(role=Role.ORGANISER))
    page = _upload(client, b"<html><script>alert(1)</script></html>", "header.png")
    assert page.status_code == 200
    assert b"This is not a PNG or JPEG image." in page.data
    assert b'value="Thuis in de Wijk"' in page.data  # what was typed is kept
    assert db.scalar(select(ArenaSeries)) is None
    assert not (Path(app.instance_path) / "series-headers").exists()


def test_members_see_the_image_and_strangers_do_not(app, db, make_account, login, client):
    organiser = login(make_account(role=Role.ORGANISER))
    _upload(organiser, png(), "header.png")
    series = db.scalar(select(ArenaSeries))
    organiser.post("/auth/logout")
    anonymous = client.get(f"/series/{series.id}/header-image")
    assert anonymous.status_code == 302 and "/auth/login" in anonymous.location
    member = login(make_account(role=Role.MEMBER))
    assert member.get(f"/series/{series.id}/header-image").data == png()


def test_invitations_carry_the_header_text_but_not_the_image(
    app, db, make_meeting, make_series, consenting
):
    series = make_series(header_image_path="series-headers/1-abc.png")
    meeting = make_meeting(series=series)
    consenting()
    with app.test_request_context():
        send_invitations(db, meeting, {"kind": "network"}, now=utcnow())
        db.commit()
    html = db.scalar(select(OutboxMessage.body_html))
    assert "A transition arena about valuable work." in html
    # nothing to load: no images, no style sheets, no scripts
    assert "<img" not in html and "src=" not in html and "<link" not in html
