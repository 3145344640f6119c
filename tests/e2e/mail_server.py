#!/usr/bin/python3
"""The outgoing half of a small mail provider for the end-to-end test and scripts/demo.

An SMTP server built on Debian's python3-aiosmtpd (so run it with /usr/bin/python3) that
delivers into the Maildirs a Dovecot serves, the way a provider's MTA hands mail to its IMAP
store: what one user sends, the other reads from Dovecot.

- It listens on 127.0.0.1 (a free port unless --port is given) and prints one JSON line,
  {"port": N}, once it accepts connections.
- It offers STARTTLS with --cert/--key and, like a provider's submission port, accepts AUTH
  PLAIN and LOGIN only after STARTTLS and requires a login before MAIL. Logins and passwords
  are Dovecot's own passwd-file (--passwd-file, `user:{PLAIN}password:...` lines), so one user
  database serves IMAP and SMTP. The envelope sender must be the logged-in user.
- Recipients must be users of that file (others get 550: this server relays nowhere). Each
  message is stored, per recipient, in MAIL_ROOT/USER/ (Dovecot's `maildir:MAIL_ROOT/%u`):
  a Return-Path and a Received field, then the bytes exactly as received (after the
  transparency dots are removed, RFC 5321 4.5.2). The file is written in tmp/ and renamed into
  new/, so Dovecot never sees a partial delivery, and it is given the owner of the Maildir,
  because Dovecot (running as its mail user) must be able to move it to cur/.
"""
import argparse
import email.utils
import os
import ssl
import sys
import time
import uuid

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "smtp"))
import upstream_smtpd  # noqa: E402


def read_passwd_file(path):
    """{user: password} of the `{PLAIN}` entries of a Dovecot passwd-file."""
    users = {}
    with open(path) as source:
        for line in source:
            fields = line.rstrip("\n").split(":")
            if len(fields) >= 2 and fields[1].startswith("{PLAIN}"):
                users[fields[0]] = fields[1][len("{PLAIN}"):]
    return users


class DeliveringHandler:
    """aiosmtpd hooks: local recipients only, delivery into their Maildirs."""

    def __init__(self, passwd_file, mail_root):
        self.passwd_file = passwd_file
        self.mail_root = mail_root

    def users(self):
        # Read on every use: a harness may add a user to the running Dovecot's file.
        return read_passwd_file(self.passwd_file)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        login = session.auth_data.login.decode() if session.auth_data else None
        if login is not None and address.lower() != login.lower():
            return f"553 5.7.1 {login} may not send as <{address}>"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 2.1.0 OK"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() not in {user.lower() for user in self.users()}:
            return f"550 5.1.1 <{address}>: no such user here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        names = [self.deliver(envelope, session, recipient) for recipient in envelope.rcpt_tos]
        return "250 2.0.0 delivered as " + " ".join(names)

    def deliver(self, envelope, session, recipient):
        users = {user.lower(): user for user in self.users()}
        maildir = os.path.join(self.mail_root, users[recipient.lower()])
        owner = os.stat(self.mail_root)
        for sub in ("", "tmp", "new", "cur"):
            folder = os.path.join(maildir, sub)
            if not os.path.isdir(folder):
                os.makedirs(folder)
                os.chown(folder, owner.st_uid, owner.st_gid)
        # What every MTA adds in front; the message itself follows byte for byte.
        trace = (f"Return-Path: <{envelope.mail_from}>\r\n"
                 f"Received: from {session.host_name or 'unknown'} ([{session.peer[0]}])\r\n"
                 f"\tby localhost (postern-e2e aiosmtpd) with "
                 f"{'ESMTPSA' if session.auth_data else 'ESMTP'}\r\n"
                 f"\tfor <{recipient}>; {email.utils.formatdate(localtime=True)}\r\n")
        name = f"{int(time.time())}.{uuid.uuid4().hex}.localhost"
        temporary = os.path.join(maildir, "tmp", name)
        with open(temporary, "wb") as out:
            out.write(trace.encode() + envelope.original_content)
        os.chown(temporary, owner.st_uid, owner.st_gid)
        os.rename(temporary, os.path.join(maildir, "new", name))
        return name


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passwd-file", required=True)
    parser.add_argument("--mail-root", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    arguments = parser.parse_args()

    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(arguments.cert, arguments.key)
    handler = DeliveringHandler(arguments.passwd_file, arguments.mail_root)

    def authenticator(server, session, envelope, mechanism, data):
        ok = False
        if isinstance(data, LoginPassword):
            password = handler.users().get(data.login.decode(errors="replace"))
            ok = password is not None and data.password == password.encode()
        # Not "handled": on failure aiosmtpd answers 535 itself instead of staying silent.
        return AuthResult(success=ok, handled=False, auth_data=data if ok else None)

    def factory(loop):
        return SMTP(handler, hostname="localhost", tls_context=tls, loop=loop,
                    authenticator=authenticator, auth_required=True, auth_require_tls=True)

    return upstream_smtpd.serve(factory, arguments.port)


if __name__ == "__main__":
    sys.exit(main())
