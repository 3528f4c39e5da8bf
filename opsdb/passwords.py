"""Password hashing with argon2id (``argon2-cffi``), rehashed when the parameters change."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from texts.message import Message

MIN_LENGTH = 10

HASHER = PasswordHasher()
"""argon2-cffi's current defaults (RFC 9106 low-memory profile); a new default rehashes on next login."""

_UNUSABLE = HASHER.hash("no account has this password")  # verified against for unknown users, so both take as long


def check_strength(password: str) -> None:
    """Raise ``ValueError`` for a password too short to resist guessing."""
    if len(password) < MIN_LENGTH:
        raise ValueError(Message("sandi_pendek", minimal=MIN_LENGTH, n=len(password)))


def hash_password(password: str, hasher: PasswordHasher = HASHER) -> str:
    """The encoded argon2id hash of ``password`` (salt and parameters included)."""
    return hasher.hash(password)


def verify(stored_hash: str | None, password: str, hasher: PasswordHasher = HASHER) -> tuple[bool, str | None]:
    """Whether ``password`` matches, and a new hash to store when the parameters changed.

    ``stored_hash=None`` (no such account) still costs one verification.

    >>> h = hash_password("kata sandi panjang")
    >>> verify(h, "kata sandi panjang"), verify(h, "salah")[0]
    ((True, None), False)
    """
    try:
        hasher.verify(stored_hash or _UNUSABLE, password)
    except (VerificationError, InvalidHashError):
        return False, None
    if stored_hash is None:
        return False, None
    return True, (hasher.hash(password) if hasher.check_needs_rehash(stored_hash) else None)
