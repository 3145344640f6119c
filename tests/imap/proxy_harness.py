"""Shared set-up for the IMAP proxy test and benchmark: a Dovecot test peer (dovecot.py), test
keys and certificates made by the openssl command-line tool, a Postern profile served with
`postern --headless` (the SMTP suite's harness.py), and the test messages: clear, signed,
encrypted by openssl and by Postern, encrypted invitations and corpus samples, one encrypted to
someone else and a corrupt one. Everything binds 127.0.0.1 and lives in temporary folders.
"""
import base64
import email
import email.policy
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "smtp"))
import harness  # noqa: E402
# Re-exported: the suite and the benchmark reach everything through this module.
from dovecot import Dovecot, ImapClient, fetch_item, fetch_items, quote  # noqa: E402,F401
from harness import free_port, openssl, read, wait_until  # noqa: E402,F401

ALICE = "alice@example.org"  # the account's address, its identity and its Dovecot user
BOB = "bob@example.net"  # signs some messages; has a certificate in the store
CAROL = "carol@example.com"  # a stranger: mail encrypted to her cannot be opened
OTHER_USER = "other@example.org"  # a second Dovecot user that is no account of Postern's
PASSWORD = "Imap-Pass-7cQm2x"
STORE_PASSPHRASE = "store passphrase for the imap test"

# The corpus: set by the CMake define through --corpus, or the environment.
CORPUS_ENV = "POSTERN_CORPUS_DIR"

# Invitations taken from the corpus (ical/), with the way they are encrypted to the account.
CORPUS_INVITATIONS = [
    ("ical/comm-central__single-event.eml", "openssl"),
    ("ical/comm-central__outlook-test-invite.eml", "openssl"),
    ("ical/comm-central__meet-meeting-invite.eml", "postern"),
]
# Corpus messages encrypted to keys the manifest gives, with what MANIFEST.md says of them:
# (file, signed inside, content cipher, a text the decrypted body contains, signature verdict
# when the signer's root is trusted).
CORPUS_ENCRYPTED = [
    ("smime/smime_mail_samples__Message_from_smime1_to_smime2_encrypted.eml", False,
     "AES-256-CBC", None, None),
    ("smime/smime_mail_samples__Message_from_smime1_to_smime2_signed_and_encrypted.eml", True,
     "AES-256-CBC", None, None),
    ("smime/comm-central__alice.env.eml", False, "AES-128-CBC",
     b"This is a test message from Alice to Bob.", None),
    ("smime/comm-central__alice.dsig.SHA256.multipart.env.eml", True, "AES-128-CBC",
     b"This is a test message from Alice to Bob.", "valid"),
]
CORPUS_KEY = ("smime/keys/smime_mail_samples__smime-2.key",
              "smime/keys/smime_mail_samples__smime-2.crt")
CORPUS_P12 = ("smime/keys/comm-central__Bob.p12", "nss")
CORPUS_ROOT = "smime/keys/comm-central__TestCA.pem"


