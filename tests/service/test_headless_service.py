#!/usr/bin/python3
"""`postern --headless` as a service manager runs it, and the window as a desktop session does.

Each test starts the real program on a fresh profile and checks what README and the man page
promise: the log is written into the profile; a second instance on the same profile is refused
with exit status 4 and leaves the first one alone; SIGHUP picks up an added, a changed and a
removed account (their proxy ports start and stop listening); a change made with the command
line reaches the running Postern without a signal from the user; SIGTERM closes the ports at
once, ends idle sessions with 421, lets a message in flight (the client has sent it, Postern is
relaying it) reach the real server and the client hear 250 before Postern exits 0, and waits for
such a message no longer than --stop-timeout. The window (on the offscreen platform) serves
command-line changes and finishes messages in flight on SIGTERM the same way.

The real server is aiosmtpd (Debian's python3-aiosmtpd, importable only by /usr/bin/python3),
storing messages like the SMTP suite's upstream_smtpd.py, whose handler it reuses; it can hold a
message's DATA for a while, as a slow provider does. Everything listens on 127.0.0.1:

    /usr/bin/python3 test_headless_service.py --postern path/to/postern [unittest options]
"""
import argparse
import asyncio
import json
import os
import shutil
import signal
import smtplib
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

# No __pycache__ in the source tree from importing the helper modules.
sys.dont_write_bytecode = True
SMTP_SUITE = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "smtp")
sys.path.insert(0, SMTP_SUITE)
import harness  # noqa: E402

POSTERN = None  # set from --postern

SENDER = "alice@example.org"
RECIPIENT = "bob@example.net"
STORE_PASSPHRASE = "store passphrase for the service test"


