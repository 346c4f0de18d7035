"""A sender's lease on the rows it claimed, renewed from a thread of its own while it lives.

Each claimed row carries its sender's ``claim_token`` and ``claimed_dt``; a row whose
``claimed_dt`` is older than the lease (``OUTBOX_CLAIM_TIMEOUT``, 15 seconds unless set) is
claimable again. A heartbeat thread renews the rows its run still holds every few seconds, also
while the sending thread waits on a slow mail server, so the lease can be short: a killed
sender holds its unsent rows back for those seconds only, and a live one never loses them
however long one SMTP exchange takes. The sending thread pays nothing a message for this: it
asks ``holds`` (a set, under a lock) before each send, and renews by itself only when the
heartbeat has not managed to for most of a lease (the database away, say).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import sessionmaker

from arena.invitations.models import MessageStatus, OutboxMessage

log = logging.getLogger("arena.invitations")

DEFAULT_CLAIM_TIMEOUT = 15  # seconds; the lease a live sender keeps renewing
#: a live sender renews its lease at least this often (seconds), and at a quarter of the lease
RENEW_EVERY = 5.0

Clock = Callable[[], datetime]


def renew_interval(timeout: float) -> float:
    return min(RENEW_EVERY, timeout / 4)


class Lease:
    """The rows one run holds; a heartbeat thread renews them until ``stop``."""

    def __init__(
        self, session_factory: sessionmaker, token: str, clock: Clock, timeout: float
    ) -> None:
        self.session_factory = session_factory
        self.token = token
        self.clock = clock
        self.timeout = timeout
        self.every = renew_interval(timeout)
        self._held: set[int] = set()
        self._renewed = time.monotonic()
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def hold(self, ids: Iterable[int]) -> None:
        """Rows just claimed (their ``claimed_dt`` is now); starts the heartbeat."""
        with self._lock:
            if not self._held:
                self._renewed = time.monotonic()
            self._held.update(ids)
        if self._thread is None:
            self._thread = threading.Thread(target=self._beat, name="arena-lease", daemon=True)
            self._thread.start()

    def release(self, row_id: int) -> None:
        """The row is done with (sent, failed or postponed): no more renewals."""
        with self._lock:
            self._held.discard(row_id)

    def holds(self, row_id: int) -> bool:
        """Whether the row is still this run's, with time left on its lease to send it."""
        with self._lock:
            if row_id not in self._held:
                return False
            fresh = time.monotonic() - self._renewed < self.timeout - self.every
        if not fresh:
            self.renew()  # the heartbeat fell behind: renew here, or fail the run loudly
        with self._lock:
            return row_id in self._held

    def renew(self) -> None:
        """Move the lease of every held row to now; rows another sender took over (after a
        lease that ran out) are dropped."""
        started = time.monotonic()
        with self._lock:
            ids = list(self._held)
        if ids:
            with self.session_factory() as session:
                kept = set(
                    session.scalars(
                        update(OutboxMessage)
                        .where(
                            OutboxMessage.id.in_(ids),
                            OutboxMessage.claim_token == self.token,
                            OutboxMessage.status == MessageStatus.SENDING,
                        )
                        .values(claimed_dt=self.clock())
                        .returning(OutboxMessage.id)
                    )
                )
                session.commit()
            with self._lock:
                self._held.difference_update(set(ids) - kept)
        with self._lock:
            self._renewed = started

    def _beat(self) -> None:
        while not self._stopped.wait(self.every):
            try:
                self.renew()
            except Exception:  # noqa: BLE001 - the sending thread sees the lease grow stale
                log.warning("outbox: could not renew the lease", exc_info=True)

    def wait_until(self, moment: datetime) -> None:
        """Sleep until ``moment`` (a booked send time); the heartbeat keeps the lease."""
        while (left := (moment - self.clock()).total_seconds()) > 0:
            time.sleep(min(left, self.every))

    def stop(self) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(timeout=30)
