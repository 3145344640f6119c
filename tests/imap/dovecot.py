"""Debian's Dovecot as an IMAP test peer, and a raw IMAP client that keeps the exact bytes.

Dovecot runs from its own configuration in a temporary folder (base, state and log folders
there too), listens on 127.0.0.1 high ports found by a free-port probe, and authenticates one
passwd-file user with a known password against a Maildir under the same folder. With a
certificate it also offers implicit TLS on a second port and STARTTLS on the plain one.

The client deliberately does not use imaplib: imaplib turns responses into Python values and
loses the exact bytes (quoting, literals, spacing) that the tests compare.
"""
import os
import pwd
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import time


_ports_given = set()


def free_port():
    """A port the kernel just handed out on 127.0.0.1 (an ephemeral, so high, one), never one
    this process was given before: the kernel may hand a released port out again, and a test
    asks for several before it binds any of them."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port not in _ports_given:
            _ports_given.add(port)
            return port


def _wait_listening(port, timeout, log_path):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    log = ""
    if os.path.exists(log_path):
        with open(log_path, errors="replace") as source:
            log = source.read()[-2000:]
    raise TimeoutError(f"Dovecot did not listen on {port}:\n{log}")


class Dovecot:
    """One Dovecot instance with one user. Use as a context manager, or call stop()."""

    def __init__(self, user="tester", password="secret-password", certificate=None, key=None,
                 binary="/usr/sbin/dovecot"):
        """@p certificate and @p key are PEM files; with them the server also speaks TLS."""
        if not os.path.exists(binary):
            raise FileNotFoundError(f"{binary} is not installed (Debian: dovecot-imapd)")
        self.user = user
        self.password = password
        self.binary = binary
        self.directory = tempfile.mkdtemp(prefix="dovecot-test-")
        # Dovecot's unprivileged processes (dovecot, dovenull) must reach base_dir and the
        # configuration; mkdtemp makes the folder private.
        os.chmod(self.directory, 0o755)
        self.port = free_port()
        self.tls_port = free_port() if certificate else None
        self._running = False
        try:
            self._configure(certificate, key)
            self._start()
        except BaseException:
            self.stop()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.stop()

    def path(self, *names):
        return os.path.join(self.directory, *names)

    def _configure(self, certificate, key):
        for name in ("base", "state", "mail"):
            os.makedirs(self.path(name))
            os.chmod(self.path(name), 0o755)
        owner = pwd.getpwuid(os.getuid())
        uid, gid = owner.pw_uid, owner.pw_gid
        if os.getuid() == 0:
            # Root cannot be the mail user; the dovecot account owns the mail instead.
            account = pwd.getpwnam("dovecot")
            uid, gid = account.pw_uid, account.pw_gid
            os.chown(self.path("mail"), uid, gid)
        self.log_path = self.path("dovecot.log")
        with open(self.path("users"), "w") as out:
            out.write(f"{self.user}:{{PLAIN}}{self.password}::::::\n")
        os.chmod(self.path("users"), 0o644)

        ssl_lines = ["ssl = no"]
        tls_listener = ""
        if certificate:
            shutil.copy(certificate, self.path("server.pem"))
            shutil.copy(key, self.path("server.key"))
            for name in ("server.pem", "server.key"):
                os.chmod(self.path(name), 0o644)
            ssl_lines = ["ssl = yes", f"ssl_cert = <{self.path('server.pem')}",
                         f"ssl_key = <{self.path('server.key')}"]
            tls_listener = (f"  inet_listener imaps {{\n    address = 127.0.0.1\n"
                            f"    port = {self.tls_port}\n    ssl = yes\n  }}\n")
        internal = ""
        if os.getuid() == 0:
            internal = "default_internal_user = dovecot\ndefault_login_user = dovenull\n"
        else:
            internal = (f"default_internal_user = {owner.pw_name}\n"
                        f"default_login_user = {owner.pw_name}\n")
        config = f"""\