def is_listening(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def message(subject):
    return (f"From: {SENDER}\r\nTo: {RECIPIENT}\r\nSubject: {subject}\r\n"
            f"Message-ID: <{subject.replace(' ', '-')}@example.org>\r\n\r\n"
            f"The body of {subject}.\r\n")


class SlowUpstream:
    """aiosmtpd in a thread of this process with upstream_smtpd.py's Maildir handler, which can
    hold each message `delay` seconds before it answers the final dot."""

    def __init__(self, directory):
        # Imported here: the module needs aiosmtpd, which require_tools() checked for.
        import upstream_smtpd
        from aiosmtpd.controller import Controller

        outer = self

        class Handler(upstream_smtpd.MaildirHandler):
            async def handle_DATA(self, server, session, envelope):
                outer.receiving.set()
                await asyncio.sleep(outer.delay)
                return await super().handle_DATA(server, session, envelope)

        self.maildir = directory
        self.delay = 0
        self.receiving = threading.Event()
        self.port = harness.free_port()
        self.controller = Controller(Handler(directory), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def subjects(self):
        folder = os.path.join(self.maildir, "new")
        found = []
        for name in sorted(os.listdir(folder)):
            if name.endswith(".eml"):
                with open(os.path.join(folder, name), "rb") as stored:
                    for line in stored.read().split(b"\r\n"):
                        if line.startswith(b"Subject: "):
                            found.append(line[len(b"Subject: "):].decode())
        return found

    def stop(self):
        self.controller.stop()


class Sender(threading.Thread):
    """Submits one message through the proxy in the background, then says QUIT; `outcome` is
    the reply to the message, or the exception that ended the session; `quit` the reply to
    QUIT."""

    def __init__(self, port, subject):
        super().__init__(daemon=True)
        self.port = port
        self.subject = subject
        self.outcome = None
        self.quit = None

    def run(self):
        client = smtplib.SMTP(timeout=60)
        try:
            client.connect("127.0.0.1", self.port)
            client.ehlo("client.example.org")
            client.mail(SENDER)
            client.rcpt(RECIPIENT)
            self.outcome = client.data(message(self.subject).encode())
            self.quit = client.docmd("QUIT")
        except (smtplib.SMTPException, OSError) as error:
            if self.outcome is None:
                self.outcome = error
        finally:
            client.close()


class HeadlessServiceTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.mkdtemp(prefix="postern-service-test-")
        self.upstream = SlowUpstream(os.path.join(self.directory, "upstream"))
        self.postern = harness.Postern(POSTERN, self.directory, STORE_PASSPHRASE)
        self.ports = {}

    def tearDown(self):
        try:
            self.postern.stop()
        finally:
            self.upstream.stop()
            if os.environ.get("POSTERN_KEEP_TEST_DIR"):
                print(f"kept {self.directory}", file=sys.stderr)
            else:
                shutil.rmtree(self.directory, ignore_errors=True)

    def add_account(self, name, address):
        smtp, imap = harness.free_port(), harness.free_port()
        self.postern.cli("account", "add", name, "--address", address,
                         "--smtp", f"127.0.0.1:{self.upstream.port}", "--smtp-security", "none",
                         "--imap", "127.0.0.1:1143", "--imap-security", "none",
                         "--smtp-listen", str(smtp), "--imap-listen", str(imap))
        self.postern.cli("policy", "apply-template", name, "encrypt-when-possible",
                         "--fallback", "clear")
        self.ports[name] = (smtp, imap)
        return smtp, imap

    def start(self, *extra, window=False):
        """As harness.Postern.start() does, with options of the program itself; its stop()
        ends this process too. With `window`, the desktop application instead of --headless."""
        command = [POSTERN, "--profile", self.postern.profile,
                   *([] if window else ["--headless"]), *extra]
        environment = dict(os.environ)
        if window:
            environment["QT_QPA_PLATFORM"] = "offscreen"
        self.postern.output = open(os.path.join(self.directory, "headless.out"), "wb")
        self.postern.process = subprocess.Popen(command, stdout=self.postern.output,
                                                stderr=subprocess.STDOUT, env=environment)
        for port in [port for pair in self.ports.values() for port in pair]:
            harness.wait_until(lambda: is_listening(port) or self.postern.process.poll(), 60,
                               f"Postern to listen on {port}")
            self.assertIsNone(self.postern.process.poll(), self.headless_output())

    def signal(self, number):
        self.postern.process.send_signal(number)

    def wait_for_exit(self, seconds):
        started = time.monotonic()
        status = self.postern.process.wait(seconds)
        return status, time.monotonic() - started

    def headless_output(self):
        self.postern.output.flush()
        with open(self.postern.output.name, "rb") as said:
            return said.read().decode(errors="replace")

    def log(self):
        return self.postern.log_text().decode(errors="replace")

    # --- the log -----------------------------------------------------------------------------

    def test_log_is_written_to_the_profile(self):
        self.add_account("Work", SENDER)
        self.start()
        log = os.path.join(self.postern.profile, "logs", "postern.log")
        harness.wait_until(lambda: "SMTP proxy for Work" in self.log(), 20, "the log")
        self.assertEqual(os.stat(log).st_mode & 0o777, 0o600, "the log is the user's alone")

        self.signal(signal.SIGTERM)
        status, _ = self.wait_for_exit(30)
        self.assertEqual(status, 0, self.headless_output())
        text = self.log()
        self.assertIn("running headless on profile " + self.postern.profile, text)
        self.assertIn("shutting down", text)
        self.assertIn("stopped", text)

    # --- nothing to serve --------------------------------------------------------------------

    def test_no_port_to_listen_on_is_a_failed_start(self):
        smtp, imap = self.add_account("Work", SENDER)
        squatters = []
        for port in (smtp, imap):
            squatter = socket.socket()
            squatter.bind(("127.0.0.1", port))
            squatter.listen()
            squatters.append(squatter)
        try:
            started = subprocess.run([POSTERN, "--profile", self.postern.profile, "--headless"],
                                     capture_output=True, text=True, timeout=60)
        finally:
            for squatter in squatters:
                squatter.close()
        self.assertEqual(started.returncode, 9, started.stderr)
        self.assertIn("no proxy could listen", started.stderr)
        self.assertIn(str(smtp), started.stderr)
        self.assertIn(str(imap), started.stderr)

        # One port free is something to serve: it runs, and says what it could not do.
        squatter = socket.socket()
        squatter.bind(("127.0.0.1", imap))
        squatter.listen()
        try:
            self.ports = {"Work": (smtp,)}
            self.start()
            self.assertTrue(is_listening(smtp))
            self.assertIn(str(imap), self.log())
        finally:
            squatter.close()

    # --- one instance per profile ------------------------------------------------------------

    def test_second_instance_is_refused(self):
        smtp, _ = self.add_account("Work", SENDER)
        self.start()
        log_before = self.log()

        second = subprocess.run([POSTERN, "--profile", self.postern.profile, "--headless"],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(second.returncode, 4, second.stderr)
        self.assertIn("already in use by process " + str(self.postern.process.pid),
                      second.stderr)
        self.assertIn("only one Postern may serve a profile", second.stderr)

        # The first one goes on serving, and its log is not the second one's.
        self.assertIsNone(self.postern.process.poll())
        self.assertTrue(is_listening(smtp))
        self.assertTrue(self.log().startswith(log_before))
        self.assertEqual(self.log().count("running headless"), 1)

        # The window is refused the same way.
        window = subprocess.run([POSTERN, "--profile", self.postern.profile],
                                capture_output=True, text=True, timeout=60,
                                env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        self.assertEqual(window.returncode, 4, window.stderr)

    # --- SIGHUP ------------------------------------------------------------------------------

    def test_sighup_reloads_added_changed_and_removed_accounts(self):
        first_smtp, first_imap = self.add_account("First", SENDER)
        self.start()

        # Written without the command line, which would send SIGHUP itself.
        second_smtp, second_imap = harness.free_port(), harness.free_port()
        accounts_path = os.path.join(self.postern.profile, "accounts.json")
        with open(accounts_path) as source:
            accounts = json.load(source)
        second = json.loads(json.dumps(accounts["accounts"][0]))
        second.update(name="Second", addresses=["carol@example.com"], smtpListen=second_smtp,
                      imapListen=second_imap)
        accounts["accounts"].append(second)
        with open(accounts_path, "w") as out:
            json.dump(accounts, out, indent=2)
        time.sleep(0.5)
        self.assertFalse(is_listening(second_smtp), "no reload before SIGHUP")
        self.signal(signal.SIGHUP)
        harness.wait_until(lambda: is_listening(second_smtp) and is_listening(second_imap), 20,
                           "the added account's proxies")
        self.assertTrue(is_listening(first_smtp))

        # Changed by hand, as an administrator may: the proxy moves to the new port.
        accounts_path = os.path.join(self.postern.profile, "accounts.json")
        with open(accounts_path) as source:
            accounts = json.load(source)
        moved = harness.free_port()
        for account in accounts["accounts"]:
            if account["name"] == "Second":
                account["smtpListen"] = moved
        with open(accounts_path, "w") as out:
            json.dump(accounts, out, indent=2)
        self.signal(signal.SIGHUP)
        harness.wait_until(lambda: is_listening(moved), 20, "the changed account's new port")
        harness.wait_until(lambda: not is_listening(second_smtp), 20,
                           "the changed account's old port to close")

        with open(accounts_path) as source:
            accounts = json.load(source)
        accounts["accounts"] = [a for a in accounts["accounts"] if a["name"] != "First"]
        with open(accounts_path, "w") as out:
            json.dump(accounts, out, indent=2)
        self.signal(signal.SIGHUP)
        harness.wait_until(lambda: not is_listening(first_smtp) and not is_listening(first_imap),
                           20, "the removed account's proxies to stop")
        self.assertTrue(is_listening(moved))
        self.assertTrue(is_listening(second_imap))

        # The reloaded proxies relay.
        with smtplib.SMTP("127.0.0.1", moved, timeout=30) as client:
            client.sendmail("carol@example.com", [RECIPIENT],
                            message("after reload").replace(SENDER, "carol@example.com"))
        self.assertEqual(self.upstream.subjects(), ["after reload"])

        self.signal(signal.SIGTERM)
        self.assertEqual(self.wait_for_exit(30)[0], 0, self.headless_output())
        self.assertEqual(self.log().count("SIGHUP received: reloading"), 3)

    def test_sighup_lets_a_changed_account_finish_its_message(self):
        smtp, _ = self.add_account("Work", SENDER)
        self.start()
        self.upstream.delay = 3
        sender = Sender(smtp, "during reload")
        sender.start()
        self.assertTrue(self.upstream.receiving.wait(30), "the message reached the upstream")

        self.postern.cli("account", "remove", "Work")
        moved, _ = self.add_account("Work", SENDER)
        self.signal(signal.SIGHUP)
        harness.wait_until(lambda: is_listening(moved), 20, "the changed account's new port")
        self.assertFalse(is_listening(smtp))
        sender.join(30)
        self.assertIsInstance(sender.outcome, tuple, sender.outcome)
        self.assertEqual(sender.outcome[0], 250, sender.outcome)
        self.assertEqual(self.upstream.subjects(), ["during reload"])

    def test_sighup_picks_up_certificates_changed_by_the_command_line(self):
        # The command line changes the store from another process; a running service must act
        # on it after SIGHUP, or a certificate distrusted there would go on being used.
        pki = harness.Pki(os.path.join(self.directory, "pki"))
        alice_certificate, alice_key = pki.person(SENDER, "Alice")
        bob_certificate, _ = pki.person(RECIPIENT, "Bob")
        self.postern.import_certificate(
            harness.identity_bundle(alice_certificate, alice_key,
                                    os.path.join(self.directory, "alice-identity.pem")),
            trust=False)
        smtp, _ = self.add_account("Work", SENDER)
        self.postern.cli("policy", "apply-template", "Work", "encrypt-everything")
        self.start("--store-pass-file", self.postern.pass_file)

        refused = Sender(smtp, "before the import")
        refused.start()
        refused.join(60)
        self.assertIsInstance(refused.outcome, tuple, refused.outcome)
        self.assertEqual(refused.outcome[0] // 100, 5, refused.outcome)
        self.assertIn(RECIPIENT, refused.outcome[1].decode())

        self.postern.import_certificate(bob_certificate)
        self.signal(signal.SIGHUP)
        harness.wait_until(lambda: "reloaded:" in self.log(), 20, "the reload")
        accepted = Sender(smtp, "after the import")
        accepted.start()
        accepted.join(60)
        self.assertIsInstance(accepted.outcome, tuple, accepted.outcome)
        self.assertEqual(accepted.outcome[0], 250, accepted.outcome)
        self.assertEqual(self.upstream.subjects(), ["after the import"])

        self.postern.cli("cert", "trust", self.postern.certificate_id(bob_certificate),
                         "--level", "untrusted", "--store-pass-file", self.postern.pass_file)
        before = self.log().count("reloaded:")
        self.signal(signal.SIGHUP)
        harness.wait_until(lambda: self.log().count("reloaded:") > before, 20, "the reload")
        distrusted = Sender(smtp, "after the distrust")
        distrusted.start()
        distrusted.join(60)
        self.assertIsInstance(distrusted.outcome, tuple, distrusted.outcome)
        self.assertEqual(distrusted.outcome[0] // 100, 5, distrusted.outcome)
        self.assertEqual(self.upstream.subjects(), ["after the import"])

    # --- SIGTERM -----------------------------------------------------------------------------

    def test_sigterm_finishes_the_message_in_flight(self):
        smtp, imap = self.add_account("Work", SENDER)
        self.start()
        self.upstream.delay = 4

        idle = smtplib.SMTP("127.0.0.1", smtp, timeout=30)
        idle.ehlo("idle.example.org")
        sender = Sender(smtp, "in flight")
        sender.start()
        self.assertTrue(self.upstream.receiving.wait(30), "the message reached the upstream")

        self.signal(signal.SIGTERM)
        # New connections are refused at once, while the message is still being relayed.
        harness.wait_until(lambda: not is_listening(smtp) and not is_listening(imap), 2,
                           "the ports to close")
        self.assertIsNone(self.postern.process.poll(), "Postern waits for the message")
        # The idle session is told to come back later (RFC 5321 3.8).
        code, text = idle.getreply()
        self.assertEqual(code, 421, text)
        idle.close()

        status, _ = self.wait_for_exit(30)
        self.assertEqual(status, 0, self.headless_output())
        sender.join(10)
        self.assertIsInstance(sender.outcome, tuple, sender.outcome)
        self.assertEqual(sender.outcome[0], 250, sender.outcome)
        self.assertEqual(sender.quit[0], 221, sender.quit)
        self.assertEqual(self.upstream.subjects(), ["in flight"])
        self.assertRegex(self.log(), r"waiting up to 30 s for \d+ SMTP session")

    def test_sigterm_waits_no_longer_than_the_stop_timeout(self):
        smtp, _ = self.add_account("Work", SENDER)
        self.start("--stop-timeout", "1")
        self.upstream.delay = 30

        sender = Sender(smtp, "too slow")
        sender.start()
        self.assertTrue(self.upstream.receiving.wait(30), "the message reached the upstream")
        self.signal(signal.SIGTERM)
        status, waited = self.wait_for_exit(20)
        self.assertEqual(status, 0, self.headless_output())
        self.assertLess(waited, 10, "the grace period bounds the wait")
        sender.join(10)
        # The client was not told 250, so it keeps the message and sends it again later.
        outcome = sender.outcome
        if isinstance(outcome, tuple):
            self.assertEqual(outcome[0], 421, outcome)
        else:
            self.assertIsInstance(outcome, (smtplib.SMTPException, OSError))
        self.assertIn("busy after the grace period", self.log())

    def test_second_sigterm_stops_at_once(self):
        smtp, _ = self.add_account("Work", SENDER)
        self.start()
        self.upstream.delay = 30
        sender = Sender(smtp, "interrupted")
        sender.start()
        self.assertTrue(self.upstream.receiving.wait(30), "the message reached the upstream")
        self.signal(signal.SIGTERM)
        harness.wait_until(lambda: "waiting up to" in self.log(), 10, "the drain to begin")
        self.signal(signal.SIGTERM)
        status, waited = self.wait_for_exit(20)
        self.assertEqual(status, 0, self.headless_output())
        self.assertLess(waited, 10)
        sender.join(10)
        self.assertFalse(isinstance(sender.outcome, tuple) and sender.outcome[0] == 250,
                         sender.outcome)

    # --- changes made with the command line ------------------------------------------------

    def test_command_line_changes_reach_the_running_service(self):
        first_smtp, _ = self.add_account("First", SENDER)
        unnoticed = self.postern.cli("policy", "show", "First")
        self.assertNotIn("now serves the change", unnoticed.stderr, "nothing runs yet")
        self.start()
        pid = self.postern.process.pid

        # No SIGHUP from the test: the command line finds the running Postern and tells it.
        second_smtp, second_imap = harness.free_port(), harness.free_port()
        added = self.postern.cli("account", "add", "Second", "--address", "carol@example.com",
                                 "--smtp", f"127.0.0.1:{self.upstream.port}",
                                 "--smtp-security", "none", "--imap", "127.0.0.1:1143",
                                 "--imap-security", "none", "--smtp-listen", str(second_smtp),
                                 "--imap-listen", str(second_imap))
        self.assertIn(f"(process {pid}) now serves the change", added.stderr)
        harness.wait_until(lambda: is_listening(second_smtp) and is_listening(second_imap), 20,
                           "the added account's proxies")
        self.assertTrue(is_listening(first_smtp))

        # Reading changes nothing, and says nothing.
        shown = self.postern.cli("account", "list", "--json")
        self.assertNotIn("now serves the change", shown.stderr)
        json.loads(shown.stdout)

        removed = self.postern.cli("account", "remove", "First")
        self.assertIn(f"(process {pid}) now serves the change", removed.stderr)
        harness.wait_until(lambda: not is_listening(first_smtp), 20,
                           "the removed account's proxy to stop")
        with smtplib.SMTP("127.0.0.1", second_smtp, timeout=30) as client:
            client.sendmail("carol@example.com", [RECIPIENT],
                            message("told by the command line").replace(SENDER,
                                                                        "carol@example.com"))
        self.assertEqual(self.upstream.subjects(), ["told by the command line"])

        self.signal(signal.SIGTERM)
        self.assertEqual(self.wait_for_exit(30)[0], 0, self.headless_output())
        # Its lock is left behind by nobody: no one to tell.
        after = self.postern.cli("policy", "apply-template", "Second", "encrypt-everything")
        self.assertNotIn("now serves the change", after.stderr)

    def test_sighup_while_starting_is_kept_for_later(self):
        # The command line signals whoever holds the lock, which may still be starting: the
        # signal must neither end it nor be lost.
        smtp, _ = self.add_account("Work", SENDER)
        for window in (False, True):
            with self.subTest(window=window):
                lock = os.path.join(self.postern.profile, "postern.lock")
                command = [POSTERN, "--profile", self.postern.profile,
                           *([] if window else ["--headless"])]
                environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
                self.postern.output = open(os.path.join(self.directory, "starting.out"), "wb")
                self.postern.process = subprocess.Popen(command, stdout=self.postern.output,
                                                        stderr=subprocess.STDOUT,
                                                        env=environment)
                deadline = time.monotonic() + 30
                while not os.path.exists(lock) and time.monotonic() < deadline:
                    time.sleep(0.001)
                self.signal(signal.SIGHUP)
                harness.wait_until(lambda: is_listening(smtp) or self.postern.process.poll(),
                                   60, "Postern to listen")
                self.assertIsNone(self.postern.process.poll(), self.headless_output())
                harness.wait_until(lambda: "reloaded:" in self.log(), 20, "the held reload")
                self.signal(signal.SIGTERM)
                self.assertEqual(self.wait_for_exit(30)[0], 0, self.headless_output())
                os.remove(os.path.join(self.postern.profile, "logs", "postern.log"))

    def test_stale_lock_naming_another_postern_is_ignored(self):
        # A Postern killed outright leaves its lock file; its number may since belong to
        # another Postern, serving another profile. That one must not be signalled, and a new
        # service on this profile must start.
        self.add_account("Work", SENDER)
        os.makedirs(os.path.join(self.directory, "other"))
        other = harness.Postern(POSTERN, os.path.join(self.directory, "other"), STORE_PASSPHRASE)
        other_smtp = harness.free_port()
        other.cli("account", "add", "Other", "--address", "carol@example.com",
                  "--smtp", f"127.0.0.1:{self.upstream.port}", "--smtp-security", "none",
                  "--imap", "127.0.0.1:1143", "--imap-security", "none",
                  "--smtp-listen", str(other_smtp), "--imap-listen", str(harness.free_port()))
        other_output = open(os.path.join(self.directory, "other.out"), "wb")
        other_process = subprocess.Popen([POSTERN, "--profile", other.profile, "--headless"],
                                         stdout=other_output, stderr=subprocess.STDOUT)
        try:
            harness.wait_until(lambda: is_listening(other_smtp), 30, "the other Postern")
            with open(os.path.join(self.postern.profile, "postern.lock"), "w") as lock:
                lock.write(f"{other_process.pid}\npostern\n{socket.gethostname()}\n")
            changed = self.postern.cli("policy", "apply-template", "Work", "sign-everything")
            self.assertNotIn("now serves the change", changed.stderr)
            time.sleep(0.5)
            other_log = other.log_text().decode(errors="replace")
            self.assertNotIn("SIGHUP received", other_log)
            self.assertIsNone(other_process.poll())

            self.ports = {"Work": self.ports["Work"]}
            self.start()
            self.assertIn("running headless", self.log())
        finally:
            other_process.terminate()
            other_process.wait(30)
            other_output.close()

    # --- the window --------------------------------------------------------------------------

    def test_window_serves_command_line_changes_and_finishes_on_sigterm(self):
        self.add_account("First", SENDER)
        self.start(window=True)
        pid = self.postern.process.pid
        harness.wait_until(lambda: "SMTP proxy for First" in self.log(), 30, "the window's proxies")

        work_smtp, work_imap = self.add_account("Work", SENDER.replace("alice", "alice.work"))
        harness.wait_until(lambda: is_listening(work_smtp) and is_listening(work_imap), 20,
                           "the account added with the command line")
        self.assertIn(f"process {pid}", self.postern.cli(
            "policy", "apply-template", "Work", "encrypt-when-possible", "--fallback",
            "clear").stderr)

        self.upstream.delay = 3
        sender = Sender(self.ports["First"][0], "in flight from the window")
        sender.start()
        self.assertTrue(self.upstream.receiving.wait(30), "the message reached the upstream")
        self.signal(signal.SIGTERM)
        harness.wait_until(lambda: not is_listening(work_smtp), 2, "the ports to close")
        self.assertIsNone(self.postern.process.poll(), "the window waits for the message")
        status, _ = self.wait_for_exit(30)
        self.assertEqual(status, 0, self.headless_output())
        sender.join(10)
        self.assertIsInstance(sender.outcome, tuple, sender.outcome)
        self.assertEqual(sender.outcome[0], 250, sender.outcome)
        self.assertEqual(self.upstream.subjects(), ["in flight from the window"])
        self.assertIn("the proxies have stopped", self.log())


def main():
    global POSTERN
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--postern", required=True)
    known, rest = parser.parse_known_args()
    POSTERN = os.path.abspath(known.postern)
    try:
        subprocess.run([harness.SYSTEM_PYTHON, "-c", "import aiosmtpd"], check=True,
                       capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        sys.exit("missing test peer: python3-aiosmtpd (for /usr/bin/python3)")
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
