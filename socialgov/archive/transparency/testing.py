"""Published test vectors for RFC 6962 / RFC 9162 Merkle trees, for this package's tests and for stores built later.

Source: the Certificate Transparency test data, as carried by Google's certificate-transparency
(C++ ``merkle_tree_test.cc``), Trillian and now ``github.com/transparency-dev/merkle``
(``proof/verify_test.go`` and ``rfc6962/rfc6962_test.go``). Leaf indexes here are 0-based; the Go
tables number leaves from 1. A database-backed :class:`LeafHashStore` should pass the same
vectors: build :data:`CT_LEAVES` into it and compare.
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from socialgov.archive.transparency.log import TransparencyLog
from socialgov.archive.transparency.signing import generate_signing_key

CT_LEAVES: list[bytes] = [bytes.fromhex(h) for h in (
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
)]

# MTH(D[0:n]) for n = 1..8, keyed by n.
CT_ROOTS: dict[int, bytes] = {n + 1: bytes.fromhex(h) for n, h in enumerate((
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
))}


def _hashes(*values: str) -> list[bytes]:
    return [bytes.fromhex(v) for v in values]


# (leaf index, tree size, inclusion path)
CT_INCLUSION_PROOFS: list[tuple[int, int, list[bytes]]] = [
    (0, 1, []),
    (0, 8, _hashes("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                   "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                   "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
    (5, 8, _hashes("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                   "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                   "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
    (2, 3, _hashes("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
    (1, 5, _hashes("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                   "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                   "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
]

# (first size, second size, consistency path)
CT_CONSISTENCY_PROOFS: list[tuple[int, int, list[bytes]]] = [
    (1, 1, []),
    (1, 8, _hashes("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                   "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                   "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
    (6, 8, _hashes("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                   "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                   "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
    (2, 5, _hashes("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                   "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
    (6, 7, _hashes("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                   "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                   "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
]

# RFC 6962 hasher vectors (transparency-dev/merkle rfc6962_test.go).
EMPTY_TREE_ROOT_HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"  # SHA-256("")
EMPTY_LEAF_HASH_HEX = "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"  # leaf_hash(b"")
L123456_LEAF_HASH_HEX = "395aa064aa4c29f7010acfe3f25db9485bbd4b91897b6ad7ad547639252b4d56"  # leaf_hash(b"L123456")
# node_hash(b"N123", b"N456")
N123_N456_NODE_HASH_HEX = "aa217fe888e47007fa15edab33c2b492a722cb106c64667fc2b044444de66bbb"


def sample_records(count: int) -> list[bytes]:
    """``count`` small, distinct record files (JSON bytes), as an export would write them."""
    return [(f'{{"id": {i}, "platform": "fake", "text": "Official post number {i}", "version": 1}}\n').encode()
            for i in range(count)]


def sample_log(records: list[bytes], *, signing_key: Ed25519PrivateKey | None = None,
               log_id: str = "example.gov/records", start_ms: int = 1_700_000_000_000) -> TransparencyLog:
    """A :class:`TransparencyLog` holding ``records``, whose clock ticks one second a call.

    It signs with ``signing_key``, or with a fresh key.
    """
    ticks = iter(range(start_ms, start_ms + 10**9, 1000))
    log = TransparencyLog(signing_key or generate_signing_key(), log_id=log_id, clock=lambda: next(ticks))
    for record in records:
        log.append_record(record)
    return log