base_dir = {self.path('base')}
state_dir = {self.path('state')}
log_path = {self.log_path}
info_log_path = {self.log_path}
{internal}protocols = imap
listen = 127.0.0.1
disable_plaintext_auth = no
auth_mechanisms = plain login
{chr(10).join(ssl_lines)}
mail_location = maildir:{self.path('mail')}/%u
mail_uid = {uid}
mail_gid = {gid}
first_valid_uid = 0
first_valid_gid = 0
passdb {{
  driver = passwd-file
  args = {self.path('users')}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={self.path('mail')}/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
{tls_listener}}}
service anvil {{
  chroot =
}}
service imap-login {{
  chroot =
}}
namespace inbox {{
  inbox = yes
  separator = /
}}
"""
        self.config_path = self.path("dovecot.conf")
        with open(self.config_path, "w") as out:
            out.write(config)
        os.chmod(self.config_path, 0o644)

    def _start(self):
        # The daemon keeps its standard streams: a pipe would never reach end of file.
        with open(self.path("startup.log"), "wb") as output:
            result = subprocess.run([self.binary, "-c", self.config_path],
                                    stdout=output, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            with open(self.path("startup.log"), errors="replace") as source:
                raise RuntimeError("dovecot failed to start: " + source.read())
        self._running = True
        _wait_listening(self.port, 15, self.log_path)
        if self.tls_port:
            _wait_listening(self.tls_port, 15, self.log_path)

    def stop(self):
        """Stops the server started here (by its own pid file) and removes its folder."""
        if self._running:
            self._running = False
            pid = None
            try:
                with open(self.path("base", "master.pid")) as source:
                    pid = int(source.read().strip())
            except (OSError, ValueError):
                pass
            subprocess.run([self.binary, "-c", self.config_path, "stop"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           stdin=subprocess.DEVNULL)
            if pid:
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline and _alive(pid):
                    time.sleep(0.05)
        shutil.rmtree(self.directory, ignore_errors=True)

    def client(self, tls=False, login=True):
        """A logged-in raw client; @p tls connects to the implicit TLS port."""
        connection = ImapClient("127.0.0.1", self.tls_port if tls else self.port, tls=tls)
        if login:
            connection.login(self.user, self.password)
        return connection

    def create_mailbox(self, name):
        with self.client() as connection:
            connection.check(connection.command(b"CREATE " + quote(name)))

    def append(self, mailbox, message, flags=()):
        """APPENDs @p message (bytes, sent as they are) and returns its UID."""
        with self.client() as connection:
            return connection.append(mailbox, message, flags)


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def quote(text):
    if isinstance(text, str):
        text = text.encode()
    return b'"' + text.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'


class ImapError(RuntimeError):
    pass


class ImapClient:
    """A minimal IMAP4rev1 client that reads responses as exact bytes, literals included."""

    def __init__(self, host, port, tls=False, timeout=30, ca_file=None):
        raw = socket.create_connection((host, port), timeout=timeout)
        if tls:
            context = ssl.create_default_context(cafile=ca_file)
            if ca_file is None:
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            raw = context.wrap_socket(raw, server_hostname=host)
        self.socket = raw
        self.buffer = bytearray()
        self.position = 0
        self.counter = 0
        self.greeting = self.read_response()

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.close()

    def close(self):
        try:
            self.socket.sendall(b"z LOGOUT\r\n")
        except OSError:
            pass
        self.socket.close()

    def starttls(self, ca_file=None):
        self.check(self.command(b"STARTTLS"))
        context = ssl.create_default_context(cafile=ca_file)
        if ca_file is None:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        self.socket = context.wrap_socket(self.socket, server_hostname="localhost")

    def _fill(self):
        chunk = self.socket.recv(1 << 20)
        if not chunk:
            raise ImapError("connection closed by the server")
        # What was read is dropped only now and then: slicing the rest off the buffer after
        # every line would copy it again for each line, a cost of the client, not the server.
        if self.position > (1 << 16):
            del self.buffer[:self.position]
            self.position = 0
        self.buffer += chunk

    def _line(self):
        while True:
            end = self.buffer.find(b"\r\n", self.position)
            if end >= 0:
                line = bytes(self.buffer[self.position:end + 2])
                self.position = end + 2
                return line
            self._fill()

    def _exactly(self, count):
        while len(self.buffer) - self.position < count:
            self._fill()
        data = bytes(self.buffer[self.position:self.position + count])
        self.position += count
        return data

    def read_response(self):
        """One whole response: its lines and the literals they announce, as received."""
        response = b""
        while True:
            line = self._line()
            response += line
            literal = re.search(rb"\{(\d+)\+?\}\r\n$", line)
            if not literal:
                return response
            response += self._exactly(int(literal.group(1)))

    def command(self, text, literals=()):
        """Sends a command (without tag) and returns (untagged responses, tagged response).
        Each of @p literals replaces one '{}' placeholder in @p text, synchronising properly."""
        self.counter += 1
        tag = b"t%d" % self.counter
        if isinstance(text, str):
            text = text.encode()
        pieces = text.split(b"{}")
        if len(pieces) != len(literals) + 1:
            raise ValueError("placeholders and literals differ in number")
        self.socket.sendall(tag + b" " + pieces[0])
        untagged = []
        for literal, piece in zip(literals, pieces[1:]):
            self.socket.sendall(b"{%d}\r\n" % len(literal))
            while True:
                response = self.read_response()
                if response.startswith(b"+"):
                    break
                if response.startswith(tag + b" "):
                    return untagged, response
                untagged.append(response)
            self.socket.sendall(literal + piece)
        self.socket.sendall(b"\r\n")
        while True:
            response = self.read_response()
            if response.startswith(tag + b" "):
                return untagged, response
            untagged.append(response)

    @staticmethod
    def check(result):
        untagged, tagged = result
        if not re.match(rb"^\S+ OK", tagged):
            raise ImapError(tagged.decode(errors="replace").strip())
        return untagged

    def login(self, user, password):
        self.check(self.command(b"LOGIN " + quote(user) + b" " + quote(password)))

    def select(self, mailbox="INBOX"):
        return self.check(self.command(b"SELECT " + quote(mailbox)))

    def append(self, mailbox, message, flags=()):
        flag_text = b"(" + b" ".join(f.encode() if isinstance(f, str) else f
                                     for f in flags) + b") " if flags else b""
        tagged = self.command(b"APPEND " + quote(mailbox) + b" " + flag_text + b"{}",
                              [message])[1]
        if not re.match(rb"^\S+ OK", tagged):
            raise ImapError(tagged.decode(errors="replace").strip())
        uid = re.search(rb"\[APPENDUID \d+ (\d+)\]", tagged)
        return int(uid.group(1)) if uid else None

    def uid_fetch(self, uid, items):
        """The untagged FETCH responses of `UID FETCH uid (items)`, as exact bytes."""
        if isinstance(items, str):
            items = items.encode()
        return [r for r in self.check(self.command(b"UID FETCH %d (%s)" % (uid, items)))
                if re.match(rb"^\* \d+ FETCH ", r)]


def fetch_items(response):
    """Cuts one FETCH response into {item name: exact value bytes} and the item order.
    The name is as the server wrote it (e.g. b'BODY[1.MIME]<0>'); the value is the exact
    text after the name's space: a literal keeps its {n}CRLF announcement."""
    match = re.match(rb"^\* \d+ FETCH \(", response)
    if not match:
        raise ValueError("not a FETCH response")
    position = match.end()
    items = []
    while True:
        if response[position:position + 1] == b")":
            if response[position:] != b")\r\n":
                raise ValueError("trailing bytes after the FETCH list")
            return items
        name_end = _name_end(response, position)
        name = response[position:name_end]
        if response[name_end:name_end + 1] != b" ":
            raise ValueError("no space after " + name.decode(errors="replace"))
        value_start = name_end + 1
        value_end = _value_end(response, value_start)
        items.append((name, response[value_start:value_end]))
        position = value_end
        if response[position:position + 1] == b" ":
            position += 1