def crlf(data):
    """Mail bytes with every line end CRLF, as IMAP servers send them."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def split_message(data):
    """(header block with its final CRLF CRLF, body)."""
    end = data.find(b"\r\n\r\n")
    if end < 0:
        return data, b""
    return data[:end + 4], data[end + 4:]


def header_fields(block):
    """The fields of a header block as [(name, whole field bytes including folded lines)]."""
    fields = []
    for line in block.split(b"\r\n"):
        if not line:
            continue
        if line[:1] in (b" ", b"\t") and fields:
            name, text = fields[-1]
            fields[-1] = (name, text + b"\r\n" + line)
        else:
            fields.append((line.split(b":", 1)[0].strip().lower(), line))
    return fields


def header_value(data, name):
    """The unfolded value of the first field @p name of a message, or None."""
    for field, text in header_fields(split_message(data)[0]):
        if field == name.lower().encode():
            value = text.split(b":", 1)[1]
            return re.sub(rb"\r\n[ \t]", b" ", value).strip().decode("utf-8", "replace")
    return None


def split_for_encryption(message):
    """What a mail client puts outside and inside the envelope: the transport fields stay
    outside, the content fields (Content-*, MIME-Version) and the body go inside."""
    block, body = split_message(crlf(message))
    outer, inner = [], []
    for name, text in header_fields(block):
        if name.startswith(b"content-"):
            inner.append(text)
        elif name != b"mime-version":
            outer.append(text)
    if not inner:
        inner.append(b"Content-Type: text/plain; charset=us-ascii")
    return b"\r\n".join(outer) + b"\r\n", b"\r\n".join(inner) + b"\r\n\r\n" + body


class Keys:
    """The test PKI (a TLS CA with a localhost server certificate) and the S/MIME people."""

    def __init__(self, directory):
        self.pki = harness.Pki(directory)
        self.directory = directory
        self.alice_cert, self.alice_key = self.pki.person(ALICE, "Alice Example")
        self.bob_cert, self.bob_key = self.pki.person(BOB, "Bob Example")
        self.carol_cert, self.carol_key = self.pki.person(CAROL, "Carol Example")

    def path(self, name):
        return os.path.join(self.directory, name)

    def scratch(self, data, suffix=".eml"):
        handle, path = tempfile.mkstemp(suffix=suffix, dir=self.directory)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        return path

    def openssl_encrypt(self, message, recipient_cert, cipher="-aes256"):
        """The message encrypted by openssl cms as an independent mail client would."""
        outer, inner = split_for_encryption(message)
        source = self.scratch(inner)
        envelope = openssl("cms", "-encrypt", "-binary", cipher, "-in", source, recipient_cert)
        os.remove(source)
        return outer + crlf(envelope)

    def openssl_sign(self, message, signer_cert, signer_key):
        """A detached multipart/signed message made by openssl cms."""
        outer, inner = split_for_encryption(message)
        source = self.scratch(inner)
        signed = openssl("cms", "-sign", "-binary", "-signer", signer_cert, "-inkey",
                         signer_key, "-in", source)
        os.remove(source)
        return outer + crlf(signed)

    def postern_encrypt(self, executable, message, recipient_cert):
        source = self.scratch(crlf(message))
        target = source + ".out"
        result = subprocess.run([executable, "encrypt", "--to", recipient_cert, source, "-o",
                                 target], capture_output=True, timeout=60)
        if result.returncode != 0:
            raise RuntimeError("postern encrypt: " + result.stderr.decode(errors="replace"))
        data = read(target)
        os.remove(source)
        os.remove(target)
        return crlf(data)

    def openssl_decrypt(self, message, cert, key):
        """The inner entity of an encrypted message, by openssl cms with @p key."""
        source = self.scratch(message)
        try:
            return openssl("cms", "-decrypt", "-binary", "-in", source, "-recip", cert,
                           "-inkey", key)
        finally:
            os.remove(source)


class TestMessage:
    """One message in the test mailbox with what Postern must make of it.

    kind: "clear" and "signed" (served byte-identical), "encrypted" (served decrypted),
    "undecryptable" (served unchanged, with an activity event saying why).
    inner: for messages encrypted here, the entity inside the envelope (None for corpus ones);
    signed: there is a signature inside the envelope;
    invitation: the original invitation message, when the content is one."""

    def __init__(self, name, data, kind, subject, inner=None, invitation=None, signed=False,
                 cipher=None, text=None, signature=None):
        self.name = name
        self.data = data
        self.kind = kind
        self.subject = subject
        self.inner = inner
        self.invitation = invitation
        self.signed = signed
        self.cipher = cipher  # the content cipher it was encrypted with, when known
        self.text = text  # bytes the decrypted body contains, when known
        self.signature = signature  # the signature verdict, when known
        self.uid = None

    @property
    def decryptable(self):
        return self.kind == "encrypted"

    def __repr__(self):
        return f"<{self.name} uid {self.uid}>"


def new_message_id():
    return f"<{uuid.uuid4().hex}@example.org>"


def clear_message(subject, body="Hello Alice,\n\nthe figures are attached.\n", sender=BOB,
                  to=ALICE, attachment=None):
    """A clear text message, or a multipart/mixed one with a base64 attachment."""
    head = (f"From: Bob Example <{sender}>\nTo: Alice Example <{to}>\nSubject: {subject}\n"
            f"Date: Thu, 03 Dec 2026 10:00:00 +0100\nMessage-ID: {new_message_id()}\n"
            "MIME-Version: 1.0\n")
    if attachment is None:
        return crlf(head + "Content-Type: text/plain; charset=utf-8\n"
                    "Content-Transfer-Encoding: 8bit\n\n" + body + "Grüße, Bob\n")
    encoded = base64.encodebytes(attachment).decode()
    return crlf(head + 'Content-Type: multipart/mixed; boundary="=-outer-7f3a"\n\n'
                "This is a multi-part message in MIME format.\n"
                "--=-outer-7f3a\nContent-Type: text/plain; charset=utf-8\n"
                "Content-Transfer-Encoding: quoted-printable\n\n" + body + "Gr=C3=BC=C3=9Fe\n"
                "--=-outer-7f3a\nContent-Type: application/octet-stream; name=\"figures.bin\"\n"
                "Content-Disposition: attachment; filename=\"figures.bin\"\n"
                "Content-Transfer-Encoding: base64\n\n" + encoded + "--=-outer-7f3a--\n")


def corpus_dir(explicit=None):
    directory = explicit or os.environ.get(CORPUS_ENV)
    if directory and os.path.isdir(os.path.join(directory, "ical")):
        return directory
    return None


def calendar_parts(data):
    """The decoded bytes of every text/calendar part of a message, in order."""
    parsed = email.message_from_bytes(data, policy=email.policy.compat32)
    return [part.get_payload(decode=True) for part in parsed.walk()
            if part.get_content_type() == "text/calendar"]


def calendar_entities(data):
    """(Content-Type parameters, transfer-encoded body) of every text/calendar part."""
    parsed = email.message_from_bytes(data, policy=email.policy.compat32)
    return [({k.lower(): v for k, v in part.get_params(header="content-type")[1:]},
             part.get_payload(decode=False))
            for part in parsed.walk() if part.get_content_type() == "text/calendar"]


def calendar_method(calendar):
    match = re.search(rb"^METHOD:(\S+)", calendar, re.MULTILINE)
    return match.group(1).decode() if match else None


def calendar_summary(calendar):
    """The first SUMMARY of a calendar, unfolded and unescaped, for matching activity."""
    text = re.sub(rb"\r?\n[ \t]", b"", calendar).decode("utf-8", "replace")
    match = re.search(r"^SUMMARY[^:]*:(.*)$", text, re.MULTILINE)
    return match.group(1).strip().replace("\\,", ",") if match else None


def imap_parts(data):
    """The IMAP part numbers (RFC 3501 6.4.5) of a message's MIME tree, each with whether it is
    a multipart; message/rfc822 parts are not descended into."""
    parsed = email.message_from_bytes(data, policy=email.policy.compat32)
    found = []

    def walk(entity, prefix):
        for index, child in enumerate(entity.get_payload(), start=1):
            number = f"{prefix}{index}"
            found.append((number, child.is_multipart()))
            if child.is_multipart():
                walk(child, number + ".")

    if parsed.is_multipart():
        walk(parsed, "")
    else:
        found.append(("1", False))
    return found


def build_messages(keys, executable, corpus=None):
    """The INBOX test set. Corpus-based messages are included when @p corpus is given."""
    messages = []
    attachment = bytes(range(256)) * 12

    def add(*arguments, **named):
        messages.append(TestMessage(*arguments, **named))

    subject = "Clear text"
    add("clear-text", clear_message(subject), "clear", subject)
    subject = "Clear with an attachment"
    add("clear-mixed", clear_message(subject, attachment=attachment), "clear", subject)

    subject = "Signed only"
    add("signed", keys.openssl_sign(clear_message(subject), keys.bob_cert, keys.bob_key),
        "signed", subject)

    subject = "Encrypted by openssl"
    original = clear_message(subject, attachment=attachment)
    add("openssl-encrypted", keys.openssl_encrypt(original, keys.alice_cert), "encrypted",
        subject, inner=split_for_encryption(original)[1], cipher="AES-256-CBC")

    subject = "Encrypted by Postern"
    original = clear_message(subject)
    add("postern-encrypted", keys.postern_encrypt(executable, original, keys.alice_cert),
        "encrypted", subject, inner=split_for_encryption(original)[1])

    subject = "Signed and encrypted"
    signed = keys.openssl_sign(clear_message(subject), keys.bob_cert, keys.bob_key)
    add("signed-encrypted", keys.openssl_encrypt(signed, keys.alice_cert, cipher="-aes128"),
        "encrypted", subject, signed=True, cipher="AES-128-CBC")

    subject = "Encrypted to someone else"
    add("other-recipient", keys.openssl_encrypt(clear_message(subject), keys.carol_cert),
        "undecryptable", subject)

    subject = "Corrupt envelope"
    whole = keys.openssl_encrypt(clear_message(subject), keys.alice_cert)
    head, body = split_message(whole)
    lines = body.split(b"\r\n")
    # Half the base64 lines are gone: the DER cannot parse, so no key can open it.
    corrupt = head + b"\r\n".join(lines[:len(lines) // 2]) + b"\r\n"
    add("corrupt", corrupt, "undecryptable", subject)

    if corpus:
        for index, (relative, how) in enumerate(CORPUS_INVITATIONS):
            invitation = crlf(read(os.path.join(corpus, relative)))
            subject = header_value(invitation, "Subject")
            if how == "openssl":
                data = keys.openssl_encrypt(invitation, keys.alice_cert)
            else:
                data = keys.postern_encrypt(executable, invitation, keys.alice_cert)
            add(f"invitation-{index}", data, "encrypted", subject, invitation=invitation,
                inner=split_for_encryption(invitation)[1],
                cipher="AES-256-CBC" if how == "openssl" else None)
        for index, (relative, signed, cipher, text, signature) in enumerate(CORPUS_ENCRYPTED):
            data = crlf(read(os.path.join(corpus, relative)))
            add(f"corpus-{index}", data, "encrypted", header_value(data, "Subject"),
                signed=signed, cipher=cipher, text=text, signature=signature)
    return messages


class Environment:
    """Dovecot (with TLS), a Postern profile with the accounts the suite needs, and the test
    messages in Alice's INBOX. Accounts (all in one Postern):

      main      Alice's account, plain upstream, STARTTLS and implicit TLS towards the client
      tls       the same Dovecot over implicit TLS, verified with --ca-file
      starttls  the same Dovecot with STARTTLS, verified with --ca-file
      noca      implicit TLS without the test CA: the certificate cannot be verified
      hostile   hostile_server.py as the upstream (when given)
    """

    def __init__(self, executable, corpus=None, hostile_port=None, with_messages=True):
        self.executable = executable
        self.directory = tempfile.mkdtemp(prefix="postern-imap-test-")
        self.dovecot = None
        self.postern = None
        try:
            self._set_up(corpus, hostile_port, with_messages)
        except BaseException:
            self.stop()
            raise

    def _set_up(self, corpus, hostile_port, with_messages):
        self.keys = Keys(os.path.join(self.directory, "keys"))
        pki = self.keys.pki
        self.dovecot = TestDovecot(user=ALICE, password=PASSWORD, certificate=pki.server_cert,
                               key=pki.server_key)
        add_dovecot_user(self.dovecot, OTHER_USER, PASSWORD)

        self.postern = harness.Postern(self.executable, self.directory, STORE_PASSPHRASE)
        bundle = harness.identity_bundle(self.keys.alice_cert, self.keys.alice_key,
                                         self.keys.path("alice-bundle.pem"))
        self.postern.import_certificate(bundle)
        self.postern.import_certificate(self.keys.bob_cert)
        if corpus:
            key, certificate = (os.path.join(corpus, name) for name in CORPUS_KEY)
            corpus_bundle = harness.identity_bundle(certificate, key,
                                                    self.keys.path("smime2-bundle.pem"))
            self.postern.import_certificate(corpus_bundle, trust=False)
            p12, password = CORPUS_P12
            pass_file = self.keys.path("p12.pass")
            with open(pass_file, "w") as out:
                out.write(password + "\n")
            self.postern.cli("cert", "import", os.path.join(corpus, p12), "--pass-file",
                             pass_file, "--store-pass-file", self.postern.pass_file)
            self.postern.import_certificate(os.path.join(corpus, CORPUS_ROOT))
        identity = self.postern.certificate_id(self.keys.alice_cert)

        self.ports = {}
        self.tls_port = free_port()
        self.add_account("main", ALICE, f"127.0.0.1:{self.dovecot.port}", "none",
                         identity=identity, extra=("--imap-listen-tls", str(self.tls_port)))
        self.add_account("tls", "alice.tls@example.org", f"localhost:{self.dovecot.tls_port}",
                         "tls", ca_file=pki.ca_cert)
        self.add_account("starttls", "alice.starttls@example.org",
                         f"localhost:{self.dovecot.port}", "starttls", ca_file=pki.ca_cert)
        self.add_account("noca", "alice.noca@example.org", f"localhost:{self.dovecot.tls_port}",
                         "tls")
        if hostile_port:
            self.add_account("hostile", "hostile@example.org", f"127.0.0.1:{hostile_port}",
                             "none")
        self.postern.cli("policy", "apply-template", "main", "encrypt-everything")
        # The other Dovecot user's account keeps what its client stores as it is, when the
        # account commands have that switch.
        usage = self.postern.cli("account", "add", "--help", check=False)
        self.has_copies_switch = "--clear-stored-copies" in usage.stdout + usage.stderr
        if self.has_copies_switch:
            self.add_account("copiesclear", OTHER_USER, f"127.0.0.1:{self.dovecot.port}", "none",
                             identity=identity, extra=("--clear-stored-copies",))
            self.postern.cli("policy", "apply-template", "copiesclear", "encrypt-everything")

        self.messages = []
        if with_messages:
            self.messages = build_messages(self.keys, self.executable, corpus)
            with self.dovecot.client() as connection:
                for message in self.messages:
                    message.uid = connection.append("INBOX", message.data)
            for name in ("Sent", "Oracle", "Idle"):
                self.dovecot.create_mailbox(name)
            with self.direct(OTHER_USER) as connection:
                connection.check(connection.command(b"CREATE Sent"))

        self.postern.start(list(self.ports.values()) + [self.tls_port])

    def add_account(self, name, address, server, security, ca_file=None, identity=None,
                    extra=()):
        port = free_port()
        arguments = ["account", "add", name, "--address", address, "--imap", server,
                     "--imap-security", security, "--smtp", f"localhost:{free_port()}",
                     "--smtp-security", "starttls", "--smtp-listen", str(free_port()),
                     "--imap-listen", str(port)]
        if ca_file:
            arguments += ["--ca-file", ca_file]
        if identity:
            arguments += ["--identity", identity]
        self.postern.cli(*arguments, *extra)
        self.ports[name] = port

    @property
    def loopback_certificate(self):
        return os.path.join(self.postern.profile, "tls", "loopback-cert.pem")

    def client(self, account="main", user=ALICE, login=True, tls=False, timeout=30):
        """A raw client session through Postern, logged in as @p user."""
        port = self.tls_port if tls else self.ports[account]
        connection = ImapClient("127.0.0.1", port, tls=tls, timeout=timeout,
                                ca_file=self.loopback_certificate if tls else None)
        if login:
            connection.login(user, PASSWORD)
        return connection

    def direct(self, user=ALICE):
        """A raw client session straight to Dovecot."""
        connection = ImapClient("127.0.0.1", self.dovecot.port)
        connection.login(user, PASSWORD)
        return connection

    def message(self, name):
        for message in self.messages:
            if message.name == name:
                return message
        raise KeyError(name)

    def stop(self):
        if self.postern is not None:
            self.postern.stop()
        if self.dovecot is not None:
            self.dovecot.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


class TestDovecot(Dovecot):
    """dovecot.py's server with room for the suite's concurrent sessions: Dovecot allows ten
    per user and address by default, and every session through Postern comes from 127.0.0.1."""

    def _configure(self, certificate, key):
        super()._configure(certificate, key)
        with open(self.config_path, "a") as out:
            out.write("protocol imap {\n  mail_max_userip_connections = 200\n}\n")


def add_dovecot_user(server, user, password):
    """A second passwd-file user; Dovecot re-reads the file when it changes."""
    with open(server.path("users"), "a") as out:
        out.write(f"{user}:{{PLAIN}}{password}::::::\n")


def body_of(response, name=b"BODY[]"):
    """The bytes of a literal or quoted string item in one FETCH response."""
    value = fetch_item(response, name)
    if value is None:
        raise AssertionError(f"no {name!r} in {response[:200]!r}")
    if value.startswith(b"{"):
        return value[value.index(b"}\r\n") + 3:]
    if value == b"NIL":
        return None
    return value[1:-1]


def missing_peers(*tools):
    return [tool for tool in tools if shutil.which(tool) is None]


if __name__ == "__main__":
    sys.exit("a module for test_imap_proxy.py and bench/imap_benchmark.py")
