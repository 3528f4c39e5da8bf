"""The login slow-down: after a few failures, each further attempt waits twice as long.

Plain arithmetic on the times of recent failures (kept in the audit log, so every
worker and app server sees the same count).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Policy:
    """``free`` failures within ``window`` cost nothing; the next waits ``base`` s, then doubles up to ``cap`` s."""

    free: int
    window: timedelta = timedelta(minutes=15)
    base: float = 2.0
    cap: float = 900.0


PER_ACCOUNT = Policy(free=5)
PER_ADDRESS = Policy(free=20)  # an office behind one NAT address shares it


def wait_seconds(failures: list[datetime], now: datetime, policy: Policy) -> float:
    """Seconds to wait before the next attempt, given the times of recent failures.

    >>> from datetime import timezone
    >>> t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
    >>> p = Policy(free=2, base=2.0)
    >>> [wait_seconds([t0] * n, t0, p) for n in range(5)]
    [0.0, 0.0, 2.0, 4.0, 8.0]
    >>> wait_seconds([t0] * 4, t0 + timedelta(seconds=5), p)
    3.0
    """
    recent = [t for t in failures if now - t <= policy.window]
    if len(recent) < policy.free:
        return 0.0
    delay = min(policy.cap, policy.base * 2 ** (len(recent) - policy.free))
    return max(0.0, (max(recent) + timedelta(seconds=delay) - now).total_seconds())
