#!/usr/bin/python3
"""Postern's SMTP proxy between real peers.

The test makes its own TLS CA and S/MIME certificates with the openssl command-line tool,
starts the aiosmtpd upstream of upstream_smtpd.py (STARTTLS, AUTH, storing every message as
received) and `postern --headless` on a fresh profile with one account per policy, then submits
mail with smtplib, swaks and curl. What the upstream stored is the answer: clear mail must be
the submitted bytes, encrypted mail must open with `openssl cms -decrypt` for each recipient and
for the sender, signed mail must pass `openssl cms -verify`. Everything listens on 127.0.0.1;
run it with /usr/bin/python3 (Debian's aiosmtpd is installed for that interpreter only):

    /usr/bin/python3 test_smtp_proxy.py --postern path/to/postern [unittest options]
"""
import argparse
import base64
import email
import email.policy
import os
import shutil
import smtplib
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import uuid

# No __pycache__ in the source tree from importing the helper module.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import harness  # noqa: E402

POSTERN = None  # set from --postern

ALICE = "alice@example.org"  # the From: of every message and the address of her certificate
BOB = "bob@example.net"
CAROL = "carol@example.com"
DAVE = "dave@example.net"  # has a certificate; used as the Bcc recipient
ERIN = "erin@nocert.test"  # has no certificate
PASSWORD = "Upstream-Pass-q8Zr4w"
STORE_PASSPHRASE = "store passphrase for the smtp test"

# account name -> (template, template options)
POLICY_ACCOUNTS = {
    "in-clear": ("invitations-in-clear", ()),
    "as-ics": ("invitations-as-ics", ()),
    "everything": ("encrypt-everything", ()),
    "signing": ("sign-everything", ()),
    "domains": ("encrypt-domains", ("--domain", "example.net")),
    "possible-clear": ("encrypt-when-possible", ("--fallback", "clear")),
    "possible-split": ("encrypt-when-possible", ("--fallback", "split")),
    "possible-block": ("encrypt-when-possible", ("--fallback", "block")),
}

CRLF = b"\r\n"


def account_address(account):
    """Each account sends as an address of its own (an address belongs to one account only);
    all of them sign and decrypt with Alice's identity."""
    return f"alice.{account}@example.org"


def crlf(text):
    """Text written with \\n as mail bytes with CRLF line ends."""
    return text.replace("\n", "\r\n").encode("utf-8")


def new_message_id():
    return f"<{uuid.uuid4().hex}@example.org>"


def plain_message(subject, marker, to=(BOB,), cc=(), message_id=None):
    """A UTF-8 text message as a mail client writes it, with a line that needs dot-stuffing."""
    lines = [
        "From: Alice Example <alice@example.org>",
        "To: " + ", ".join(to),
    ]
    if cc:
        lines.append("Cc: " + ", ".join(cc))
    lines += [
        f"Subject: {subject}",
        "Date: Mon, 02 Jun 2025 09:30:00 +0200",
        f"Message-ID: {message_id or new_message_id()}",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        "Hello,",
        "",
        f"{marker}: the figures for the second quarter are below.",
        ".this line starts with a dot, which SMTP transparency must carry through",
        "..and this one with two",
        "Grüße aus Köln",
        "-- ",
        "Alice",
        "",
    ]
    return crlf("\n".join(lines))


def invitation_message(subject, marker, to=(BOB,)):
    """A meeting request the way Thunderbird and Exchange send it: multipart/alternative with a
    text part and a text/calendar; method=REQUEST part (RFC 6047)."""
    uid = uuid.uuid4().hex
    attendees = "".join(
        f"ATTENDEE;CN={address.split('@')[0].title()};ROLE=REQ-PARTICIPANT;"
        f"PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{address}\n" for address in to)
    text = (
        "From: Alice Example <alice@example.org>\n"
        f"To: {', '.join(to)}\n"
        f"Subject: {subject}\n"
        "Date: Mon, 02 Jun 2025 09:30:00 +0200\n"
        f"Message-ID: {new_message_id()}\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/alternative; boundary="=_alt_7f3a"\n'
        "\n"
        "--=_alt_7f3a\n"
        "Content-Type: text/plain; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        "\n"
        f"You are invited to the design review. {marker}\n"
        "When: Tuesday 10 June 2025, 11:00-12:00 (Europe/Berlin)\n"
        "\n"
        "--=_alt_7f3a\n"
        "Content-Type: text/calendar; method=REQUEST; charset=utf-8\n"
        "Content-Transfer-Encoding: 8bit\n"
        "\n"
        "BEGIN:VCALENDAR\n"
        "PRODID:-//Postern tests//SMTP proxy//EN\n"
        "VERSION:2.0\n"
        "METHOD:REQUEST\n"
        "BEGIN:VEVENT\n"
        f"UID:{uid}@example.org\n"
        "DTSTAMP:20250601T080000Z\n"
        "DTSTART:20250610T090000Z\n"
        "DTEND:20250610T100000Z\n"
        "SUMMARY:Design review\n"
        f"DESCRIPTION:{marker}\n"
        "ORGANIZER;CN=Alice Example:mailto:alice@example.org\n"
        f"{attendees}"
        "SEQUENCE:0\n"
        "STATUS:CONFIRMED\n"
        "END:VEVENT\n"
        "END:VCALENDAR\n"
        "\n"
        "--=_alt_7f3a--\n")
    return crlf(text)


def split_entity(data):
    """(header bytes, body bytes) of a MIME entity."""
    head, separator, body = data.partition(b"\r\n\r\n")
    if not separator:
        head, _, body = data.partition(b"\n\n")
    return head, body


def header(data, name):
    return email.message_from_bytes(data, policy=email.policy.default).get(name)


class SmtpProxyTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.mkdtemp(prefix="postern-smtp-test-")
        cls.upstreams = []
        cls.postern = None
        try:
            cls.build()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def build(cls):
        pki = harness.Pki(os.path.join(cls.directory, "pki"))
        cls.pki = pki
        cls.people = {address: pki.person(address, name) for address, name in
                      ((ALICE, "Alice Example"), (BOB, "Bob"), (CAROL, "Carol"), (DAVE, "Dave"))}

        logins = [account_address(name)
                  for name in [*POLICY_ACCOUNTS, "dropping", "untrusted", "tls"]]
        cls.upstream = harness.Upstream(os.path.join(cls.directory, "upstream"), pki, logins,
                                        PASSWORD)
        cls.upstreams.append(cls.upstream)
        cls.dropping = harness.Upstream(os.path.join(cls.directory, "dropping"), pki, logins,
                                        PASSWORD, drop_in_data=3)
        cls.upstreams.append(cls.dropping)

        postern = harness.Postern(POSTERN, cls.directory, STORE_PASSPHRASE)
        cls.postern = postern
        # Alice's identity: her key and certificate in one PEM file, as README describes.
        certificate, key = cls.people[ALICE]
        bundle = harness.identity_bundle(certificate, key,
                                         os.path.join(cls.directory, "alice-identity.pem"))
        postern.import_certificate(bundle, trust=False)
        identity = postern.certificate_id(certificate)
        for address in (BOB, CAROL, DAVE):
            postern.import_certificate(cls.people[address][0])

        cls.ports = {}
        for name, (template, options) in POLICY_ACCOUNTS.items():
            cls.ports[name] = harness.free_port()
            postern.add_account(name, account_address(name), cls.upstream.port, cls.ports[name],
                                ca_file=pki.ca_cert, template=template, template_options=options,
                                identity=identity)
        cls.ports["dropping"] = harness.free_port()
        postern.add_account("dropping", account_address("dropping"), cls.dropping.port,
                            cls.ports["dropping"], ca_file=pki.ca_cert,
                            template="encrypt-everything", identity=identity)
        # The same upstream, but its CA was never given: its certificate is not trusted.
        cls.ports["untrusted"] = harness.free_port()
        postern.add_account("untrusted", account_address("untrusted"), cls.upstream.port,
                            cls.ports["untrusted"], template="encrypt-when-possible",
                            template_options=("--fallback", "clear"), identity=identity)
        # The encrypt-everything policy once more, for a client that insists on TLS.
        cls.ports["tls"] = harness.free_port()
        cls.ports["tls-implicit"] = harness.free_port()
        postern.add_account("tls", account_address("tls"), cls.upstream.port, cls.ports["tls"],
                            ca_file=pki.ca_cert, template="encrypt-everything", identity=identity,
                            extra=("--smtp-listen-tls", str(cls.ports["tls-implicit"])))
        postern.start(cls.ports.values())
        cls.markers = []

    @classmethod
    def tearDownClass(cls):
        try:
            if cls.postern is not None:
                status = cls.postern.stop()
                if status not in (None, 0):
                    print(f"postern --headless ended with status {status}", file=sys.stderr)
        finally:
            for upstream in cls.upstreams:
                upstream.stop()
            if os.environ.get("POSTERN_KEEP_TEST_DIR"):
                print(f"kept {cls.directory}", file=sys.stderr)
            else:
                shutil.rmtree(cls.directory, ignore_errors=True)

    def setUp(self):
        self.upstream.clear()
        self.dropping.clear()

    def tearDown(self):
        # Neither the password (plain or in its AUTH encodings) nor a word of a message body
        # may reach the log, which runs at debug level here (--verbose).
        log = self.postern.log_text()
        self.assertTrue(log, "the log is empty")
        secrets = [PASSWORD.encode(), base64.b64encode(PASSWORD.encode())]
        for account in self.ports:
            user = account_address(account.removesuffix("-implicit")).encode()
            secrets.append(base64.b64encode(b"\0" + user + b"\0" + PASSWORD.encode()))
        for secret in secrets:
            self.assertNotIn(secret, log)
        for marker in self.markers:
            self.assertNotIn(marker.encode(), log, "message body text in the log")

    # --- helpers -------------------------------------------------------------------------------

    def marker(self):
        """A word that appears only in one message's body."""
        word = "BodyText" + uuid.uuid4().hex[:12]
        self.markers.append(word)
        return word

    def send(self, account, message, recipients, options=("BODY=8BITMIME",)):
        address = account_address(account)
        with smtplib.SMTP("127.0.0.1", self.ports[account], timeout=120) as client:
            client.ehlo("client.example.org")
            client.login(address, PASSWORD)
            refused = client.sendmail(address, list(recipients), message, list(options))
            self.assertEqual(refused, {})

    def refused_data(self, account, message, recipients):
        """Sends and expects the reply to the end of DATA to be negative; returns it."""
        with self.assertRaises(smtplib.SMTPDataError) as caught:
            self.send(account, message, recipients)
        return caught.exception.smtp_code, caught.exception.smtp_error.decode()

    def delivered(self, count, account=None):
        deliveries = self.upstream.deliveries()
        self.assertEqual(len(deliveries), count, [envelope for _, envelope in deliveries])
        self.assertEqual(self.upstream.leftovers(), [])
        for _, envelope in deliveries:
            if account is not None:
                self.assertEqual(envelope["mail_from"], account_address(account))
                self.assertEqual(envelope["login"], account_address(account),
                                 "the client's login was not passed on")
            self.assertTrue(envelope["tls"], "delivered without STARTTLS")
        return deliveries

    def scratch_file(self, data):
        """The bytes in a new file of the test folder, for openssl, swaks and curl to read."""
        handle, path = tempfile.mkstemp(dir=self.directory, suffix=".eml")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        return path

    def decrypt(self, data, address):
        """The content decrypted with the key of `address`, or None when that key does not fit."""
        certificate, key = self.people[address]
        result = subprocess.run(["openssl", "cms", "-decrypt", "-in", self.scratch_file(data),
                                 "-recip", certificate, "-inkey", key, "-binary"],
                                capture_output=True)
        return result.stdout if result.returncode == 0 else None

    def recipient_count(self, data):
        """How many recipients (KeyTransRecipientInfo) the CMS envelope names."""
        printed = harness.openssl("cms", "-cmsout", "-print", "-in", self.scratch_file(data))
        return printed.count(b"d.ktri:")

    def signed_content(self, entity, signer):
        """What `signer` signed in `entity` (multipart/signed or opaque signed-data), checked by
        openssl with the signer's (self-signed) certificate as the only trusted one; fails the
        test when the signature does not hold."""
        certificate, _ = self.people[signer]
        result = subprocess.run(["openssl", "cms", "-verify", "-in", self.scratch_file(entity),
                                 "-CAfile", certificate, "-purpose", "any"],
                                capture_output=True)
        self.assertEqual(result.returncode, 0, result.stderr.decode(errors="replace"))
        return result.stdout

    def assertEncryptedFor(self, data, original, readers, others=(), signed_by=None):
        self.assertIn(b"application/pkcs7-mime", header(data, "Content-Type").encode())
        self.assertNotIn(split_entity(original)[1], data, "the body went out in clear")
        self.assertEqual(self.recipient_count(data), len(readers))
        for address in readers:
            content = self.decrypt(data, address)
            self.assertIsNotNone(content, f"{address} cannot decrypt")
            if signed_by is not None:
                content_type = header(content, "Content-Type").lower()
                self.assertTrue("multipart/signed" in content_type
                                or "signed-data" in content_type, content_type)
                content = self.signed_content(content, signed_by)
            self.assertSameContent(content, original)
        for address in others:
            self.assertIsNone(self.decrypt(data, address), f"{address} can decrypt")
        # The outer header keeps what the recipient's client lists the message by.
        for name in ("From", "To", "Subject", "Message-ID"):
            self.assertEqual(header(data, name), header(original, name))

    def assertSameContent(self, entity, original):
        """The decrypted (or verified) entity carries the original's content: the same MIME
        structure, and in each part the same type, parameters and decoded bytes. The transfer
        encoding may differ: signed 8bit text must become 7bit (RFC 8551 3.1.2)."""
        def leaves(data):
            parsed = email.message_from_bytes(data, policy=email.policy.default)
            found = []
            for part in parsed.walk():
                params = [(name.lower(), value) for name, value in part.get_params() or []
                          if name.lower() != "boundary"]
                payload = None if part.is_multipart() else \
                    part.get_payload(decode=True).replace(CRLF, b"\n")
                found.append((part.get_content_type(), sorted(params), payload))
            return found

        self.assertEqual(leaves(entity), leaves(original))

    def activity_of(self, account, subject):
        return [event for event in self.postern.activity()
                if event["account"] == account and event["subject"] == subject]

    def assertActivity(self, account, subject, action, rule, result="delivered",
                       converted=False, count=1):
        events = self.activity_of(account, subject)
        self.assertEqual(len(events), count, events)
        for event in events:
            self.assertEqual(event["direction"], "outgoing")
            self.assertEqual(event["action"], action, event)
            self.assertEqual(event["rule"], rule, event)
            self.assertEqual(event["result"], result, event)
            self.assertEqual(event["convertedInvitation"], converted, event)
            self.assertEqual(event["sender"], account_address(account))
        return events

    def assertClearDelivery(self, account, subject, message, recipients, action, rule):
        self.upstream.clear()
        self.send(account, message, recipients)
        (data, envelope), = self.delivered(1, account)
        self.assertEqual(data, harness.wire_bytes(message))
        self.assertEqual(sorted(envelope["rcpt_tos"]), sorted(recipients))
        self.assertActivity(account, subject, action, rule)

    def assertEncryptedDelivery(self, account, subject, message, recipients, rule, signed=False):
        self.upstream.clear()
        self.send(account, message, recipients)
        (data, envelope), = self.delivered(1, account)
        self.assertEqual(sorted(envelope["rcpt_tos"]), sorted(recipients))
        self.assertEncryptedFor(data, message, [*recipients, ALICE], others=[CAROL] if CAROL
                                not in recipients else [], signed_by=ALICE if signed else None)
        self.assertActivity(account, subject, "sign-encrypt" if signed else "encrypt", rule)
        return data

    # --- one account per policy template ---------------------------------------------------------

    def test_invitations_in_clear(self):
        subject = "Invitation: design review (in clear)"
        self.assertClearDelivery("in-clear", subject,
                                 invitation_message(subject, self.marker()), [BOB], "clear",
                                 "Invitations in clear")
        subject = "Quarterly figures (in-clear account)"
        self.assertEncryptedDelivery("in-clear", subject, plain_message(subject, self.marker()),
                                     [BOB], "Encrypt the rest", signed=True)

    def test_invitations_as_ics(self):
        subject = "Invitation: design review (as ics)"
        message = invitation_message(subject, self.marker())
        self.send("as-ics", message, [BOB])
        (data, _), = self.delivered(1, "as-ics")
        self.assertActivity("as-ics", subject, "sign-encrypt", "Invitations as .ics attachments",
                            converted=True)
        for reader in (BOB, ALICE):
            content = self.decrypt(data, reader)
            self.assertIsNotNone(content, reader)
            content = self.signed_content(content, ALICE)
            converted = email.message_from_bytes(content, policy=email.policy.default)
            attachments = [part for part in converted.walk()
                           if part.get_filename() == "invite.ics"]
            self.assertEqual(len(attachments), 1, content)
            self.assertEqual(attachments[0].get_content_disposition(), "attachment")
            # The calendar is carried unchanged, but no longer as a live invitation part.
            calendar = attachments[0].get_payload(decode=True).replace(CRLF, b"\n")
            original = split_entity(message)[1].split(b"BEGIN:VCALENDAR")[1]
            original = b"BEGIN:VCALENDAR" + original.split(b"END:VCALENDAR")[0] + b"END:VCALENDAR"
            self.assertIn(original.replace(CRLF, b"\n"), calendar)
            live = [part for part in converted.walk() if part.get_content_type() == "text/calendar"
                    and part.get_content_disposition() != "attachment"]
            self.assertEqual(live, [])

        subject = "Quarterly figures (as-ics account)"
        self.assertEncryptedDelivery("as-ics", subject, plain_message(subject, self.marker()),
                                     [BOB], "Encrypt the rest", signed=True)

    def test_encrypt_everything(self):
        subject = "Invitation: design review (encrypted)"
        message = invitation_message(subject, self.marker(), to=(BOB, CAROL))
        data = self.assertEncryptedDelivery("everything", subject, message, [BOB, CAROL],
                                            "Encrypt everything", signed=True)
        # The invitation travels whole: its calendar part, method=REQUEST included.
        content = self.signed_content(self.decrypt(data, BOB), ALICE)
        calendars = [part for part in email.message_from_bytes(content).walk()
                     if part.get_content_type() == "text/calendar"]
        self.assertEqual(len(calendars), 1)
        self.assertEqual(calendars[0].get_param("method"), "REQUEST")

        subject = "Quarterly figures (encrypt-everything)"
        self.assertEncryptedDelivery("everything", subject, plain_message(subject, self.marker()),
                                     [BOB], "Encrypt everything", signed=True)

    def test_sign_everything(self):
        for subject, message in (
                ("Quarterly figures (signed)", plain_message("Quarterly figures (signed)",
                                                             self.marker())),
                ("Invitation: design review (signed)",
                 invitation_message("Invitation: design review (signed)", self.marker()))):
            self.upstream.clear()
            self.send("signing", message, [BOB])
            (data, envelope), = self.delivered(1, "signing")
            self.assertEqual(envelope["rcpt_tos"], [BOB])
            self.assertEqual(email.message_from_bytes(data).get_content_type(), "multipart/signed")
            signer = self.people[ALICE][0]
            # Without -binary: the signed text is compared in its MIME canonical form, CRLF
            # line ends (RFC 8551 3.1.1), as receiving clients do.
            verified = subprocess.run(
                ["openssl", "cms", "-verify", "-in", self.scratch_file(data), "-CAfile", signer],
                capture_output=True)
            self.assertEqual(verified.returncode, 0, verified.stderr.decode())
            self.assertSameContent(verified.stdout, message)
            self.assertActivity("signing", subject, "sign", "Sign everything")

    def test_encrypt_domains(self):
        subject = "Quarterly figures (to a listed domain)"
        self.assertEncryptedDelivery("domains", subject, plain_message(subject, self.marker()),
                                     [BOB], "Encrypt to listed domains")
        self.upstream.clear()
        subject = "Quarterly figures (to another domain)"
        self.assertClearDelivery("domains", subject,
                                 plain_message(subject, self.marker(), to=(ERIN,)), [ERIN],
                                 "clear", "default")

    def test_encrypt_when_possible_clear(self):
        subject = "Quarterly figures (possible, all have certificates)"
        self.assertEncryptedDelivery("possible-clear", subject,
                                     plain_message(subject, self.marker(), to=(BOB, CAROL)),
                                     [BOB, CAROL], "Encrypt when possible")
        self.upstream.clear()
        subject = "Quarterly figures (possible, one without certificate)"
        self.assertClearDelivery("possible-clear", subject,
                                 plain_message(subject, self.marker(), to=(BOB, ERIN)),
                                 [BOB, ERIN], "clear", "Encrypt when possible")

    def test_encrypt_when_possible_split(self):
        subject = "Quarterly figures (split)"
        message = plain_message(subject, self.marker(), to=(BOB, ERIN))
        self.send("possible-split", message, [BOB, ERIN])
        deliveries = self.delivered(2, "possible-split")
        by_recipients = {tuple(envelope["rcpt_tos"]): data for data, envelope in deliveries}
        self.assertEqual(sorted(by_recipients), [(BOB,), (ERIN,)])
        self.assertEncryptedFor(by_recipients[(BOB,)], message, [BOB, ALICE], others=[CAROL])
        self.assertEqual(by_recipients[(ERIN,)], harness.wire_bytes(message))
        self.assertActivity("possible-split", subject, "encrypt", "Encrypt when possible")

    def test_encrypt_when_possible_block(self):
        subject = "Quarterly figures (blocked)"
        code, text = self.refused_data("possible-block",
                                       plain_message(subject, self.marker(), to=(BOB, ERIN)),
                                       [BOB, ERIN])
        self.assertTrue(500 <= code < 600, (code, text))
        self.assertIn(ERIN, text)
        self.assertNotIn(BOB, text)
        self.delivered(0)
        self.assertActivity("possible-block", subject, "block", "Encrypt when possible",
                            result="refused")

    # --- privacy and refusals ----------------------------------------------------------------

    def test_bcc_recipient_gets_a_copy_of_its_own(self):
        subject = "Board minutes (with a Bcc)"
        message = plain_message(subject, self.marker(), to=(BOB,), cc=(CAROL,))
        self.send("everything", message, [BOB, CAROL, DAVE])
        deliveries = self.delivered(2, "everything")
        by_recipients = {tuple(sorted(envelope["rcpt_tos"])): data
                         for data, envelope in deliveries}
        self.assertEqual(sorted(by_recipients), [(BOB, CAROL), (DAVE,)])
        main = by_recipients[(BOB, CAROL)]
        self.assertEncryptedFor(main, message, [BOB, CAROL, ALICE], others=[DAVE], signed_by=ALICE)
        hidden = by_recipients[(DAVE,)]
        self.assertEncryptedFor(hidden, message, [DAVE, ALICE], others=[BOB, CAROL],
                                signed_by=ALICE)
        self.assertNotIn(DAVE.encode(), main)
        self.assertActivity("everything", subject, "sign-encrypt", "Encrypt everything")

    def test_bcc_field_left_in_by_the_client_is_not_encrypted_along(self):
        subject = "Minutes with a Bcc field left in"
        message = plain_message(subject, self.marker(), to=(BOB,))
        message = message.replace("Subject:", f"Bcc: Dave <{DAVE}>\r\nSubject:", 1) \
            if isinstance(message, str) else \
            message.replace(b"Subject:", f"Bcc: Dave <{DAVE}>\r\nSubject:".encode(), 1)
        self.send("everything", message, [BOB, DAVE])
        deliveries = self.delivered(2, "everything")
        for data, envelope in deliveries:
            reader = envelope["rcpt_tos"][0]
            content = self.signed_content(self.decrypt(data, reader), ALICE)
            self.assertNotIn(b"Bcc:", content.split(b"\r\n\r\n", 1)[0])
            self.assertSameContent(content, message)

    def test_missing_certificate_is_refused_and_nothing_sent(self):
        subject = "Quarterly figures (one recipient without certificate)"
        code, text = self.refused_data("everything",
                                       plain_message(subject, self.marker(), to=(BOB, ERIN)),
                                       [BOB, ERIN])
        self.assertTrue(500 <= code < 600, (code, text))
        self.assertIn(ERIN, text)
        self.delivered(0)
        self.assertActivity("everything", subject, "sign-encrypt", "Encrypt everything",
                            result="refused")

    def test_message_claiming_another_author_is_not_signed(self):
        # The envelope is the account's, but the From: field names somebody else: signing it
        # would make Alice vouch for Marge.
        subject = "Quarterly figures (from somebody else)"
        message = plain_message(subject, self.marker()).replace(
            b"From: Alice Example <alice@example.org>", b"From: Marge <marge@example.org>", 1)
        self.assertIn(b"From: Marge", message)
        code, text = self.refused_data("everything", message, [BOB])
        self.assertEqual(code, 550, text)
        self.assertIn("marge@example.org", text)
        self.delivered(0)

    def test_upstream_dropping_during_data_is_a_temporary_failure(self):
        subject = "Quarterly figures (upstream drops)"
        code, text = self.refused_data("dropping", plain_message(subject, self.marker()), [BOB])
        self.assertTrue(400 <= code < 500, (code, text))
        self.assertEqual(self.dropping.deliveries(), [])
        self.assertEqual(self.dropping.leftovers(), [])
        self.assertActivity("dropping", subject, "sign-encrypt", "Encrypt everything",
                            result="deferred")

    def test_wrong_password_is_the_real_servers_535(self):
        # Postern passes the login on; the real server's refusal reaches the client at once,
        # as a permanent failure the client shows, not a timeout or a 4xx it retries.
        started = time.monotonic()
        with smtplib.SMTP("127.0.0.1", self.ports["everything"], timeout=60) as client:
            client.ehlo("client.example.org")
            with self.assertRaises(smtplib.SMTPAuthenticationError) as caught:
                client.login(account_address("everything"), PASSWORD + " but wrong")
            self.assertEqual(caught.exception.smtp_code, 535, caught.exception)
        self.assertLess(time.monotonic() - started, 30)
        self.delivered(0)

    def test_login_as_another_address_is_refused(self):
        with smtplib.SMTP("127.0.0.1", self.ports["everything"], timeout=60) as client:
            with self.assertRaises(smtplib.SMTPAuthenticationError) as caught:
                client.login("mallory@example.org", PASSWORD)
            self.assertEqual(caught.exception.smtp_code, 535)
            # Nor may the session then send as Alice without a login of its own.
            with self.assertRaises(smtplib.SMTPException) as unauthenticated:
                client.sendmail(account_address("everything"), [BOB],
                                plain_message("not sent", self.marker()))
            self.assertEqual(unauthenticated.exception.smtp_code, 530)
        self.delivered(0)

    def test_auth_with_broken_base64_is_refused(self):
        with smtplib.SMTP("127.0.0.1", self.ports["everything"], timeout=60) as client:
            client.ehlo("client.example.org")
            code, _ = client.docmd("AUTH", "LOGIN")
            self.assertEqual(code, 334)
            code, reply = client.docmd("###")
            self.assertEqual(code, 501, reply)
            code, reply = client.docmd("AUTH", "PLAIN ###")
            self.assertEqual(code, 501, reply)
            code, reply = client.docmd("MAIL", f"FROM:<{account_address('everything')}>")
            self.assertEqual(code, 530, reply)
        self.delivered(0)

    def test_refusal_naming_many_recipients_fits_one_reply_line(self):
        recipients = [f"nobody{number}@elsewhere.example" for number in range(400)]
        subject = "To very many"
        message = plain_message(subject, self.marker(), to=recipients[:3])
        code, text = self.refused_data("everything", message, recipients)
        self.assertEqual(code, 550)
        self.assertIn("nobody0@elsewhere.example", text)
        self.assertIn("more", text)
        self.assertLess(len(text), 512)
        self.delivered(0)

    def test_untrusted_upstream_certificate_is_refused(self):
        with self.assertRaises(smtplib.SMTPConnectError) as caught:
            smtplib.SMTP("127.0.0.1", self.ports["untrusted"], timeout=60)
        self.assertTrue(400 <= caught.exception.smtp_code < 500, caught.exception)
        self.assertIn(b"not trusted", caught.exception.smtp_error)
        self.delivered(0)
        self.assertEqual([event for event in self.postern.activity()
                          if event["account"] == "untrusted"], [])

    # --- TLS towards the mail client ------------------------------------------------------------

    def loopback_context(self):
        """Trusts exactly the profile's loopback certificate, as a client that pinned it."""
        pinned = os.path.join(self.postern.profile, "tls", "loopback-cert.pem")
        context = ssl.create_default_context(cafile=pinned)
        return context, pinned

    def test_loopback_certificate_is_a_leaf_for_loopback_names(self):
        _, pinned = self.loopback_context()
        text = harness.openssl("x509", "-in", pinned, "-noout", "-text").decode()
        self.assertIn("CA:FALSE", text)
        self.assertIn("TLS Web Server Authentication", text)
        self.assertIn("DNS:localhost", text)
        self.assertIn("IP Address:127.0.0.1", text)
        key = os.path.join(self.postern.profile, "tls", "loopback-key.pem")
        self.assertEqual(os.stat(key).st_mode & 0o077, 0, "the loopback key is readable by others")

    def test_starttls_from_the_client(self):
        context, _ = self.loopback_context()
        subject = "Through STARTTLS"
        message = plain_message(subject, self.marker())
        address = account_address("tls")
        with smtplib.SMTP("127.0.0.1", self.ports["tls"], timeout=120) as client:
            client.ehlo("client.example.org")
            self.assertTrue(client.has_extn("starttls"))
            client.starttls(context=context)
            client.ehlo("client.example.org")
            self.assertFalse(client.has_extn("starttls"), "STARTTLS offered inside TLS")
            client.login(address, PASSWORD)
            self.assertEqual(client.sendmail(address, [BOB], message), {})
        (data, _), = self.delivered(1, "tls")
        self.assertEncryptedFor(data, message, [BOB, ALICE], signed_by=ALICE)

    def test_implicit_tls_from_the_client(self):
        context, _ = self.loopback_context()
        subject = "Through implicit TLS"
        message = plain_message(subject, self.marker())
        address = account_address("tls")
        with smtplib.SMTP_SSL("localhost", self.ports["tls-implicit"], context=context,
                              timeout=120) as client:
            client.login(address, PASSWORD)
            self.assertEqual(client.sendmail(address, [BOB], message), {})
        (data, _), = self.delivered(1, "tls")
        self.assertEncryptedFor(data, message, [BOB, ALICE], signed_by=ALICE)

    def test_commands_sent_before_the_tls_handshake_are_dropped(self):
        # RFC 3207 6: a command injected in clear after STARTTLS must not run inside TLS.
        context, _ = self.loopback_context()
        raw = socket.create_connection(("127.0.0.1", self.ports["tls"]), timeout=60)
        reader = raw.makefile("rb")
        self.assertTrue(reader.readline().startswith(b"220"))
        raw.sendall(b"EHLO client.example.org\r\n")
        while not reader.readline().startswith(b"250 "):
            pass
        raw.sendall(b"STARTTLS\r\nRSET\r\n")
        self.assertTrue(reader.readline().startswith(b"220"))
        wrapped = context.wrap_socket(raw, server_hostname="localhost")
        wrapped.sendall(b"NOOP\r\n")
        secure = wrapped.makefile("rb")
        self.assertTrue(secure.readline().startswith(b"250 2.0.0 OK"),
                        "the injected RSET was answered inside TLS")
        wrapped.sendall(b"QUIT\r\n")
        self.assertTrue(secure.readline().startswith(b"221"))
        wrapped.close()

    # --- load and other clients ------------------------------------------------------------------

    def test_concurrent_clients(self):
        threads, per_thread = 20, 10
        sent = {}
        lock = threading.Lock()
        failures = []
        marker = self.marker()
        address = account_address("domains")

        def client(number):
            try:
                with smtplib.SMTP("127.0.0.1", self.ports["domains"], timeout=120) as session:
                    session.login(address, PASSWORD)
                    for index in range(per_thread):
                        message_id = new_message_id()
                        message = plain_message(f"Load {number}/{index}", marker, to=(ERIN,),
                                                message_id=message_id)
                        session.sendmail(address, [ERIN], message, ["BODY=8BITMIME"])
                        with lock:
                            sent[message_id] = message
            except Exception as error:  # reported below, with the thread's number
                failures.append(f"client {number}: {error!r}")

        workers = [threading.Thread(target=client, args=(number,)) for number in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(300)
        self.assertEqual(failures, [])
        self.assertEqual(len(sent), threads * per_thread)
        deliveries = self.delivered(threads * per_thread, "domains")
        received = {}
        for data, _ in deliveries:
            message_id = header(data, "Message-ID")
            self.assertNotIn(message_id, received, "delivered twice")
            received[message_id] = data
        self.assertEqual(set(received), set(sent))
        for message_id, message in sent.items():
            self.assertEqual(received[message_id], harness.wire_bytes(message))
        events = [event for event in self.postern.activity()
                  if event["account"] == "domains" and event["subject"].startswith("Load ")]
        self.assertEqual(len(events), threads * per_thread)
        self.assertTrue(all(event["result"] == "delivered" and event["action"] == "clear"
                            for event in events))

    def test_swaks_as_client(self):
        subject = "Sent with swaks"
        message = plain_message(subject, self.marker(), to=(ERIN,))
        # swaks takes the DATA text without its last line end: it dot-stuffs, then adds
        # CRLF.CRLF itself, so what the server stores is the message as written here.
        path = self.scratch_file(message[:-len(CRLF)])
        result = subprocess.run(
            ["swaks", "--server", f"127.0.0.1:{self.ports['domains']}", "--ehlo",
             "client.example.org", "--auth", "LOGIN", "--auth-user", account_address("domains"),
             "--auth-password", PASSWORD, "--from", account_address("domains"), "--to", ERIN,
             "--data", "@" + path, "--suppress-data"], capture_output=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stdout.decode() + result.stderr.decode())
        (data, envelope), = self.delivered(1, "domains")
        self.assertEqual(envelope["rcpt_tos"], [ERIN])
        self.assertEqual(data, message)
        self.assertActivity("domains", subject, "clear", "default")

    def test_curl_as_client(self):
        subject = "Sent with curl"
        message = plain_message(subject, self.marker(), to=(BOB,))
        result = subprocess.run(
            ["curl", "--silent", "--show-error", f"smtp://127.0.0.1:{self.ports['everything']}",
             "--mail-from", account_address("everything"), "--mail-rcpt", BOB,
             "--upload-file", self.scratch_file(message),
             "--user", f"{account_address('everything')}:{PASSWORD}"], capture_output=True,
            timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        (data, envelope), = self.delivered(1, "everything")
        self.assertEqual(envelope["rcpt_tos"], [BOB])
        self.assertEncryptedFor(data, message, [BOB, ALICE], others=[CAROL], signed_by=ALICE)
        self.assertActivity("everything", subject, "sign-encrypt", "Encrypt everything")


def main():
    global POSTERN
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--postern", required=True)
    known, rest = parser.parse_known_args()
    POSTERN = os.path.abspath(known.postern)
    missing = harness.require_tools()
    if missing:
        sys.exit(f"missing test peers: {', '.join(missing)}")
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
