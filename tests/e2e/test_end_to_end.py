#!/usr/bin/python3
"""Postern end to end: Alice sends a meeting invitation through her Postern, Bob reads it
through his.

world.py builds the real situation on loopback: a provider (Debian's Dovecot and an aiosmtpd
server delivering into Dovecot's Maildirs, both TLS with a test CA) and two Postern profiles,
Alice's and Bob's, each with an account at that provider, an identity in its store and the
other's certificate. Alice's mail client is Python's smtplib; Bob's are mbsync and Python's
imaplib. Alice sends a real Outlook/Exchange invitation from the shared corpus (ical/) under
each of the three invitation templates (switched on the running Postern with SIGHUP), and an
ordinary mail under each of them (7-bit, so its body arrives byte for byte), plus one written
8bit, whose text part Postern re-encodes before signing (RFC 8551, 3.1.2).

The right answers come from outside Postern: the copy the provider stores is read straight
from Dovecot and opened with openssl cms (decrypted with Bob's key, the signature checked
against Alice's certificate); what Bob's clients receive is compared with the corpus file,
whose calendar part Python's email package extracts independently. Run it as

    /usr/bin/python3 test_end_to_end.py --postern path/to/postern [--corpus DIR] [unittest options]

Exit status 77 (CTest: skipped) when a peer (Dovecot, aiosmtpd, mbsync, openssl) is missing, or
the corpus (then only the ordinary-mail cases run); with the CI environment variable set,
either is a failure instead. Dovecot must run as root here, as in CI.
"""
import argparse
import base64
import email
import email.policy
import os
import re
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import world as w  # noqa: E402
from proxy_harness import calendar_method, crlf, header_value, split_message  # noqa: E402
from harness import openssl  # noqa: E402

POSTERN = None  # set from --postern
CORPUS = None  # set from --corpus or POSTERN_CORPUS_DIR; None when absent

CALENDAR_MESSAGE = "urn:content-classes:calendarmessage"


def parse(data):
    """A message parsed by Python's email package (compat32 keeps the bytes as they are)."""
    return email.message_from_bytes(data, policy=email.policy.compat32)


def leaves(data):
    """[(content type, decoded body)] of every non-multipart part, in order: the MIME shape
    and content of a message, as an independent parser sees them."""
    return [(part.get_content_type(), part.get_payload(decode=True))
            for part in parse(data).walk() if not part.is_multipart()]


def calendar_entities(data):
    """The text/calendar parts of a message as email.message.Message objects."""
    return [part for part in parse(data).walk() if part.get_content_type() == "text/calendar"]


def body_lines(part):
    """A part's transfer-encoded body with line ends made LF: the bytes a mail client wrote,
    whatever line ends the store or the client uses."""
    return part.get_payload(decode=False).replace("\r\n", "\n")


def new_message_id():
    return w.new_message_id()


def security_verdict(message):
    """The X-Postern-Security field as {key: value} (the first item under "state"); fails
    unless there is exactly one."""
    fields = parse(message).get_all("X-Postern-Security") or []
    if len(fields) != 1:
        raise AssertionError(f"{len(fields)} X-Postern-Security fields in the message")
    text = re.sub(r"\s+", " ", fields[0]).strip()
    text = re.sub(r" \(by Postern\)$", "", text)
    items = [item.strip() for item in text.split(";")]
    verdict = {"state": items[0]}
    for item in items[1:]:
        key, _, value = item.partition("=")
        verdict[key.strip()] = value.strip()
    return verdict


