"""The real situation Postern is made for, on loopback: a mail provider and two people.

- The provider: Debian's Dovecot (IMAP, implicit TLS and STARTTLS) and mail_server.py
  (aiosmtpd, STARTTLS and AUTH) delivering into Dovecot's Maildirs, both with a server
  certificate for `localhost` from a test CA, both using one passwd-file of users.
- Alice and Bob: each a Dovecot user with a password, an S/MIME identity (key and certificate)
  and a Postern profile of their own, driven by the postern command line and served by
  `postern --headless`. Each profile holds one account (its real servers are the provider's,
  reached over TLS and checked with the test CA), its owner's identity and the other person's
  certificate, trusted.

The end-to-end test (test_end_to_end.py) and scripts/demo build this with World. Everything
listens on 127.0.0.1, on free high ports unless a port is asked for, and lives in one folder.
It reuses the IMAP suite's Dovecot harness and the SMTP suite's openssl PKI and Postern driver.
"""
import imaplib
import json
import os
import re
import shutil
import signal
import smtplib
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
sys.dont_write_bytecode = True
for folder in (os.path.join(TESTS, "smtp"), os.path.join(TESTS, "imap")):
    if folder not in sys.path:
        sys.path.insert(0, folder)
import harness  # noqa: E402  (tests/smtp: openssl PKI, the Postern driver)
import proxy_harness  # noqa: E402  (tests/imap: Dovecot with room for many sessions)

# Debian's aiosmtpd is importable only by the system interpreter.
SYSTEM_PYTHON = "/usr/bin/python3"
DOVECOT = "/usr/sbin/dovecot"

# The invitation Alice's mail client sends: a real one written by Outlook/Exchange
# (multipart/alternative with text/plain, text/html and text/calendar; method=REQUEST).
CORPUS_INVITATION = "ical/comm-central__outlook-test-invite.eml"


def new_message_id():
    """A fresh Message-ID: each message is found again by it, on the server and by Bob."""
    return f"<{uuid.uuid4().hex}@example.org>"


def addressed(message, sender, recipient, message_id):
    """@p message (bytes, CRLF) as @p sender's mail client sends it to @p recipient: From, To
    and Message-ID replaced (the SMTP proxy takes only the account's own From), every other
    byte, the content and its calendar included, as it was."""
    block, body = proxy_harness.split_message(message)
    wanted = {b"from": f"{sender.name} <{sender.address}>",
              b"to": f"{recipient.name} <{recipient.address}>",
              b"message-id": message_id}
    lines = []
    for name, text in proxy_harness.header_fields(block):
        if name in wanted:
            text = f"{text.split(b':', 1)[0].decode()}: {wanted.pop(name)}".encode()
        lines.append(text)
    lines += [f"{name.decode().title()}: {value}".encode() for name, value in wanted.items()]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def corpus_invitation(corpus):
    """The corpus invitation with CRLF line ends."""
    return proxy_harness.crlf(harness.read(os.path.join(corpus, CORPUS_INVITATION)))


class Person:
    """One person: address, login, S/MIME files, and (once made) their Postern profile."""

    def __init__(self, key, name, address, password):
        self.key = key  # "alice" or "bob": account name and folder name
        self.name = name
        self.address = address
        self.password = password
        self.certificate = None
        self.private_key = None
        self.postern = None  # harness.Postern
        self.imap_port = None  # Postern's IMAP proxy for this person
        self.smtp_port = None  # Postern's SMTP proxy for this person

    @property
    def profile(self):
        return self.postern.profile


def port_or_free(preferred):
    """@p preferred when nothing listens there on 127.0.0.1 yet, otherwise a free port."""
    if preferred:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", preferred))
                return preferred
            except OSError:
                pass
    return harness.free_port()


