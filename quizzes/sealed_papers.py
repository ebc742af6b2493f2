"""Sealed papers: a participant's keyless paper, readable only with their access code.

The JupyterLab way in releases one notebook for everyone through nbgrader's exchange, whose
files every student account can read. Each participant's own paper (stems and options in
their order, never a key) travels beside it, sealed: AES-GCM under a key derived from the
participant's access code (``mã làm bài``), in a file whose name is derived from the code too,
so the release shows neither whose papers it holds nor what they say.

    code = access_code(secret, "ts-3f9a2c1b")          # organiser side; 60 random bits
    blob = seal_paper(code, "vong-1-lan-1", payload)   # written to papers/<locator(code)>.bin
    payload = open_paper(code, "vong-1-lan-1", blob)   # the participant's kernel

Without the secret (kept in the organiser-only ``contest/`` folder) nobody can make a code,
and without a code nobody can read a paper or tell which participant a file belongs to.
A paper is bound to its assignment (attempt): a file copied to another attempt does not open.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import zlib

__all__ = [
    "CODE_CHARS",
    "SealError",
    "access_code",
    "normalise_code",
    "locator",
    "seal_paper",
    "open_paper",
    "SEALED_SUFFIX",
    "PAPERS_DIR",
]

CODE_CHARS = 12  # base32 characters: 60 bits, shown as XXXX-XXXX-XXXX
SEALED_SUFFIX = ".bin"
PAPERS_DIR = "papers"  # beside the paper notebook in every released attempt
_FORMAT = b"dancoso-sealed-paper-1"
_NONCE = 12
MAX_PAPER_BYTES = 1 << 20  # a paper's JSON is ~10 KB; never inflate more than this
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
# What people mistype when copying a code by hand: 0/O, 1/I/L, 8/B.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


class SealError(ValueError):
    """A code or a sealed paper could not be used; ``code`` in {bad_code, no_paper, damaged}."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(code)


def access_code(secret: bytes, participant: str) -> str:
    """The participant's access code, ``XXXX-XXXX-XXXX``: the same for every attempt."""
    digest = hmac.new(secret, b"access-code\x1f" + participant.encode(), hashlib.sha256).digest()
    letters = base64.b32encode(digest).decode()[:CODE_CHARS]
    return "-".join(letters[i : i + 4] for i in range(0, CODE_CHARS, 4))


def normalise_code(text: object) -> str:
    """The canonical form of a typed code; raises SealError("bad_code") if it cannot be one."""
    if not isinstance(text, str):
        raise SealError("bad_code")
    letters = re.sub(r"[\s\-.]", "", text).upper().translate(_LOOKALIKES)
    if len(letters) != CODE_CHARS or any(ch not in _ALPHABET for ch in letters):
        raise SealError("bad_code")
    return "-".join(letters[i : i + 4] for i in range(0, CODE_CHARS, 4))


def _derive(code: str, purpose: bytes, size: int) -> bytes:
    return hashlib.blake2b(normalise_code(code).encode(), person=purpose, digest_size=size).digest()


def locator(code: str) -> str:
    """The file name (without suffix) of the code's papers in each released attempt."""
    return _derive(code, b"dancoso-locator", 10).hex()


def seal_paper(code: str, assignment: str, payload: dict) -> bytes:
    """Encrypt ``payload`` (JSON-able) for ``code``, bound to ``assignment``.

    The nonce is derived from key, assignment and content (as in SIV): sealing the same paper
    twice gives the same bytes, so a rebuild rewrites nothing that did not change.
    """
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key = _derive(code, b"dancoso-seal-key", 32)
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    plain = zlib.compress(text)  # a 20-question paper: ~10 KB of JSON, ~3 KB sealed
    aad = _FORMAT + b"\x1f" + assignment.encode()
    nonce = hashlib.blake2b(aad + b"\x1f" + plain, key=key, digest_size=_NONCE).digest()
    return _FORMAT + b"\n" + nonce + AESGCM(key).encrypt(nonce, plain, aad)


def open_paper(code: str, assignment: str, blob: bytes | None) -> dict:
    """The payload sealed for ``code`` and ``assignment``; raises SealError, nothing else."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    key = _derive(code, b"dancoso-seal-key", 32)
    if blob is None:
        raise SealError("no_paper")
    head = _FORMAT + b"\n"
    if not blob.startswith(head) or len(blob) < len(head) + _NONCE + 16:
        raise SealError("damaged")
    body = blob[len(head) :]
    aad = _FORMAT + b"\x1f" + assignment.encode()
    try:
        plain = AESGCM(key).decrypt(body[:_NONCE], body[_NONCE:], aad)
        inflate = zlib.decompressobj()
        text = inflate.decompress(plain, MAX_PAPER_BYTES)
        if inflate.unconsumed_tail or not inflate.eof:
            raise SealError("damaged")
        payload = json.loads(text.decode("utf-8"))
    except (InvalidTag, ValueError, zlib.error):
        raise SealError("damaged") from None
    if not isinstance(payload, dict):
        raise SealError("damaged")
    return payload
