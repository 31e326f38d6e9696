"""What a request has already read, kept for the rest of that request only.

Some reads are asked for several times while one page is built -- the enrollments a
supervisor supervises are needed by the queue, its count in the navigation and each
access check on the page -- and each asks the database again. Inside a request (the
middleware below opens a memo) the first answer is kept; outside one (tasks, commands,
tests calling selectors) nothing is kept and every call reads afresh.

Writes that change such an answer call ``forget`` so a request that writes and then
reads sees its own write.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar

_memo: ContextVar[dict | None] = ContextVar("sanad_request_memo", default=None)


def remember[T](key: Hashable, read: Callable[[], T]) -> T:
    """The value read for this key earlier in the request, or read it now."""
    memo = _memo.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def forget(prefix: str) -> None:
    """Drop every remembered value whose key starts with ``prefix``."""
    memo = _memo.get()
    if memo:
        for key in [k for k in memo if isinstance(k, tuple) and k and k[0] == prefix]:
            del memo[key]


class RequestMemoMiddleware:
    """Opens an empty memo for each request and closes it after the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
