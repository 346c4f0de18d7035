"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, parsed."""

from __future__ import annotations

import asyncio
import email
import threading
import time
from email.message import EmailMessage
from email.policy import default as default_policy

from aiosmtpd.controller import Controller


class CollectingHandler:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        #: addresses the server refuses permanently (550)
        self.refuse: set[str] = set()
        #: other answers to RCPT TO, by address (e.g. "550 5.7.1 Relaying denied")
        self.rcpt_replies: dict[str, str] = {}
        #: answers to DATA for messages to these addresses (e.g. "552 5.3.4 Message too big")
        self.data_replies: dict[str, str] = {}
        #: seconds the server takes over each message (a slow provider)
        self.delay = 0.0
        #: time.monotonic() when each message was accepted, in order
        self.accepted_at: list[float] = []
        self._lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 No such user here"
        if address.lower() in self.rcpt_replies:
            return self.rcpt_replies[address.lower()]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        for address in envelope.rcpt_tos:
            if address.lower() in self.data_replies:
                return self.data_replies[address.lower()]
        message = email.message_from_bytes(envelope.content, policy=default_policy)
        with self._lock:
            self.accepted_at.append(time.monotonic())
            self.messages.append(message)
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"


class SmtpServer:
    """Start with .start(), stop with .stop(); .messages holds parsed EmailMessage objects."""

    def __init__(self, port: int) -> None:
        self.handler = CollectingHandler()
        self.host = "127.0.0.1"
        self.port = port
        self.controller = Controller(self.handler, hostname=self.host, port=port)

    @property
    def messages(self) -> list[EmailMessage]:
        return self.handler.messages

    def start(self) -> SmtpServer:
        self.controller.start()
        return self

    def stop(self) -> None:
        self.controller.stop()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[EmailMessage]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages
