#!/usr/bin/python3
"""Postern's IMAP proxy between real peers.

The suite makes its own TLS CA and S/MIME certificates with the openssl command-line tool,
starts Debian's Dovecot (dovecot.py) with Alice's INBOX full of test messages (clear, signed,
encrypted by openssl and by Postern, encrypted invitations and corpus samples, one encrypted to
someone else, a corrupt one), a misbehaving upstream (hostile_server.py) and `postern
--headless` on a fresh profile. The right answers come from outside Postern: the bytes stored
on Dovecot, Dovecot's own FETCH answers for the decrypted message APPENDed to a scratch mailbox,
openssl cms, the original invitation's calendar part. curl, Python's imaplib and mbsync act as
mail clients. Run it as

    python3 test_imap_proxy.py --postern path/to/postern [--corpus DIR] [unittest options]

A missing peer (dovecot, curl, mbsync) skips what needs it, with the reason; the corpus-based
cases skip without the corpus, and fail without it when the CI environment variable is set.
"""
import argparse
import imaplib
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile_server  # noqa: E402
import proxy_harness as h  # noqa: E402

POSTERN = None  # set from --postern
CORPUS = None  # set from --corpus or POSTERN_CORPUS_DIR
DOVECOT = "/usr/sbin/dovecot"
FORBIDDEN_CAPABILITIES = (b"COMPRESS=", b"BINARY", b"CATENATE", b"MULTIAPPEND")

OUTLOOK_PATTERN = ("UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE "
                   "BODY.PEEK[HEADER.FIELDS (REFERENCES THREAD-TOPIC)]")
THUNDERBIRD_HEADERS = ("UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (From To Cc Bcc Subject "
                       "Date Message-ID Priority X-Priority References Newsgroups In-Reply-To "
                       "Content-Type Reply-To)]")


def require_corpus(test):
    if CORPUS is None:
        if os.environ.get("CI"):
            test.fail("the sample corpus is required in CI (--corpus or POSTERN_CORPUS_DIR)")
        test.skipTest("the sample corpus is absent (--corpus or POSTERN_CORPUS_DIR)")


def without_recent(value):
    return re.sub(rb" ?\\Recent", b"", value).replace(b"( ", b"(")


def oracle_items(decrypted):
    """Every FETCH item a client may ask for, with parts and partial fetches for this
    message's MIME tree."""
    items = ["BODYSTRUCTURE", "BODY", "RFC822.SIZE", "ENVELOPE", "RFC822.HEADER",
             "BODY.PEEK[HEADER]", "BODY.PEEK[TEXT]",
             "BODY.PEEK[HEADER.FIELDS (From To Subject Date Message-ID Content-Type)]",
             "BODY.PEEK[HEADER.FIELDS.NOT (Received Subject)]",
             "BODY.PEEK[]<0.100>", "BODY.PEEK[]<10.50>", "BODY.PEEK[TEXT]<0.100>",
             "BODY.PEEK[1]<10.50>"]
    for number, _ in h.imap_parts(decrypted):
        items += [f"BODY.PEEK[{number}]", f"BODY.PEEK[{number}.MIME]",
                  f"BODY.PEEK[{number}]<0.100>"]
    return items


def item_map(responses):
    """{item name: value} of one message's FETCH response; UID left out (it differs by
    mailbox), FLAGS without \\Recent (which only the first session to look gets)."""
    (response,) = responses
    found = {}
    for name, value in h.fetch_items(response):
        if name.upper() == b"UID":
            continue
        found[name.upper()] = without_recent(value) if name.upper() == b"FLAGS" else value
    return found


