"""The loopback SMTP server the email tests rely on really speaks SMTP."""

import smtplib
from email.message import EmailMessage


def test_loopback_smtp_server_receives_and_parses(smtp_server):
    message = EmailMessage()
    message["From"] = "arena@example.org"
    message["To"] = "jan@example.nl"
    message["Subject"] = "Uitnodiging"
    message.set_content("Hallo Jan")
    smtp_server.handler.refuse.add("gone@example.nl")
    with smtplib.SMTP(smtp_server.host, smtp_server.port) as smtp:
        smtp.send_message(message)
        try:
            smtp.sendmail("arena@example.org", ["gone@example.nl"], b"x")
        except smtplib.SMTPRecipientsRefused as exc:
            assert exc.recipients["gone@example.nl"][0] == 550
        else:
            raise AssertionError("the refused address was accepted")
    received = smtp_server.wait_for(1)
    assert received[0]["Subject"] == "Uitnodiging"
    assert received[0].get_content().strip() == "Hallo Jan"