class EndToEndTest(unittest.TestCase):
    world = None

    @classmethod
    def setUpClass(cls):
        cls.world = w.World(POSTERN)
        cls.alice, cls.bob = cls.world.alice, cls.world.bob
        # One mbsync Maildir for the whole run, synchronised again after each message, as a
        # mail client that stays configured would.
        cls.mbsync_folder = tempfile.mkdtemp(dir=cls.world.directory, prefix="bob-mbsync-")

    @classmethod
    def tearDownClass(cls):
        if cls.world is not None:
            cls.world.stop()

    def setUp(self):
        for person in self.world.people:
            self.assertIsNone(person.postern.process.poll(),
                              f"{person.key}'s postern --headless is no longer running")

    # Alice's side ------------------------------------------------------------------------

    def corpus_invitation(self):
        """The corpus invitation as bytes with CRLF line ends, and its calendar part as the
        email package finds it in the corpus file."""
        if CORPUS is None:
            if os.environ.get("CI"):
                self.fail("the sample corpus is required in CI (--corpus or POSTERN_CORPUS_DIR)")
            self.skipTest("the sample corpus is absent (--corpus or POSTERN_CORPUS_DIR)")
        data = w.corpus_invitation(CORPUS)
        (calendar,) = calendar_entities(data)
        return data, calendar

    def send_invitation(self, template):
        """Alice's client sends the corpus invitation to Bob under @p template. Only the
        transport fields are Alice's and Bob's (the From must be her account's address); the
        content, calendar included, is the corpus file's byte for byte. Returns (what was
        sent, its Message-ID, the corpus calendar part)."""
        original, calendar = self.corpus_invitation()
        self.world.use_template(self.alice, template)
        message_id = new_message_id()
        sent = w.addressed(original, self.alice, self.bob, message_id)
        refused = self.world.send(self.alice, [self.bob.address], sent)
        self.assertEqual(refused, {}, "recipients refused")
        return sent, message_id, calendar

    def send_ordinary(self, template, eight_bit=False):
        """Alice's client sends an ordinary mail to Bob under @p template: UTF-8 text and a
        binary attachment (base64). The text is quoted-printable, or, with @p eight_bit, 8bit
        as Thunderbird writes it. Returns (what was sent, its Message-ID)."""
        self.world.use_template(self.alice, template)
        message_id = new_message_id()
        attachment = base64.encodebytes(bytes(range(256)) * 8).decode()
        if eight_bit:
            text = ("Content-Transfer-Encoding: 8bit\n\n"
                    "Hello Bob,\n\nthe figures are attached. Grüße, Alice\n\n")
        else:
            text = ("Content-Transfer-Encoding: quoted-printable\n\n"
                    "Hello Bob,\n\nthe figures are attached. Gr=C3=BC=C3=9Fe, Alice\n\n")
        sent = crlf(
            f"From: Alice Example <{self.alice.address}>\nTo: Bob Example <{self.bob.address}>\n"
            f"Subject: Quarterly figures ({template})\nDate: Fri, 04 Dec 2026 09:30:00 +0100\n"
            f"Message-ID: {message_id}\nMIME-Version: 1.0\n"
            'Content-Type: multipart/mixed; boundary="------------e2e0123456789"\n\n'
            "This is a multi-part message in MIME format.\n"
            "--------------e2e0123456789\n"
            "Content-Type: text/plain; charset=UTF-8; format=flowed\n" + text +
            "--------------e2e0123456789\n"
            'Content-Type: application/octet-stream; name="figures.bin"\n'
            'Content-Disposition: attachment; filename="figures.bin"\n'
            "Content-Transfer-Encoding: base64\n\n" + attachment +
            "\n--------------e2e0123456789--\n")
        refused = self.world.send(self.alice, [self.bob.address], sent)
        self.assertEqual(refused, {}, "recipients refused")
        return sent, message_id

    # The provider's copy -----------------------------------------------------------------

    def server_copy(self, message_id):
        """The message as Dovecot holds it in Bob's INBOX, read straight from Dovecot."""
        def fetch():
            client = self.world.server_imap(self.bob)
            try:
                client.select("INBOX", readonly=True)
                status, found = client.uid("SEARCH", None, "HEADER", "Message-ID", message_id)
                self.assertEqual(status, "OK")
                uids = found[0].split()
                if not uids:
                    return None
                self.assertEqual(len(uids), 1, "the message was delivered more than once")
                status, data = client.uid("FETCH", uids[0], "(BODY.PEEK[])")
                self.assertEqual(status, "OK")
                return data[0][1]
            finally:
                client.logout()

        # Postern answers the client only once the provider took the message; the wait only
        # covers a slow file system.
        return w.wait_for(fetch, 10, f"{message_id} in Bob's INBOX on the server")

    def assert_encrypted_for_bob_and_alice(self, stored):
        """@p stored is S/MIME enveloped data for exactly Bob and Alice (her copy stays
        readable), in openssl's reading; returns the content openssl verifies as signed by
        Alice, after decrypting with Bob's key."""
        content_type = parse(stored)
        self.assertEqual(content_type.get_content_type(), "application/pkcs7-mime")
        self.assertEqual((content_type.get_param("smime-type") or "").lower(), "enveloped-data")
        source = self.world.keys.scratch(stored)
        try:
            printed = openssl("cms", "-cmsout", "-print", "-inform", "SMIME",
                              "-in", source).decode()
        finally:
            os.remove(source)
        self.assertIn("contentType: pkcs7-envelopedData", printed)
        serials = {int(match, 16) for match in re.findall(r"serialNumber: 0x([0-9A-Fa-f]+)",
                                                          printed)}
        expected = set()
        for person in self.world.people:
            text = openssl("x509", "-in", person.certificate, "-noout", "-serial").decode()
            expected.add(int(text.strip().split("=", 1)[1], 16))
        self.assertEqual(serials, expected, "the recipients are not exactly Bob and Alice")

        keys = self.world.keys
        for_alice = keys.openssl_decrypt(stored, self.alice.certificate, self.alice.private_key)
        for_bob = keys.openssl_decrypt(stored, self.bob.certificate, self.bob.private_key)
        self.assertEqual(for_alice, for_bob)
        # Signed by Alice, checked against her certificate as the only trust anchor.
        signed = keys.scratch(for_bob)
        try:
            return openssl("cms", "-verify", "-inform", "SMIME", "-in", signed,
                           "-CAfile", self.alice.certificate, "-purpose", "smimesign")
        finally:
            os.remove(signed)

    def assert_nothing_leaks(self, stored, calendar):
        """No part of the calendar is readable in the provider's copy."""
        self.assertNotIn(b"BEGIN:VCALENDAR", stored)
        self.assertNotIn(b"text/calendar", stored)
        first_line = body_lines(calendar).split("\n")[0].encode()
        self.assertNotIn(first_line, stored)

    # Bob's side --------------------------------------------------------------------------

    def bob_copies(self, message_id):
        """{client: the message as Bob's client got it through his Postern, CRLF}: imaplib
        (BODY.PEEK[]) and mbsync (its Maildir file, without mbsync's own X-TUID field)."""
        client = self.world.postern_imap(self.bob)
        try:
            client.select("INBOX", readonly=True)
            status, found = client.uid("SEARCH", None, "HEADER", "Message-ID", message_id)
            self.assertEqual(status, "OK")
            (uid,) = found[0].split()
            status, data = client.uid("FETCH", uid, "(BODY.PEEK[])")
            self.assertEqual(status, "OK")
            by_imaplib = data[0][1]
        finally:
            client.logout()
        synced = self.world.mbsync(self.bob, self.mbsync_folder)
        self.assertIn(message_id, synced, "mbsync did not fetch the message")
        by_mbsync = re.sub(rb"\nX-TUID: [^\n]*\n(?=\n)", b"\n", synced[message_id], count=1)
        # mbsync stores with local line ends (LF), as Maildir wants; it changes nothing else.
        self.assertEqual(crlf(by_mbsync), by_imaplib,
                         "mbsync and imaplib were served different messages")
        return {"imaplib": by_imaplib, "mbsync": crlf(by_mbsync)}

    def assert_live_invitation(self, received, calendar):
        """@p received carries a live invitation whose calendar part is the corpus one byte
        for byte: an inline text/calendar with method= (upper case) equal to its METHOD."""
        parts = calendar_entities(received)
        self.assertEqual(len(parts), 1, "not exactly one text/calendar part")
        (part,) = parts
        self.assertEqual(part.get_payload(decode=True), calendar.get_payload(decode=True),
                         "the calendar differs from the one Alice sent")
        self.assertEqual(body_lines(part), body_lines(calendar),
                         "the calendar part's encoded body differs from the one Alice sent")
        method = calendar_method(part.get_payload(decode=True))
        self.assertEqual(method, "REQUEST")
        self.assertEqual(part.get_param("method"), method)
        self.assertNotEqual((part.get("Content-Disposition") or "").split(";")[0].strip()
                            .lower(), "attachment")

    def assert_transport_fields(self, received, sent):
        for name in ("From", "To", "Subject", "Message-ID", "Date"):
            self.assertEqual(header_value(received, name), header_value(sent, name), name)

    # The scenarios -----------------------------------------------------------------------

    def test_encrypt_everything_invitation_arrives_live_and_verified(self):
        sent, message_id, calendar = self.send_invitation("encrypt-everything")

        stored = self.server_copy(message_id)
        self.assert_nothing_leaks(stored, calendar)
        inner = self.assert_encrypted_for_bob_and_alice(stored)
        # What openssl finds inside is the invitation Alice's client wrote.
        self.assertEqual(leaves(crlf(inner)), leaves(sent))

        for client, received in self.bob_copies(message_id).items():
            with self.subTest(client=client):
                self.assert_transport_fields(received, sent)
                self.assert_live_invitation(received, calendar)
                # The shape Alice's client made (alternative: text, HTML, calendar), each
                # part's content unchanged.
                self.assertEqual(leaves(received), leaves(sent))
                self.assertEqual(parse(received).get_content_type(), "multipart/alternative")
                self.assertEqual(parse(received).get_all("Content-Class"), [CALENDAR_MESSAGE])
                verdict = security_verdict(received)
                self.assertEqual(verdict["state"], "decrypted")
                self.assertEqual(verdict.get("signature"), "valid")
                self.assertEqual(verdict.get("signer"), self.alice.address)
                self.assertEqual(verdict.get("integrity"), "intact")

    def test_invitations_in_clear_arrive_in_clear_and_live(self):
        sent, message_id, calendar = self.send_invitation("invitations-in-clear")

        stored = self.server_copy(message_id)
        # In clear and unsigned, so that every client recognises it: exactly what Alice's
        # client wrote, after the provider's trace fields.
        self.assertNotIn(b"pkcs7", stored.lower())
        self.assertEqual(split_message(stored)[1], split_message(sent)[1])
        self.assertEqual(leaves(stored), leaves(sent))
        self.assert_live_invitation(stored, calendar)

        for client, received in self.bob_copies(message_id).items():
            with self.subTest(client=client):
                # A clear message passes Bob's Postern byte for byte.
                self.assertEqual(received, stored)
                self.assertIsNone(parse(received).get("X-Postern-Security"))
                self.assert_live_invitation(received, calendar)

    def test_invitations_as_ics_arrive_as_an_attachment(self):
        sent, message_id, calendar = self.send_invitation("invitations-as-ics")
        summary = "Testaus"  # the event's SUMMARY in the corpus file

        def assert_ics_message(data):
            """A readable text naming the event and the calendar as an invite.ics
            attachment, the corpus calendar byte for byte; no live invitation."""
            message = parse(data)
            self.assertEqual(message.get_content_type(), "multipart/mixed")
            text, attached = message.get_payload()
            self.assertEqual(text.get_content_type(), "text/plain")
            self.assertIn(summary, text.get_payload(decode=True).decode("utf-8"))
            self.assertEqual(attached.get_content_type(), "application/ics")
            self.assertEqual(attached.get_filename(), "invite.ics")
            self.assertEqual(attached.get_content_disposition(), "attachment")
            self.assertEqual(attached.get_payload(decode=True),
                             calendar.get_payload(decode=True))
            self.assertEqual(calendar_entities(data), [])

        stored = self.server_copy(message_id)
        self.assert_nothing_leaks(stored, calendar)
        assert_ics_message(crlf(self.assert_encrypted_for_bob_and_alice(stored)))

        for client, received in self.bob_copies(message_id).items():
            with self.subTest(client=client):
                self.assert_transport_fields(received, sent)
                assert_ics_message(received)
                self.assertNotEqual(parse(received).get("Content-Class"), CALENDAR_MESSAGE)
                verdict = security_verdict(received)
                self.assertEqual(verdict["state"], "decrypted")
                self.assertEqual(verdict.get("signature"), "valid")
                self.assertEqual(verdict.get("signer"), self.alice.address)

    def assert_ordinary_from_alice(self, received, sent):
        self.assert_transport_fields(received, sent)
        self.assertIsNone(parse(received).get("Content-Class"))
        verdict = security_verdict(received)
        self.assertEqual(verdict["state"], "decrypted")
        self.assertEqual(verdict.get("signature"), "valid")
        self.assertEqual(verdict.get("signer"), self.alice.address)
        self.assertEqual(verdict.get("integrity"), "intact")

    def test_ordinary_mail_is_encrypted_under_every_template(self):
        for template in ("encrypt-everything", "invitations-in-clear", "invitations-as-ics"):
            with self.subTest(template=template):
                sent, message_id = self.send_ordinary(template)
                sent_body = split_message(sent)[1]

                stored = self.server_copy(message_id)
                self.assertNotIn(b"the figures are attached", stored)
                inner = crlf(self.assert_encrypted_for_bob_and_alice(stored))
                self.assertEqual(split_message(inner)[1], sent_body)

                for client, received in self.bob_copies(message_id).items():
                    with self.subTest(client=client):
                        self.assert_ordinary_from_alice(received, sent)
                        # The body exactly as Alice's client wrote it, under its own
                        # Content-Type (boundary included).
                        self.assertEqual(split_message(received)[1], sent_body)
                        self.assertEqual(header_value(received, "Content-Type"),
                                         header_value(sent, "Content-Type"))

    def test_ordinary_eight_bit_mail_arrives_with_the_same_content(self):
        sent, message_id = self.send_ordinary("encrypt-everything", eight_bit=True)

        stored = self.server_copy(message_id)
        self.assertNotIn("Grüße".encode(), stored)
        inner = crlf(self.assert_encrypted_for_bob_and_alice(stored))
        # Signed content must be 7-bit (RFC 8551, 3.1.2): the 8bit text part is re-encoded,
        # its content and every other part stay the same.
        self.assertEqual(leaves(inner), leaves(sent))

        for client, received in self.bob_copies(message_id).items():
            with self.subTest(client=client):
                self.assert_ordinary_from_alice(received, sent)
                self.assertEqual(leaves(received), leaves(sent))
                self.assertTrue(all(byte < 128 for byte in split_message(received)[1]))


def main():
    global POSTERN, CORPUS
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--postern", required=True)
    parser.add_argument("--corpus")
    known, rest = parser.parse_known_args()
    POSTERN = os.path.abspath(known.postern)
    CORPUS = w.proxy_harness.corpus_dir(known.corpus)
    in_ci = bool(os.environ.get("CI"))

    missing = w.missing_peers()
    if missing:
        print(f"{'FAIL' if in_ci else 'SKIP'}: missing test peers: {', '.join(missing)}")
        sys.exit(1 if in_ci else 77)

    program = unittest.main(argv=[sys.argv[0], *rest], verbosity=2, exit=False)
    result = program.result
    if not result.wasSuccessful():
        sys.exit(1)
    if result.skipped:
        # Only the corpus makes a case skip: say so, and let CTest report the test as skipped
        # rather than passed.
        print(f"SKIP: {len(result.skipped)} case(s) skipped: {result.skipped[0][1]}")
        sys.exit(77)
    sys.exit(0)


if __name__ == "__main__":
    main()
