"""CAR v1 (content-addressed archive) reading for Bluesky repository exports.

The CAR framing is a varint length before each section (a CID, then a block); it is walked
here so that only an index of block offsets is held in memory and each block's exact bytes
can be kept as a record's raw payload. CIDs and DAG-CBOR blocks are decoded with ``libipld``
(the Rust-backed IPLD library the ``atproto`` SDK uses). Every block read is checked against
the SHA-256 digest in its CID: a tampered or damaged block is refused.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from typing import IO, Any

from .errors import CaptureError

MAX_HEADER_BYTES = 1 << 20
MAX_BLOCK_BYTES = 16 << 20     # repository blocks (records, MST nodes, commits) are kilobytes
_SHA2_256 = 0x12


def _libipld() -> Any:
    import libipld  # loaded only when a Bluesky repository is imported

    return libipld


def _varint(stream: IO[bytes], file: str) -> int | None:
    """An unsigned LEB128 varint; None at a clean end of the stream."""
    value = shift = 0
    while True:
        byte = stream.read(1)
        if not byte:
            if shift == 0:
                return None
            raise CaptureError(file, "the CAR file ends inside a length (truncated)")
        value |= (byte[0] & 0x7F) << shift
        if not byte[0] & 0x80:
            return value
        shift += 7
        if shift > 63:
            raise CaptureError(file, "invalid varint in the CAR file")


def _varint_at(data: bytes, pos: int, file: str) -> tuple[int, int]:
    value = shift = 0
    while pos < len(data):
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7
    raise CaptureError(file, "a CID is cut short in the CAR file")


def cid_length(prefix: bytes, file: str) -> int:
    """Length in bytes of the binary CID at the start of ``prefix`` (v0 or v1)."""
    if prefix[:2] == b"\x12\x20":
        return 34                                   # CIDv0: a bare sha2-256 multihash
    version, pos = _varint_at(prefix, 0, file)
    if version != 1:
        raise CaptureError(file, f"unknown CID version {version}")
    _codec, pos = _varint_at(prefix, pos, file)
    _hash, pos = _varint_at(prefix, pos, file)
    digest_length, pos = _varint_at(prefix, pos, file)
    return pos + digest_length


def cid_str(cid: bytes) -> str:
    """The usual base32 text of a binary CID (hex when it cannot be encoded, for messages)."""
    try:
        return _libipld().encode_cid(cid)
    except ValueError:
        return cid.hex()


class CarReader:
    """Index a CAR v1 file's blocks, then read and decode them on demand."""

    def __init__(self, stream: IO[bytes], *, file: str) -> None:
        if not stream.seekable():
            stream = io.BytesIO(stream.read())
        self.stream, self.file = stream, file
        self.roots = self._header()
        self.index: dict[bytes, tuple[int, int]] = {}
        self._build_index()

    def _header(self) -> list[bytes]:
        length = _varint(self.stream, self.file)
        if not length or length > MAX_HEADER_BYTES:
            raise CaptureError(self.file, "not a CAR file: no valid header")
        try:
            header = _libipld().decode_dag_cbor(self._read_exact(length))
        except (ValueError, TypeError) as exc:
            raise CaptureError(self.file, f"not a CAR file: the header is not DAG-CBOR ({exc})") from None
        if not isinstance(header, dict) or header.get("version") != 1:
            version = header.get("version") if isinstance(header, dict) else None
            raise CaptureError(self.file, f"unknown CAR version {version!r}; only CAR v1 is supported")
        roots = header.get("roots") or []
        if not roots:
            raise CaptureError(self.file, "the CAR file names no root (no repository commit)")
        return list(roots)

    def _read_exact(self, size: int) -> bytes:
        data = self.stream.read(size)
        if len(data) != size:
            raise CaptureError(self.file, "the CAR file ends inside a block (truncated)")
        return data

    def _build_index(self) -> None:
        while (length := _varint(self.stream, self.file)) is not None:
            if length > MAX_BLOCK_BYTES:
                raise CaptureError(self.file, f"a section of {length} bytes: larger than any repository block")
            start = self.stream.tell()
            prefix = self._read_exact(min(length, 64))
            size = cid_length(prefix, self.file)
            if size > length:
                raise CaptureError(self.file, "a CID longer than its section")
            self.index[prefix[:size]] = (start + size, length - size)
            self.stream.seek(start + length)   # a seek past the end is caught below
        end = self.stream.tell()
        self.stream.seek(0, io.SEEK_END)
        if self.stream.tell() < end:
            raise CaptureError(self.file, "the CAR file ends inside a block (truncated)")

    def __contains__(self, cid: bytes) -> bool:
        return cid in self.index

    def block(self, cid: bytes) -> bytes:
        """A block's exact bytes, after checking them against the CID's digest."""
        try:
            offset, size = self.index[cid]
        except KeyError:
            raise CaptureError(self.file, f"block {cid_str(cid)} is missing from the CAR file") from None
        self.stream.seek(offset)
        data = self._read_exact(size)
        self._verify(cid, data)
        return data

    def _verify(self, cid: bytes, data: bytes) -> None:
        try:
            multihash = _libipld().decode_cid(cid)["hash"]
        except ValueError as exc:
            raise CaptureError(self.file, f"invalid CID ({exc})", item=cid.hex()) from None
        if multihash["code"] == _SHA2_256 and hashlib.sha256(data).digest() != multihash["digest"]:
            raise CaptureError(self.file, "the block does not match its content hash (damaged or altered)",
                               item=cid_str(cid))

    def decode(self, cid: bytes) -> Any:
        data = self.block(cid)
        try:
            return _libipld().decode_dag_cbor(data)
        except (ValueError, TypeError) as exc:
            raise CaptureError(self.file, f"invalid DAG-CBOR block ({exc})", item=cid_str(cid)) from None

    def blocks(self) -> Iterator[bytes]:
        yield from self.index
