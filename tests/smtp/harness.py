"""Shared set-up for the SMTP proxy test and benchmark: test keys and certificates made by the
openssl command-line tool, the aiosmtpd upstream in upstream_smtpd.py, and a Postern profile
served with `postern --headless`. Everything binds 127.0.0.1 and lives in one temporary folder.
"""
import json
import os
import signal
import smtplib
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
# Debian's aiosmtpd is importable only by the system interpreter (see the upstream's docstring).
SYSTEM_PYTHON = "/usr/bin/python3"


def openssl(*arguments, stdin=None):
    result = subprocess.run(["openssl", *arguments], input=stdin, capture_output=True)
    if result.returncode != 0:
        raise RuntimeError(f"openssl {' '.join(arguments)}: "
                           f"{result.stderr.decode(errors='replace')}")
    return result.stdout


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


def wait_until(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.05)


def read(path):
    with open(path, "rb") as source:
        return source.read()


def identity_bundle(certificate, key, path):
    """Key and certificate in one PEM file, a form `postern cert import` reads."""
    with open(path, "wb") as out:
        out.write(read(key) + read(certificate))
    return path


def wire_bytes(message):
    """The message as an SMTP server stores it after smtplib's sendmail() sent it: a str has
    every line end made CRLF, bytes go as they are; the data ends with CRLF before the final dot,
    and the dot-stuffing is undone by the server (RFC 5321 4.5.2)."""
    data = smtplib._fix_eols(message).encode("ascii") if isinstance(message, str) else message
    return data if data.endswith(b"\r\n") else data + b"\r\n"


class Pki:
    """A TLS test CA with a server certificate for DNS:localhost, and S/MIME people."""

    def __init__(self, directory):
        self.directory = directory
        os.makedirs(directory, exist_ok=True)
        self.ca_cert = self.path("tls-ca.pem")
        self.ca_key = self.path("tls-ca.key")
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", self.ca_key,
                "-out", self.ca_cert, "-days", "2", "-subj", "/CN=Postern SMTP Test CA",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        self.server_key = self.path("server.key")
        self.server_cert = self.path("server.pem")
        request = self.path("server.csr")
        openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", self.server_key,
                "-out", request, "-subj", "/CN=localhost")
        extensions = self.path("server.ext")
        with open(extensions, "w") as out:
            out.write("basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost\n"
                      "extendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n")
        openssl("x509", "-req", "-in", request, "-CA", self.ca_cert, "-CAkey", self.ca_key,
                "-CAcreateserial", "-out", self.server_cert, "-days", "2", "-extfile", extensions)

    def path(self, name):
        return os.path.join(self.directory, name)

    def person(self, address, name):
        """A self-signed S/MIME certificate and its key; returns (certificate, key) paths."""
        local = address.split("@")[0]
        key = self.path(f"{local}.key")
        certificate = self.path(f"{local}.pem")
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out",
                certificate, "-days", "30", "-subj", f"/CN={name}/emailAddress={address}",
                "-addext", f"subjectAltName=email:{address}",
                "-addext", "extendedKeyUsage=emailProtection",
                "-addext", "keyUsage=digitalSignature,keyEncipherment")
        return certificate, key