def missing_peers():
    """The programs this setup needs that are not installed, named for a skip message."""
    missing = []
    if shutil.which("openssl") is None:
        missing.append("openssl")
    if shutil.which("mbsync") is None:
        missing.append("mbsync (Debian isync)")
    if not os.path.exists(DOVECOT):
        missing.append("dovecot (Debian dovecot-imapd)")
    try:
        subprocess.run([SYSTEM_PYTHON, "-c", "import aiosmtpd"], check=True,
                       capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        missing.append("python3-aiosmtpd")
    return missing


class MailServer:
    """mail_server.py as a child process; `port` is its SMTP port (STARTTLS, AUTH)."""

    def __init__(self, pki, passwd_file, mail_root, log_path, port=0):
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(
            [SYSTEM_PYTHON, os.path.join(HERE, "mail_server.py"), "--passwd-file", passwd_file,
             "--mail-root", mail_root, "--cert", pki.server_cert, "--key", pki.server_key,
             "--port", str(port)],
            stdout=subprocess.PIPE, stderr=self.log, stdin=subprocess.DEVNULL,
            # Its own session: Ctrl+C in scripts/demo's terminal reaches the demo, which then
            # stops everything in order, instead of every child at once.
            start_new_session=True)
        line = self.process.stdout.readline()
        if not line:
            self.process.wait(10)
            self.log.close()
            with open(log_path, errors="replace") as said:
                raise RuntimeError("the SMTP server did not start: " + said.read())
        self.port = json.loads(line)["port"]

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        self.log.close()


class World:
    """The provider, Alice and Bob, each with a running Postern. Call stop() in the end (or
    use it as a context manager): it stops every process started here and removes the folder,
    unless @p keep is set (scripts/demo with a folder of the person's choosing)."""

    def __init__(self, postern, directory=None, keep=False, templates=None, ports=None,
                 prefix="postern-e2e-"):
        """@p postern is the executable; @p templates maps "alice"/"bob" to a policy template
        (default encrypt-everything for both); @p ports maps "alice"/"bob" to preferred
        (IMAP, SMTP) proxy ports, used when free; a temporary folder's name starts with
        @p prefix."""
        self.executable = postern
        self.keep = keep
        if directory is None:
            self.directory = tempfile.mkdtemp(prefix=prefix)
        else:
            self.directory = os.path.abspath(directory)
            os.makedirs(self.directory, exist_ok=True)
        self.dovecot = None
        self.mail_server = None
        self.alice = Person("alice", "Alice Example", proxy_harness.ALICE, "Alice-Imap-4tQx9")
        self.bob = Person("bob", "Bob Example", proxy_harness.BOB, "Bob-Imap-8wRz3")
        self.reloads = {}
        try:
            self._set_up(templates or {}, ports or {})
        except BaseException:
            self.stop()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.stop()

    @property
    def people(self):
        return (self.alice, self.bob)

    def path(self, *names):
        return os.path.join(self.directory, *names)

    def _set_up(self, templates, ports):
        # The openssl-made PKI: a TLS CA with a `localhost` server certificate, and the S/MIME
        # people (self-signed, emailProtection), the same as the IMAP suite's.
        self.keys = proxy_harness.Keys(self.path("keys"))
        pki = self.keys.pki
        self.alice.certificate, self.alice.private_key = self.keys.alice_cert, self.keys.alice_key
        self.bob.certificate, self.bob.private_key = self.keys.bob_cert, self.keys.bob_key

        self.dovecot = proxy_harness.TestDovecot(user=self.alice.address,
                                                 password=self.alice.password,
                                                 certificate=pki.server_cert, key=pki.server_key)
        proxy_harness.add_dovecot_user(self.dovecot, self.bob.address, self.bob.password)
        # One login each makes Dovecot create the Maildirs with the owner it wants.
        for person in self.people:
            with self.server_imap(person) as direct:
                direct.select("INBOX")
        self.mail_server = MailServer(pki, self.dovecot.path("users"), self.dovecot.path("mail"),
                                      self.path("mail-server.log"))

        for person, other in ((self.alice, self.bob), (self.bob, self.alice)):
            self._make_profile(person, other, templates.get(person.key, "encrypt-everything"),
                               ports.get(person.key, (None, None)))
        for person in self.people:
            person.postern.start([person.imap_port, person.smtp_port])
            self.reloads[person.key] = 0

    def _make_profile(self, person, other, template, ports):
        folder = self.path(person.key)
        os.makedirs(folder, exist_ok=True)
        person.postern = harness.Postern(self.executable, folder,
                                         f"store passphrase of {person.name}")
        bundle = harness.identity_bundle(person.certificate, person.private_key,
                                         self.keys.path(f"{person.key}-identity.pem"))
        person.postern.import_certificate(bundle)
        person.postern.import_certificate(other.certificate)
        person.imap_port = port_or_free(ports[0])
        person.smtp_port = port_or_free(ports[1])
        # The provider's servers by name, as a mail client is configured, so that the TLS
        # certificate (for `localhost`) is checked; the test CA is the account's --ca-file.
        person.postern.cli(
            "account", "add", person.key, "--address", person.address,
            "--imap", f"localhost:{self.dovecot.tls_port}", "--imap-security", "tls",
            "--smtp", f"localhost:{self.mail_server.port}", "--smtp-security", "starttls",
            "--ca-file", self.keys.pki.ca_cert,
            "--identity", person.postern.certificate_id(person.certificate),
            "--imap-listen", str(person.imap_port), "--smtp-listen", str(person.smtp_port),
            "--template", template)

    # Changing a policy while Postern runs ------------------------------------------------

    def use_template(self, person, template):
        """Applies @p template to @p person's account and has the running Postern re-read its
        accounts (SIGHUP), waiting until it says it has."""
        person.postern.cli("policy", "apply-template", person.key, template)
        self.reloads[person.key] += 1
        wanted = self.reloads[person.key]
        person.postern.process.send_signal(signal.SIGHUP)

        def reloaded():
            if person.postern.process.poll() is not None:
                raise RuntimeError(f"{person.key}'s Postern exited on SIGHUP")
            return person.postern.log_text().count(b"reloaded:") >= wanted

        harness.wait_until(reloaded, 30, f"{person.key}'s Postern to reload its accounts")
        said = person.postern.log_text().split(b"reloaded:")[wanted]
        if not re.match(rb"\s*1 account\(s\), 0 problem\(s\)", said):
            raise RuntimeError(f"{person.key}'s Postern reloaded with problems: "
                               f"{said[:300].decode(errors='replace')}")
        policy = json.loads(person.postern.cli("policy", "show", person.key, "--json").stdout)
        if policy.get("template") != template:
            raise RuntimeError(f"{person.key}'s policy is {policy.get('template')}, "
                               f"not {template}")

    # The mail clients ----------------------------------------------------------------------

    def send(self, person, recipients, message):
        """@p person's mail client (smtplib) sends @p message (bytes, CRLF) through their
        Postern, logged in with their real login as a mail client configured as the README
        says (127.0.0.1, no encryption, normal password). Returns what smtplib returns."""
        with smtplib.SMTP("127.0.0.1", person.smtp_port, timeout=60) as client:
            client.ehlo("client.example")
            client.login(person.address, person.password)
            options = ["BODY=8BITMIME"] if any(byte > 127 for byte in message) else []
            return client.sendmail(person.address, recipients, message, mail_options=options)

    def postern_imap(self, person):
        """@p person's mail client (imaplib) connected to their Postern, logged in."""
        client = imaplib.IMAP4("127.0.0.1", person.imap_port, timeout=60)
        client.login(person.address, person.password)
        return client

    def server_imap(self, person):
        """An imaplib session straight to the provider's Dovecot over TLS (the certificate
        checked against the test CA), logged in as @p person: what the server holds."""
        context = ssl.create_default_context(cafile=self.keys.pki.ca_cert)
        client = imaplib.IMAP4_SSL("localhost", self.dovecot.tls_port, ssl_context=context,
                                   timeout=60)
        client.login(person.address, person.password)
        return client

    def maildir_of(self, person):
        """@p person's Maildir on the server (Dovecot's `maildir:MAIL/%u`)."""
        return self.dovecot.path("mail", person.address)

    def mbsync(self, person, folder):
        """Pulls @p person's INBOX through their Postern into the Maildir @p folder/mail with
        mbsync (a throw-away mbsyncrc, plain IMAP on loopback as the README says); returns
        {Message-ID: file bytes} of everything in that Maildir."""
        maildir = os.path.join(folder, "mail")
        state = os.path.join(folder, "state")
        os.makedirs(maildir, exist_ok=True)
        os.makedirs(state, exist_ok=True)
        config = os.path.join(folder, "mbsyncrc")
        with open(config, "w") as out:
            out.write(f"IMAPAccount postern\nHost 127.0.0.1\nPort {person.imap_port}\n"
                      f"User {person.address}\nPass {person.password}\nSSLType None\n"
                      "AuthMechs LOGIN\n\n"
                      "IMAPStore remote\nAccount postern\n\n"
                      f"MaildirStore local\nPath {maildir}/\nInbox {maildir}/INBOX\n\n"
                      "Channel inbox\nFar :remote:INBOX\nNear :local:INBOX\nCreate Near\n"
                      f"Sync Pull\nSyncState {state}/\n")
        result = subprocess.run(["mbsync", "-c", config, "inbox"], capture_output=True,
                                timeout=120)
        if result.returncode != 0:
            raise RuntimeError("mbsync failed: " + result.stderr.decode(errors="replace"))
        found = {}
        for sub in ("cur", "new"):
            path = os.path.join(maildir, "INBOX", sub)
            for name in os.listdir(path):
                data = harness.read(os.path.join(path, name))
                message_id = proxy_harness.header_value(proxy_harness.crlf(data), "Message-ID")
                found[message_id] = data
        return found

    # Ending ----------------------------------------------------------------------------------

    def stop(self):
        """Stops Alice's and Bob's Postern, the SMTP server and Dovecot (each by the handle
        started here), then removes the folder unless it is to be kept."""
        for person in self.people:
            if person.postern is not None:
                person.postern.stop()
        if self.mail_server is not None:
            self.mail_server.stop()
            self.mail_server = None
        if self.dovecot is not None:
            self.dovecot.stop()
            self.dovecot = None
        if not self.keep:
            shutil.rmtree(self.directory, ignore_errors=True)


def wait_for(predicate, timeout, what):
    """harness.wait_until with a pause suited to mail delivery."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.1)


if __name__ == "__main__":
    sys.exit("a module for test_end_to_end.py and scripts/demo")
