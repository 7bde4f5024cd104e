"""Counting attempts in the cache, per key and per time window.

Used where the sign-in lockout does not reach: password-reset mail and failed sign-ins from one
address across many usernames. Keys are hashed, so neither addresses nor e-mail addresses are
stored in the cache as written.
"""

import hashlib

from django.core.cache import cache


class Throttle:
    def __init__(self, name, limit, window_seconds):
        self.name = name
        self.limit = limit
        self.window_seconds = window_seconds

    def _key(self, subject):
        digest = hashlib.sha256(str(subject).encode()).hexdigest()
        return f"throttle:{self.name}:{digest}"

    def count(self, subject):
        return cache.get(self._key(subject), 0)

    def exceeded(self, subject):
        return self.count(subject) >= self.limit

    def record(self, subject):
        """One more attempt; the window starts at the first attempt and is not extended."""
        key = self._key(subject)
        cache.add(key, 0, self.window_seconds)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, self.window_seconds)
            return 1

    def clear(self, subject):
        cache.delete(self._key(subject))