class Upstream:
    """upstream_smtpd.py as a child process; `port` is where it listens."""

    def __init__(self, directory, pki=None, users=(), password=None, drop_in_data=0):
        self.maildir = directory
        command = [SYSTEM_PYTHON, os.path.join(HERE, "upstream_smtpd.py"), "--maildir", directory]
        if pki is not None:
            command += ["--cert", pki.server_cert, "--key", pki.server_key]
        if users:
            command += ["--password", password]
            for user in users:
                command += ["--user", user]
        if drop_in_data:
            command += ["--drop-in-data", str(drop_in_data)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        line = self.process.stdout.readline()
        if not line:
            self.process.wait(10)
            raise RuntimeError("the upstream SMTP server did not start")
        self.port = json.loads(line)["port"]

    def deliveries(self):
        """[(raw bytes, envelope dict)] of every stored message, in no particular order."""
        folder = os.path.join(self.maildir, "new")
        found = []
        for name in sorted(os.listdir(folder)):
            if name.endswith(".eml"):
                with open(os.path.join(folder, name), "rb") as raw:
                    data = raw.read()
                with open(os.path.join(folder, name[:-4] + ".json")) as sidecar:
                    found.append((data, json.load(sidecar)))
        return found

    def leftovers(self):
        """Files of unfinished deliveries."""
        return os.listdir(os.path.join(self.maildir, "tmp"))

    def clear(self):
        for sub in ("new", "tmp"):
            folder = os.path.join(self.maildir, sub)
            for name in os.listdir(folder):
                os.remove(os.path.join(folder, name))

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()


class Postern:
    """A profile driven through the postern command line, and its headless proxies."""

    def __init__(self, executable, directory, store_passphrase):
        self.executable = executable
        self.profile = os.path.join(directory, "profile")
        self.pass_file = os.path.join(directory, "store.pass")
        with open(self.pass_file, "w") as out:
            out.write(store_passphrase + "\n")
        self.process = None
        self.output = None

    def cli(self, *arguments, check=True):
        result = subprocess.run([self.executable, "--profile", self.profile, *arguments],
                                capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise RuntimeError(f"postern {' '.join(arguments)} -> {result.returncode}: "
                               f"{result.stderr}")
        return result

    def certificate_id(self, certificate):
        """The store ID (SHA-256 fingerprint) of a PEM certificate, computed by openssl."""
        text = openssl("x509", "-in", certificate, "-noout", "-fingerprint", "-sha256").decode()
        return text.split("=", 1)[1].strip().replace(":", "").lower()

    def import_certificate(self, path, trust=True):
        self.cli("cert", "import", path, "--store-pass-file", self.pass_file)
        if trust:
            self.cli("cert", "trust", self.certificate_id(path), "--store-pass-file",
                     self.pass_file)

    def add_account(self, name, address, upstream_port, listen_port, ca_file=None, template=None,
                    template_options=(), identity=None, extra=()):
        arguments = ["account", "add", name, "--address", address, "--imap", "127.0.0.1:1143",
                     "--imap-security", "none", "--smtp", f"localhost:{upstream_port}",
                     "--smtp-security", "starttls", "--smtp-listen", str(listen_port),
                     "--imap-listen", str(free_port())]
        if ca_file is not None:
            arguments += ["--ca-file", ca_file]
        if identity is not None:
            arguments += ["--identity", identity]
        self.cli(*arguments, *extra)
        if template is not None:
            self.cli("policy", "apply-template", name, template, *template_options)

    def start(self, ports, verbose=True):
        command = [self.executable, "--profile", self.profile, "--headless",
                   "--store-pass-file", self.pass_file]
        if verbose:
            command.append("--verbose")
        self.output = open(os.path.join(os.path.dirname(self.profile), "headless.out"), "wb")
        self.process = subprocess.Popen(command, stdout=self.output, stderr=subprocess.STDOUT)

        def listening(port):
            if self.process.poll() is not None:
                self.output.flush()
                with open(self.output.name, "rb") as said:
                    raise RuntimeError(f"postern --headless exited with {self.process.returncode}: "
                                       f"{said.read().decode(errors='replace')}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return True
            except OSError:
                return False

        for port in ports:
            wait_until(lambda: listening(port), 60, f"Postern to listen on {port}")

    def stop(self):
        """SIGTERM, as a service manager stops it; returns the exit status."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.output.close()
        status = self.process.returncode
        self.process = None
        return status

    def activity(self):
        path = os.path.join(self.profile, "activity.jsonl")
        if not os.path.exists(path):
            return []
        with open(path) as lines:
            return [json.loads(line) for line in lines if line.strip()]

    def log_text(self):
        folder = os.path.join(self.profile, "logs")
        text = b""
        if os.path.isdir(folder):
            for name in sorted(os.listdir(folder)):
                with open(os.path.join(folder, name), "rb") as log:
                    text += log.read()
        return text


def require_tools():
    """Names of the missing peers this suite needs, for a clear skip message."""
    missing = [tool for tool in ("openssl", "swaks", "curl") if not _which(tool)]
    try:
        subprocess.run([SYSTEM_PYTHON, "-c", "import aiosmtpd"], check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError):
        missing.append("python3-aiosmtpd")
    return missing


def _which(tool):
    return any(os.access(os.path.join(folder, tool), os.X_OK)
               for folder in os.environ.get("PATH", "").split(os.pathsep))


if __name__ == "__main__":
    sys.exit("a module for test_smtp_proxy.py and bench/smtp_benchmark.py")
