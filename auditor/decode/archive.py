"""Zip archives (log bundles uploaded by meeting clients): entry names and sizes, not contents.

Only the central directory is read (`zipfile` with the bytes in memory), so a zip bomb costs
nothing: no entry is decompressed.
"""

from __future__ import annotations

import io
import zipfile

from auditor.decode._core import DecodeContext

ZIP_MAGIC = b"PK\x03\x04"
MAX_ENTRIES = 200


def decode_zip(ctx: DecodeContext, data: bytes, path: tuple[str, ...]) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except Exception as exc:  # zipfile raises assorted errors (struct, unicode, …) on garbage
        ctx.error(f"invalid zip archive ({type(exc).__name__})", (*path, "zip"))
        return False
    ctx.kind("zip")
    for index, info in enumerate(infos[:MAX_ENTRIES]):
        entry = (*path, "zip", str(index))
        if not ctx.add((*entry, "name"), info.filename):
            break
        ctx.add((*entry, "size"), info.file_size)
    if len(infos) > MAX_ENTRIES:
        ctx.error(f"only the first {MAX_ENTRIES} of {len(infos)} zip entries listed", path)
    return True
