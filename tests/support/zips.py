"""Zip packages built byte by byte, for hostile-file tests: entries whose compressed data is given."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable


def deflated_zeros(size: int, chunk: int = 16 << 20) -> tuple[bytes, int]:
    """A raw deflate stream of ``size`` zero bytes (about a thousandth of it), and its CRC-32."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts, crc, left = [], 0, size
    block = b"\0" * chunk
    while left:
        piece = block[: min(chunk, left)]
        parts.append(compressor.compress(piece))
        crc = zlib.crc32(piece, crc)
        left -= len(piece)
    parts.append(compressor.flush())
    return b"".join(parts), crc


def stored(data: bytes) -> tuple[bytes, int, int, int]:
    return data, zlib.crc32(data), len(data), 0


def raw_zip(entries: Iterable[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip of (name, data as stored, crc, uncompressed size, method) entries — sizes as given."""
    local, central = b"", b""
    count = 0
    for name, data, crc, size, method in entries:
        encoded = name.encode("utf-8")
        offset = len(local)
        head = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0x800, method, 0, 0x21, crc, len(data), size, len(encoded), 0)
        local += head + encoded + data
        central += (
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0x800,
                method,
                0,
                0x21,
                crc,
                len(data),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
        count += 1
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(local), 0)
    return local + central + end
