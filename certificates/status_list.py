"""The W3C Bitstring Status List ("Bitstring Status List v1.0") of revoked certificates.

Each certificate has a `status_list_index`, set once when it is issued and drawn at
random (`random_index`), as the spec recommends: an index that followed the issuing
order would tell a verifier how many certificates were issued, and when, and let two
verifiers recognise the same holder by neighbouring indexes. Index N lives in
list `N // LIST_SIZE + 1`, at bit `N % LIST_SIZE`; a bit is 1 when the certificate is
revoked. Only revocation is published here: expiry is already signed into every
credential (`validUntil`, `exp`), which a verifier checks without asking anyone.

The signed list is built from the database on request and cached until a certificate
of that list is revoked (services.certificate_revoke forgets it); the cache timeout is
only a backstop.
"""

from __future__ import annotations

import base64
import gzip
import secrets

from django.core.cache import cache

from .models import Certificate

# The spec's minimum: 16 KB of bits, so one certificate hides among 131,072 entries.
LIST_SIZE = 16 * 1024 * 8
CACHE_SECONDS = 24 * 60 * 60
MAX_INDEX = 2**63 - 1
# New indexes are drawn at random within a list until it holds this many, then the
# next list is used: a random draw keeps collisions rare and the lists few.
FILL_BEFORE_NEXT = LIST_SIZE // 2


def list_number(index: int) -> int:
    """The list (numbered from 1) that holds this index."""
    return index // LIST_SIZE + 1


def position(index: int) -> int:
    """The bit of this index within its list."""
    return index % LIST_SIZE


def cache_key(number: int) -> str:
    return f"certificates:status-list:{number}"


def forget(index: int | None) -> None:
    """Drop the cached list that holds this index, so the next request rebuilds it."""
    if index is not None:
        cache.delete(cache_key(list_number(index)))


def list_exists(number: int) -> bool:
    """List 1 always exists (it may be all zeros); a later one once an index reaches it."""
    if number == 1:
        return True
    start = (number - 1) * LIST_SIZE
    if start > MAX_INDEX:  # beyond any index the database can hold
        return False
    return Certificate.objects.filter(status_list_index__gte=start).exists()


def revoked_positions(number: int) -> list[int]:
    """The bits to set in list `number`: its revoked certificates (one query)."""
    start = (number - 1) * LIST_SIZE
    indexes = (Certificate.objects
               .filter(status=Certificate.Status.REVOKED, status_list_index__gte=start,
                       status_list_index__lt=start + LIST_SIZE)
               .values_list("status_list_index", flat=True))
    return [index - start for index in indexes]


def encoded_list(positions: list[int]) -> str:
    """The bitstring with these bits set, GZIP-compressed, base64url without padding,
    with the multibase prefix `u` the spec requires. Bit 0 is the left-most bit of the
    first byte."""
    bits = bytearray(LIST_SIZE // 8)
    for bit in positions:
        bits[bit // 8] |= 0x80 >> (bit % 8)
    # mtime=0: the same bits always compress to the same bytes.
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def list_in_use() -> int:
    """The first list with room for new indexes (fewer than FILL_BEFORE_NEXT taken).

    One count per full list before it: a handful of queries for any realistic number of
    certificates.
    """
    number = 1
    while True:
        start = (number - 1) * LIST_SIZE
        taken = Certificate.objects.filter(status_list_index__gte=start,
                                           status_list_index__lt=start + LIST_SIZE).count()
        if taken < FILL_BEFORE_NEXT:
            return number
        number += 1


def random_index(number: int) -> int:
    """A random index of list `number`, which may already be taken: the caller relies on
    the unique constraint and draws again."""
    return (number - 1) * LIST_SIZE + secrets.randbelow(LIST_SIZE)