class ImapProxyTest(unittest.TestCase):
    environment = None
    hostile = None

    @classmethod
    def setUpClass(cls):
        cls.hostile = hostile_server.HostileServer()
        try:
            cls.environment = h.Environment(POSTERN, corpus=CORPUS,
                                            hostile_port=cls.hostile.port)
        except BaseException:
            # unittest skips tearDownClass when setUpClass fails.
            cls.hostile.stop()
            raise
        cls.served_cache = {}
        cls.oracle_uids = {}

    @classmethod
    def tearDownClass(cls):
        if cls.environment is not None:
            cls.environment.stop()
        if cls.hostile is not None:
            cls.hostile.stop()

    def setUp(self):
        # A test that ends Postern would take every later one with it: say so at once.
        process = self.environment.postern.process
        self.assertIsNotNone(process)
        self.assertIsNone(process.poll(), "postern --headless is no longer running")

    # Helpers -----------------------------------------------------------------------------

    @property
    def env(self):
        return self.environment

    def messages(self, *kinds):
        return [m for m in self.env.messages if not kinds or m.kind in kinds]

    def served(self, message):
        """BODY.PEEK[] of @p message through Postern, as Alice (once per run)."""
        if message.name not in self.served_cache:
            with self.env.client() as client:
                client.select("INBOX")
                data = h.body_of(client.uid_fetch(message.uid, "BODY.PEEK[]")[0])
            self.served_cache[message.name] = data
        return self.served_cache[message.name]

    def decrypted(self, message):
        """The decrypted message Postern serves, checked to be no longer encrypted."""
        data = self.served(message)
        content_type = (h.header_value(data, "Content-Type") or "").lower()
        self.assertNotIn("pkcs7-mime", content_type,
                         f"{message.name} is still encrypted through Postern")
        self.assertNotEqual(data, message.data)
        return data

    def oracle_uid(self, message):
        """The UID in the scratch mailbox of Dovecot's own copy of the decrypted message."""
        if message.name not in self.oracle_uids:
            self.oracle_uids[message.name] = self.env.dovecot.append("Oracle",
                                                                     self.decrypted(message))
        return self.oracle_uids[message.name]

    def read_until_closed(self, client, timeout=15):
        """Everything the peer sends until it closes; fails when it does not close."""
        client.socket.settimeout(timeout)
        received = bytes(client.buffer[client.position:])
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = client.socket.recv(65536)
            except socket.timeout:
                break
            except OSError:
                return received
            if not chunk:
                return received
            received += chunk
        self.fail(f"the session was not closed within {timeout} s; got {received[:300]!r}")

    def assert_main_account_works(self):
        message = self.messages("clear")[0]
        with self.env.client() as client:
            client.select("INBOX")
            self.assertEqual(h.body_of(client.uid_fetch(message.uid, "BODY.PEEK[]")[0]),
                             message.data)

    # Dovecot as the oracle ---------------------------------------------------------------

    def test_decrypted_content_is_the_encrypted_content(self):
        for message in self.messages("encrypted"):
            with self.subTest(message=message.name):
                data = self.decrypted(message)
                if message.inner is not None and message.invitation is None:
                    self.assertEqual(h.split_message(data)[1], h.split_message(message.inner)[1])
                    self.assertEqual(h.header_value(data, "Content-Type"),
                                     h.header_value(message.inner, "Content-Type"))
                self.assertEqual(h.header_value(data, "Subject"), message.subject)
                if message.text is not None:
                    self.assertIn(message.text, h.split_message(data)[1])

    def test_fetch_items_agree_with_dovecot_oracle(self):
        for message in self.messages("encrypted"):
            self.oracle_uid(message)
        with self.env.client() as proxied, self.env.direct() as direct:
            proxied.select("INBOX")
            direct.select("Oracle")
            for message in self.messages("encrypted"):
                decrypted = self.decrypted(message)
                scratch = self.oracle_uid(message)
                for item in oracle_items(decrypted):
                    with self.subTest(message=message.name, item=item):
                        expected = item_map(direct.uid_fetch(scratch, item))
                        got = item_map(proxied.uid_fetch(message.uid, item))
                        self.assertEqual(got, expected)
                # All at once: the items of one response must agree with each other too. Their
                # order is the server's choice (RFC 3501 7.4.2), so it is not compared.
                everything = " ".join(oracle_items(decrypted))
                with self.subTest(message=message.name, item="all in one FETCH"):
                    expected = direct.uid_fetch(scratch, everything)
                    got = proxied.uid_fetch(message.uid, everything)
                    self.assertEqual(item_map(got), item_map(expected))

    def test_items_that_set_seen_and_sequence_numbers_agree_with_dovecot_oracle(self):
        """RFC822, RFC822.TEXT and BODY[] set \\Seen, and FETCH by sequence number (not UID)
        names no UID: the answers are still the decrypted message's."""
        items = "RFC822.SIZE RFC822.HEADER RFC822.TEXT RFC822 BODY[] BODY[TEXT]<5.40>"
        for message in self.messages("encrypted"):
            self.oracle_uid(message)
        with self.env.client() as proxied, self.env.direct() as direct:
            proxied.select("INBOX")
            direct.select("Oracle")
            for message in self.messages("encrypted"):
                scratch = self.oracle_uid(message)
                with self.subTest(message=message.name):
                    expected = item_map(direct.uid_fetch(scratch, items))
                    got = item_map(proxied.uid_fetch(message.uid, items))
                    expected.pop(b"FLAGS", None)
                    got.pop(b"FLAGS", None)
                    self.assertEqual(got, expected)
                with self.subTest(message=message.name, form="FETCH by sequence number"):
                    # Nothing is expunged from INBOX, so a message's sequence number is its UID.
                    command = b"FETCH %d (BODYSTRUCTURE RFC822.SIZE BODY.PEEK[1])"
                    expected = [r for r in direct.check(direct.command(
                        b"UID " + command % scratch)) if b" FETCH " in r[:20]]
                    got = [r for r in proxied.check(proxied.command(command % message.uid))
                           if b" FETCH " in r[:20]]
                    self.assertEqual(item_map(got), item_map(expected))

    def test_outlook_fetch_pattern(self):
        with self.env.client() as proxied, self.env.direct() as direct, \
                self.env.direct() as oracle:
            proxied.select("INBOX")
            direct.select("INBOX")
            for message in self.messages("encrypted"):
                self.oracle_uid(message)
            oracle.select("Oracle")
            # A range, as Outlook asks: every message's answer must be its own.
            got = {}
            for response in proxied.uid_fetch_range("1:*", OUTLOOK_PATTERN):
                uid = int(re.search(rb"UID (\d+)", response).group(1))
                got[uid] = response
            for message in self.env.messages:
                with self.subTest(message=message.name):
                    original = item_map(direct.uid_fetch(message.uid, OUTLOOK_PATTERN))
                    answer = item_map([got[message.uid]])
                    if message.decryptable:
                        expected = item_map(oracle.uid_fetch(self.oracle_uid(message),
                                                             OUTLOOK_PATTERN))
                        for name in (b"FLAGS", b"INTERNALDATE"):
                            expected[name] = original[name]
                    else:
                        expected = original
                    self.assertEqual(answer, expected)

    def test_thunderbird_fetch_pattern(self):
        with self.env.client() as proxied, self.env.direct() as oracle:
            proxied.select("INBOX")
            for message in self.messages("encrypted"):
                self.oracle_uid(message)
            oracle.select("Oracle")
            for message in self.messages("encrypted"):
                scratch = self.oracle_uid(message)
                for items in (THUNDERBIRD_HEADERS, "UID BODYSTRUCTURE", "UID BODY.PEEK[1]",
                              "UID BODY.PEEK[2]"):
                    with self.subTest(message=message.name, items=items):
                        expected = item_map(oracle.uid_fetch(scratch, items))
                        got = item_map(proxied.uid_fetch(message.uid, items))
                        expected.pop(b"FLAGS", None)
                        got.pop(b"FLAGS", None)
                        self.assertEqual(got, expected)

    # Clear, signed, undecryptable, other users --------------------------------------------

    def test_clear_and_signed_messages_are_byte_identical(self):
        items = ("BODY.PEEK[] BODYSTRUCTURE BODY RFC822.SIZE ENVELOPE BODY.PEEK[1] "
                 "BODY.PEEK[1.MIME] BODY.PEEK[HEADER]")
        with self.env.client() as proxied, self.env.direct() as direct:
            proxied.select("INBOX")
            direct.select("INBOX")
            for message in self.messages("clear", "signed"):
                with self.subTest(message=message.name):
                    self.assertEqual(self.served(message), message.data)
                    self.assertEqual(proxied.uid_fetch(message.uid, items),
                                     direct.uid_fetch(message.uid, items))

    def test_undecryptable_messages_are_served_unchanged(self):
        with self.env.client() as proxied, self.env.direct() as direct:
            proxied.select("INBOX")
            direct.select("INBOX")
            for message in self.messages("undecryptable"):
                with self.subTest(message=message.name):
                    self.assertEqual(self.served(message), message.data)
                    items = "BODYSTRUCTURE RFC822.SIZE BODY.PEEK[TEXT]"
                    self.assertEqual(proxied.uid_fetch(message.uid, items),
                                     direct.uid_fetch(message.uid, items))

    def test_server_copies_are_never_changed(self):
        for message in self.env.messages:
            self.served(message)
        with self.env.direct() as direct:
            direct.select("INBOX")
            for message in self.env.messages:
                with self.subTest(message=message.name):
                    stored = h.body_of(direct.uid_fetch(message.uid, "BODY.PEEK[]")[0])
                    self.assertTrue(stored == message.data, "the stored message changed")

    def test_other_users_session_is_relayed_untouched(self):
        message = self.env.message("openssl-encrypted")
        with self.env.direct(h.OTHER_USER) as direct:
            uid = direct.append("INBOX", message.data)
            direct.select("INBOX")
            items = "BODY.PEEK[] BODYSTRUCTURE RFC822.SIZE ENVELOPE BODY.PEEK[1]"
            expected = direct.uid_fetch(uid, items)
        with self.env.client(user=h.OTHER_USER) as proxied:
            proxied.select("INBOX")
            got = proxied.uid_fetch(uid, items)
        self.assertEqual(got, expected)
        self.assertEqual(h.body_of(got[0]), message.data)

    # Invitations and real clients ---------------------------------------------------------

    def invitations(self):
        require_corpus(self)
        found = [m for m in self.env.messages if m.invitation is not None]
        self.assertTrue(found)
        return found

    def assert_calendar_parts(self, data, message):
        """The calendar parts are the original's, decoded and as transferred, and each says
        the calendar's METHOD in its method= parameter, as clients need it."""
        original = h.calendar_parts(message.invitation)
        self.assertTrue(original, f"{message.name}: the original has no calendar part")
        self.assertEqual(h.calendar_parts(data), original, message.name)
        served = h.calendar_entities(data)
        self.assertEqual([body for _, body in served],
                         [body for _, body in h.calendar_entities(message.invitation)])
        for (parameters, _), calendar in zip(served, original):
            self.assertEqual(parameters.get("method"), h.calendar_method(calendar))

    def test_invitation_calendar_part_via_curl(self):
        if h.missing_peers("curl"):
            self.skipTest("curl is not installed")
        for message in self.invitations():
            with self.subTest(message=message.name):
                result = subprocess.run(
                    ["curl", "-s", "--show-error",
                     f"imap://127.0.0.1:{self.env.ports['main']}/INBOX;UID={message.uid}",
                     "--user", f"{h.ALICE}:{h.PASSWORD}"], capture_output=True, timeout=60)
                self.assertEqual(result.returncode, 0, result.stderr.decode(errors="replace"))
                self.assertNotIn(b"pkcs7-mime", h.split_message(result.stdout)[0].lower(),
                                 "curl received the encrypted message")
                self.assertEqual(result.stdout, self.decrypted(message))
                self.assert_calendar_parts(result.stdout, message)

    def test_invitation_calendar_part_via_imaplib(self):
        invitations = self.invitations()
        client = imaplib.IMAP4("127.0.0.1", self.env.ports["main"])
        try:
            client.login(h.ALICE, h.PASSWORD)
            client.select("INBOX", readonly=True)
            for message in invitations:
                with self.subTest(message=message.name):
                    status, data = client.uid("FETCH", str(message.uid), "(BODY.PEEK[])")
                    self.assertEqual(status, "OK")
                    self.assert_calendar_parts(data[0][1], message)
        finally:
            client.logout()

    def test_mbsync_synchronises_the_decrypted_mailbox(self):
        if h.missing_peers("mbsync"):
            self.skipTest("mbsync (Debian isync) is not installed")
        folder = tempfile.mkdtemp(dir=self.env.directory, prefix="mbsync-")
        maildir = os.path.join(folder, "mail")
        os.makedirs(maildir)
        config = os.path.join(folder, "mbsyncrc")
        with open(config, "w") as out:
            out.write(f"IMAPAccount postern\nHost 127.0.0.1\nPort {self.env.ports['main']}\n"
                      f"User {h.ALICE}\nPass {h.PASSWORD}\nSSLType None\nAuthMechs LOGIN\n\n"
                      "IMAPStore remote\nAccount postern\n\n"
                      f"MaildirStore local\nPath {maildir}/\nInbox {maildir}/INBOX\n\n"
                      "Channel inbox\nFar :remote:INBOX\nNear :local:INBOX\nCreate Near\n"
                      f"Sync Pull\nSyncState {folder}/state/\n")
        os.makedirs(os.path.join(folder, "state"))
        result = subprocess.run(["mbsync", "-c", config, "inbox"], capture_output=True,
                                timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr.decode(errors="replace"))
        # mbsync writes Maildir files with the local line ends (LF), as Maildir wants them,
        # and adds its own X-TUID field at the end of the header, which is taken out here.
        synced = []
        for sub in ("cur", "new"):
            path = os.path.join(maildir, "INBOX", sub)
            for name in os.listdir(path):
                data = h.read(os.path.join(path, name))
                synced.append(re.sub(rb"\nX-TUID: [^\n]*\n(?=\n)", b"\n", data, count=1))
        self.assertEqual(len(synced), len(self.env.messages))
        for message in self.env.messages:
            data = self.decrypted(message) if message.decryptable else message.data
            with self.subTest(message=message.name):
                self.assertTrue(data.replace(b"\r\n", b"\n") in synced,
                                f"{message.name} is not in the Maildir as Postern serves it")

    # Storing copies ----------------------------------------------------------------------

    def test_append_to_sent_is_stored_encrypted(self):
        subject = "Sent copy under encrypt-everything"
        original = h.clear_message(subject, sender=h.ALICE, to=h.BOB)
        with self.env.client() as proxied:
            uid = proxied.append("Sent", original)
        self.assertIsNotNone(uid, "no APPENDUID from the upstream through Postern")
        with self.env.direct() as direct:
            direct.select("Sent")
            stored = h.body_of(direct.uid_fetch(uid, "BODY.PEEK[]")[0])
        self.assertIn("pkcs7-mime", (h.header_value(stored, "Content-Type") or "").lower())
        self.assertNotIn(b"the figures are attached", stored)
        inner = self.env.keys.openssl_decrypt(stored, self.env.keys.alice_cert,
                                              self.env.keys.alice_key)
        self.assertEqual(h.split_message(h.crlf(inner))[1], h.split_message(original)[1])
        self.assertEqual(h.header_value(h.crlf(inner), "Content-Type"),
                         h.header_value(original, "Content-Type"))
        self.assertEqual(h.header_value(stored, "Subject"), subject)
        stored_events = [e for e in self.env.postern.activity()
                         if e.get("subject") == subject and e.get("folder") == "Sent"]
        self.assertEqual([e.get("result") for e in stored_events], ["stored encrypted"])

        with self.env.client() as proxied:
            proxied.select("Sent")
            read_back = h.body_of(proxied.uid_fetch(uid, "BODY.PEEK[]")[0])
        self.assertEqual(h.split_message(read_back)[1], h.split_message(original)[1])
        for name in ("From", "To", "Subject", "Message-ID"):
            self.assertEqual(h.header_value(read_back, name), h.header_value(original, name))

    def test_append_with_the_switch_off_is_stored_as_is(self):
        if not self.env.has_copies_switch:
            self.skipTest("the account commands have no --clear-stored-copies switch yet")
        original = h.clear_message("Sent copy kept as written", sender=h.OTHER_USER, to=h.BOB)
        with self.env.client("copiesclear", user=h.OTHER_USER) as proxied:
            uid = proxied.append("Sent", original)
        with self.env.direct(h.OTHER_USER) as direct:
            direct.select("Sent")
            stored = h.body_of(direct.uid_fetch(uid, "BODY.PEEK[]")[0])
        self.assertEqual(stored, original)

    def test_several_messages_in_one_append_are_refused_not_stored_in_clear(self):
        first = h.clear_message("MULTIAPPEND one", sender=h.ALICE, to=h.BOB)
        second = h.clear_message("MULTIAPPEND two", sender=h.ALICE, to=h.BOB)
        with self.env.direct() as direct:
            direct.select("Sent")
            before = direct.command(b"UID SEARCH ALL")[0]
        with self.env.client() as client:
            client.socket.sendall(b"m1 APPEND Sent {%d+}\r\n%s {%d+}\r\n%s\r\n"
                                  % (len(first), first, len(second), second))
            refused = client.read_response()
            while refused.startswith(b"*"):
                refused = client.read_response()
            self.assertTrue(refused.startswith(b"m1 NO "), refused)
            self.assertIn(b"MULTIAPPEND", refused)
            catenate = client.command(b"APPEND Sent CATENATE (TEXT {%d+}\r\n%s)"
                                      % (len(first), first))
            self.assertIn(b" NO ", catenate[1])
            # The session goes on.
            self.assertIn(b" OK ", client.command(b"NOOP")[1])
        with self.env.direct() as direct:
            direct.select("Sent")
            self.assertEqual(direct.command(b"UID SEARCH ALL")[0], before)

    def test_binary_fetches_are_refused_for_the_account(self):
        message = self.env.message("openssl-encrypted")
        with self.env.client() as client:
            client.select("INBOX")
            untagged, tagged = client.command(b"UID FETCH %d (BINARY.PEEK[1])" % message.uid)
            self.assertIn(b" NO ", tagged)
            self.assertFalse([r for r in untagged if b"BINARY" in r])
            self.assertIn(b" OK ", client.command(b"NOOP")[1])

    def test_tags_a_server_cannot_answer_are_refused_and_the_session_goes_on(self):
        with self.env.client() as client:
            client.socket.sendall(b"A% NOOP\r\n+ NOOP\r\nok2 NOOP\r\n")
            answers = [client.read_response() for _ in range(3)]
            self.assertTrue(answers[0].startswith(b"* BAD "), answers)
            self.assertTrue(answers[1].startswith(b"* BAD "), answers)
            self.assertTrue(answers[2].startswith(b"ok2 OK"), answers)

    def test_a_forged_verdict_in_clear_mail_is_removed_consistently(self):
        forged = h.crlf("From: Mallory <mallory@example.net>\nTo: alice@example.org\n"
                        "Subject: Forged verdict\n"
                        "X-Postern-Security: decrypted; signature=valid (ceo@example.org); "
                        "integrity=intact (by Postern)\n"
                        "Content-Type: text/plain\n\nPlease wire the money.\n")
        # A folder of its own: the other tests count what INBOX holds.
        self.env.dovecot.create_mailbox("Forged")
        uid = self.env.dovecot.append("Forged", forged)
        with self.env.client() as client:
            client.select("Forged")
            served = h.body_of(client.uid_fetch(uid, "BODY.PEEK[]")[0])
            size = client.uid_fetch(uid, "RFC822.SIZE")[0]
        self.assertNotIn(b"X-Postern-Security", served)
        self.assertIn(b"Please wire the money.", served)
        self.assertIn(b"RFC822.SIZE %d" % len(served), size)
        with self.env.direct() as direct:
            direct.select("Forged")
            stored = h.body_of(direct.uid_fetch(uid, "BODY.PEEK[]")[0])
        self.assertEqual(stored, forged, "the server's copy must not change")
        events = [e for e in self.env.postern.activity()
                  if e.get("subject") == "Forged verdict"]
        self.assertEqual([e.get("result") for e in events], ["forged verdict removed"])

    def test_an_append_the_server_refuses_is_not_reported_stored(self):
        subject = "Copy to a folder that does not exist"
        original = h.clear_message(subject, sender=h.ALICE, to=h.BOB)
        with self.env.client() as client:
            untagged, tagged = client.command(b"APPEND NoSuchFolder {%d+}\r\n%s"
                                              % (len(original), original))
        self.assertIn(b" NO ", tagged)
        events = [e for e in self.env.postern.activity() if e.get("subject") == subject]
        self.assertEqual([e.get("result") for e in events], ["not stored"])

    # Sessions ----------------------------------------------------------------------------

    def test_pipelined_commands_are_answered_in_order(self):
        message = self.env.message("openssl-encrypted")
        clear = self.messages("clear")[0]
        with self.env.client() as client:
            commands = [b"p1 NOOP", b"p2 SELECT INBOX", b"p3 UID FETCH %d (BODY.PEEK[])"
                        % message.uid, b"p4 CAPABILITY", b"p5 UID FETCH %d (BODY.PEEK[])"
                        % clear.uid, b"p6 UID FETCH %d (RFC822.SIZE)" % message.uid]
            client.socket.sendall(b"\r\n".join(commands) + b"\r\n")
            tagged, untagged = [], {}
            current = []
            while len(tagged) < len(commands):
                response = client.read_response()
                if response.startswith(b"*"):
                    current.append(response)
                    continue
                tag = response.split(b" ", 1)[0]
                tagged.append(response)
                untagged[tag] = current
                current = []
        self.assertEqual([t.split(b" ", 1)[0] for t in tagged],
                         [c.split(b" ", 1)[0] for c in commands])
        for response in tagged:
            self.assertRegex(response, rb"^p\d OK")
        fetched = [r for r in untagged[b"p3"] if b" FETCH " in r]
        self.assertEqual(h.body_of(fetched[0]), self.decrypted(message))
        fetched = [r for r in untagged[b"p5"] if b" FETCH " in r]
        self.assertEqual(h.body_of(fetched[0]), clear.data)
        size = [r for r in untagged[b"p6"] if b" FETCH " in r]
        self.assertEqual(int(h.fetch_item(size[0], b"RFC822.SIZE")),
                         len(self.decrypted(message)))

    def test_reload_keeps_the_sessions_of_unchanged_accounts(self):
        message = self.env.message("openssl-encrypted")
        with self.env.client() as client:
            client.select("INBOX")
            self.env.postern.process.send_signal(signal.SIGHUP)
            time.sleep(1.5)
            untagged, tagged = client.command(b"UID FETCH %d (RFC822.SIZE)" % message.uid)
            self.assertIn(b" OK ", tagged)
            self.assertIn(b"RFC822.SIZE %d" % len(self.decrypted(message)), b"".join(untagged))

    def test_twenty_concurrent_sessions(self):
        expected = {m.uid: (self.decrypted(m) if m.decryptable else m.data)
                    for m in self.env.messages}
        failures = []

        def session(number):
            try:
                with self.env.client() as client:
                    client.select("INBOX")
                    for uid, data in sorted(expected.items(), key=lambda e: (e[0] * 7 + number)
                                            % 97):
                        got = h.body_of(client.uid_fetch(uid, "BODY.PEEK[]")[0])
                        if got != data:
                            failures.append(f"session {number}, UID {uid}: other bytes")
            except Exception as error:  # reported below with the session it happened in
                failures.append(f"session {number}: {error!r}")

        threads = [threading.Thread(target=session, args=(n,)) for n in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        self.assertFalse(any(t.is_alive() for t in threads), "a session hung")
        self.assertEqual(failures, [])

    def test_idle_reports_new_mail(self):
        message = self.env.message("openssl-encrypted")
        with self.env.client() as client:
            client.select("Idle")
            client.socket.sendall(b"i1 IDLE\r\n")
            self.assertTrue(client.read_response().startswith(b"+"))
            uid = self.env.dovecot.append("Idle", message.data)
            client.socket.settimeout(15)
            response = client.read_response()
            while not re.match(rb"^\* \d+ EXISTS", response):
                response = client.read_response()
            client.socket.sendall(b"DONE\r\n")
            response = client.read_response()
            while not response.startswith(b"i1 "):
                response = client.read_response()
            self.assertRegex(response, rb"^i1 OK")
            data = h.body_of(client.uid_fetch(uid, "BODY.PEEK[]")[0])
        self.assertEqual(data, self.decrypted(message))

    # A hostile upstream ------------------------------------------------------------------

    def hostile_session(self, mailbox, user="hostile@example.org"):
        """A session that meets the fake server's bad @p mailbox: logged in as the account (the
        decrypting path) unless @p user says otherwise (the relayed path)."""
        before = len(self.env.postern.log_text())
        client = self.env.client("hostile", user=user)
        try:
            client.select(mailbox)
            client.socket.sendall(b"h1 UID FETCH 1 (BODY.PEEK[])\r\n")
            received = self.read_until_closed(client)
        finally:
            client.socket.close()
        self.assert_main_account_works()
        # The fake server's one good message, relayed for a user that is not the account's.
        with self.env.client("hostile", user="relayed@example.org") as other:
            other.select("INBOX")
            self.assertEqual(h.body_of(other.uid_fetch(1, "BODY.PEEK[]")[0]),
                             hostile_server.MESSAGE)
        # A warning in the IMAP category naming the hostile account's session says why.
        h.wait_until(lambda: re.search(rb"warning postern\.imap: hostile#\d+: ",
                                       self.env.postern.log_text()[before:]), 10,
                     "a warning in the log about the closed session")
        self.assertRegex(received, rb"(^|\r\n)\* BYE [^\r\n]*\r\n$")
        return received

    def test_upstream_disconnecting_mid_literal(self):
        received = self.hostile_session("midliteral")
        self.assertNotIn(b"h1 OK", received)
        self.assertNotIn(b"xxxx", received)

    def test_upstream_disconnecting_mid_literal_in_a_relayed_session(self):
        received = self.hostile_session("midliteral", user="relayed@example.org")
        self.assertNotIn(b"h1 OK", received)

    def test_upstream_sending_garbage_in_a_relayed_session(self):
        received = self.hostile_session("garbage", user="relayed@example.org")
        self.assertNotIn(b"h1 OK", received)

    def test_upstream_announcing_an_absurd_literal_in_a_relayed_session(self):
        received = self.hostile_session("hugeliteral", user="relayed@example.org")
        self.assertNotIn(b"h1 OK", received)

    def test_upstream_sending_garbage(self):
        received = self.hostile_session("garbage")
        self.assertNotIn(b"h1 OK", received)
        self.assertNotIn(b"\x89PNG", received)

    def test_upstream_announcing_an_absurd_literal(self):
        received = self.hostile_session("hugeliteral")
        self.assertNotIn(b"h1 OK", received)
        self.assertNotIn(b"yyyy", received)

    # Activity ----------------------------------------------------------------------------

    def test_activity_has_an_event_per_message(self):
        for message in self.messages("encrypted", "undecryptable"):
            self.served(message)
        with self.env.client() as client:
            client.select("INBOX")
            for message in self.messages("encrypted", "undecryptable"):
                client.uid_fetch(message.uid, "BODY.PEEK[]")

        def events(subject):
            return [e for e in self.env.postern.activity()
                    if (e.get("subject") or "").strip() == subject
                    and e.get("folder") == "INBOX"]

        for message in self.messages("encrypted", "undecryptable"):
            with self.subTest(message=message.name):
                h.wait_until(lambda: events(message.subject), 10,
                             f"an activity event for {message.name}")
                event = events(message.subject)[0]
                self.assertEqual(event.get("account"), "main")
                if message.kind == "undecryptable":
                    self.assertEqual(event.get("result"), "served unchanged")
                    self.assertTrue(event.get("detail"), f"no reason given: {event}")
                    self.assertNotIn("invitation", event)
                    continue
                self.assertEqual(event.get("result"), "decrypted")
                layers = event.get("layers", [])
                self.assertTrue(layers, f"no layers: {event}")
                if message.cipher:
                    self.assertIn(message.cipher, layers[0])
                if message.signed:
                    self.assertEqual(len(layers), 2, layers)
                    self.assertTrue(event.get("signature"), f"no signature verdict: {event}")
                else:
                    self.assertEqual(len(layers), 1, layers)
                    self.assertNotIn("signature", event)
                if message.name == "signed-encrypted":
                    # Bob's certificate is in the store and trusted; his signature is intact.
                    self.assertEqual(event.get("signature"), "valid")
                if message.signature is not None:
                    self.assertEqual(event.get("signature"), message.signature)
                if message.invitation is not None:
                    summary = h.calendar_summary(h.calendar_parts(message.invitation)[0])
                    self.assertIn(summary, event.get("invitation", ""))
                    self.assertIn("REQUEST", event.get("invitation", ""))
                else:
                    self.assertNotIn("invitation", event)

    # The message cache on disk -----------------------------------------------------------

    def restart_postern(self):
        self.env.postern.stop()
        self.env.postern.start(list(self.env.ports.values()) + [self.env.tls_port])

    def cache_files(self):
        root = os.path.join(self.env.postern.profile, "cache", "imap")
        found = []
        for folder, _, names in os.walk(root):
            found += [os.path.join(folder, name) for name in names]
        return found

    def test_disk_cache_serves_after_a_restart_without_decrypting_and_holds_nothing_in_clear(self):
        first, second = [m for m in self.messages("encrypted") if m.decryptable][:2]
        expected = self.decrypted(first)

        def decrypt_events(message):
            return [e for e in self.env.postern.activity()
                    if (e.get("subject") or "").strip() == message.subject
                    and e.get("result") == "decrypted"]

        def fetch(message):
            with self.env.client() as client:
                client.select("INBOX")
                return h.body_of(client.uid_fetch(message.uid, "BODY.PEEK[]")[0])

        self.env.postern.cli("cert", "settings", "--disk-cache", "on")
        try:
            self.restart_postern()
            before = len(decrypt_events(first))
            self.assertEqual(fetch(first), expected)
            h.wait_until(lambda: len(decrypt_events(first)) > before, 10,
                         "the decryption of the first message")
            entries = [f for f in self.cache_files() if f.endswith(".msg")]
            self.assertEqual(len(entries), 1, self.cache_files())
            for path in self.cache_files():
                name = os.path.basename(path)
                self.assertRegex(name, r"^([0-9a-f]{40}\.msg|key-check)$")
                self.assertEqual(os.stat(path).st_mode & 0o077, 0, path)
                with open(path, "rb") as stored:
                    data = stored.read()
                for clear in (first.subject.encode(), h.split_message(expected)[1][:40],
                              b"INBOX"):
                    self.assertNotIn(clear, data, f"{name} holds {clear!r} in clear")
            self.assertEqual(os.stat(os.path.dirname(entries[0])).st_mode & 0o077, 0)

            # After a restart the memory cache is empty: the first message comes from disk,
            # undecrypted; the second, never cached, is decrypted. Events are written in order,
            # so once the second's is there, one for the first would be too.
            self.restart_postern()
            decrypted_before = len(decrypt_events(first))
            second_before = len(decrypt_events(second))
            self.assertEqual(fetch(first), expected)
            self.assertEqual(fetch(second), self.decrypted(second))
            h.wait_until(lambda: len(decrypt_events(second)) > second_before, 10,
                         "the decryption of the second message")
            self.assertEqual(len(decrypt_events(first)), decrypted_before,
                             "the cached message was decrypted again")

            # An entry changed on disk is never served: it is dropped and decrypted again.
            with open(entries[0], "r+b") as stored:
                stored.seek(-20, os.SEEK_END)
                byte = stored.read(1)
                stored.seek(-20, os.SEEK_END)
                stored.write(bytes([byte[0] ^ 0x01]))
            self.restart_postern()
            self.assertEqual(fetch(first), expected)
            h.wait_until(lambda: len(decrypt_events(first)) > decrypted_before, 10,
                         "the decryption of the message whose cache entry was changed")

            # Trust changed while Postern was stopped: the verdict kept on disk is not served.
            signed = self.env.message("signed-encrypted")
            before = len(decrypt_events(signed))
            self.assertEqual(fetch(signed), self.decrypted(signed))
            h.wait_until(lambda: len(decrypt_events(signed)) > before, 10,
                         "the decryption of the signed message")
            self.assertEqual(decrypt_events(signed)[-1].get("signature"), "valid")
            bob = self.env.postern.certificate_id(self.env.keys.bob_cert)
            self.env.postern.stop()
            distrust = self.env.postern.cli("cert", "trust", bob, "--level", "untrusted",
                                            "--store-pass-file", self.env.postern.pass_file)
            try:
                self.assertEqual(distrust.returncode, 0, distrust.stderr)
                self.restart_postern()
                before = len(decrypt_events(signed))
                served = fetch(signed)
                h.wait_until(lambda: len(decrypt_events(signed)) > before, 10,
                             "the signed message judged again after its signer was distrusted")
                self.assertNotEqual(decrypt_events(signed)[-1].get("signature"), "valid")
                self.assertNotIn(b"signature=valid", h.split_message(served)[0])
            finally:
                trust = self.env.postern.cli("cert", "trust", bob, "--level", "trusted",
                                             "--store-pass-file", self.env.postern.pass_file)
                self.assertEqual(trust.returncode, 0, trust.stderr)
            # The running Postern hears of that (SIGHUP) and judges the message valid again.
            h.wait_until(lambda: fetch(signed) == self.decrypted(signed), 10,
                         "the signed message valid again once its signer is trusted")
        finally:
            result = self.env.postern.cli("cert", "settings", "--disk-cache", "off")
            self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.cache_files(), [], "turning the cache off left files")
        self.assertFalse(os.path.exists(os.path.join(self.env.postern.profile, "cache", "imap")))
        self.assert_main_account_works()

    # Capabilities and TLS ----------------------------------------------------------------

    def assert_no_forbidden_capability(self, text):
        for capability in FORBIDDEN_CAPABILITIES:
            self.assertNotIn(capability, text.upper(), text)

    def test_capabilities_are_filtered(self):
        with self.env.direct() as direct:
            offered = b"".join(direct.check(direct.command(b"CAPABILITY")))
        # Dovecot offers some of them, so the filter has something to do.
        self.assertTrue(any(c in offered for c in FORBIDDEN_CAPABILITIES), offered)
        with self.env.client(login=False) as client:
            self.assert_no_forbidden_capability(client.greeting)
            before = client.check(client.command(b"CAPABILITY"))
            self.assert_no_forbidden_capability(b"".join(before))
            untagged, tagged = client.command(b"LOGIN " + h.quote(h.ALICE) + b" "
                                              + h.quote(h.PASSWORD))
            self.assertRegex(tagged, rb"^\S+ OK")
            self.assert_no_forbidden_capability(b"".join(untagged) + tagged)
            after = client.check(client.command(b"CAPABILITY"))
            self.assert_no_forbidden_capability(b"".join(after))
            self.assertIn(b"IMAP4REV1", b"".join(after).upper())

    def test_starttls_towards_the_client(self):
        message = self.messages("clear")[0]
        with self.env.client(login=False) as client:
            capabilities = b"".join(client.check(client.command(b"CAPABILITY")))
            self.assertIn(b"STARTTLS", capabilities)
            client.starttls(ca_file=self.env.loopback_certificate)
            self.assertEqual(client.socket.version()[:3], "TLS")
            client.login(h.ALICE, h.PASSWORD)
            client.select("INBOX")
            self.assertEqual(h.body_of(client.uid_fetch(message.uid, "BODY.PEEK[]")[0]),
                             message.data)

    def test_implicit_tls_towards_the_client(self):
        message = self.env.message("openssl-encrypted")
        with self.env.client(tls=True) as client:
            client.select("INBOX")
            data = h.body_of(client.uid_fetch(message.uid, "BODY.PEEK[]")[0])
        self.assertEqual(data, self.decrypted(message))

    def test_implicit_tls_refuses_an_untrusted_client_anchor(self):
        # The loopback certificate is a leaf of its own; a client trusting only the test CA
        # must refuse it, which shows the trust check above is a real one.
        with self.assertRaises(ssl.SSLError):
            h.ImapClient("127.0.0.1", self.env.tls_port, tls=True,
                         ca_file=self.env.keys.pki.ca_cert)

    def upstream_session_works(self, account):
        message = self.messages("clear")[0]
        with self.env.client(account) as client:
            client.select("INBOX")
            self.assertEqual(h.body_of(client.uid_fetch(message.uid, "BODY.PEEK[]")[0]),
                             message.data)

    def test_upstream_implicit_tls_with_the_test_ca(self):
        self.upstream_session_works("tls")

    def test_upstream_starttls_with_the_test_ca(self):
        self.upstream_session_works("starttls")

    def test_upstream_certificate_that_cannot_be_verified(self):
        client = h.ImapClient("127.0.0.1", self.env.ports["noca"], timeout=30)
        received = client.greeting
        try:
            if not received.startswith(b"* BYE"):
                client.socket.sendall(b"n1 LOGIN " + h.quote(h.ALICE) + b" "
                                      + h.quote(h.PASSWORD) + b"\r\n")
                received += self.read_until_closed(client)
        finally:
            client.socket.close()
        bye = re.search(rb"\* BYE ([^\r\n]*)", received)
        self.assertIsNotNone(bye, received)
        self.assertRegex(bye.group(1).lower(), rb"certificate")
        self.assertNotRegex(received, rb"n1 OK")


def uid_fetch_range(self, uid_set, items):
    """The untagged FETCH responses of `UID FETCH set (items)`."""
    if isinstance(items, str):
        items = items.encode()
    if isinstance(uid_set, str):
        uid_set = uid_set.encode()
    return [r for r in self.check(self.command(b"UID FETCH %s (%s)" % (uid_set, items)))
            if re.match(rb"^\* \d+ FETCH ", r)]


# A range fetch is a small addition to the shared client, kept here rather than in dovecot.py.
h.ImapClient.uid_fetch_range = uid_fetch_range


def main():
    global POSTERN, CORPUS
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--postern", required=True)
    parser.add_argument("--corpus")
    known, rest = parser.parse_known_args()
    POSTERN = os.path.abspath(known.postern)
    CORPUS = h.corpus_dir(known.corpus)
    missing = [tool for tool in ("openssl",) if h.missing_peers(tool)]
    if not os.path.exists(DOVECOT):
        missing.append("dovecot (Debian dovecot-imapd)")
    if missing:
        print(f"SKIP: missing test peers: {', '.join(missing)}")
        sys.exit(77)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