def fetch_item(response, name):
    """The exact value bytes of item @p name in one FETCH response, or None."""
    for item_name, value in fetch_items(response):
        if item_name.upper() == name.upper():
            return value
    return None


def _name_end(data, position):
    depth = 0
    while position < len(data):
        byte = data[position:position + 1]
        if byte == b"[":
            depth += 1
        elif byte == b"]":
            depth -= 1
        elif byte == b" " and depth == 0:
            return position
        position += 1
    raise ValueError("unterminated item name")


def _value_end(data, position):
    """One past the end of the IMAP value starting at @p position."""
    first = data[position:position + 1]
    if first == b"(":
        position += 1
        while data[position:position + 1] != b")":
            if data[position:position + 1] == b" ":
                position += 1
                continue
            position = _value_end(data, position)
        return position + 1
    if first == b'"':
        position += 1
        while data[position:position + 1] != b'"':
            position += 2 if data[position:position + 1] == b"\\" else 1
            if position >= len(data):
                raise ValueError("unterminated quoted string")
        return position + 1
    if first == b"{":
        close = data.index(b"}\r\n", position)
        return close + 3 + int(data[position + 1:close])
    while position < len(data) and data[position:position + 1] not in (b" ", b")", b"\r"):
        if data[position:position + 1] == b"[":
            position = data.index(b"]", position)
        position += 1
    return position
