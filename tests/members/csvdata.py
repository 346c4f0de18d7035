"""Building CSV uploads for the import tests."""

from __future__ import annotations

import io

HEADER = "email;name;organisation;role;sector;policy_domain;place;themes;consent"


def csv_bytes(*lines: str, header: str = HEADER, bom: bool = False, sep: str = ";") -> bytes:
    text = "\n".join([header, *lines]) + "\n"
    if sep != ";":
        text = text.replace(";", sep)
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def upload(client, data: bytes, filename: str = "members.csv"):
    return client.post(
        "/network/import",
        data={"file": (io.BytesIO(data), filename)},
        content_type="multipart/form-data",
    )
