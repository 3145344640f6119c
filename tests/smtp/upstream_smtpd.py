#!/usr/bin/python3
"""A stand-in for an account's real SMTP server, for Postern's SMTP proxy tests and benchmark.

Built on Debian's python3-aiosmtpd, so run it with /usr/bin/python3. It listens on 127.0.0.1
(on a free port unless --port is given) and prints one JSON line, {"port": N}, once it accepts
connections. With --cert/--key it offers STARTTLS (RFC 3207); with --user/--password it offers
AUTH PLAIN and LOGIN (for the --user
logins, all with the one --password) only after STARTTLS and requires a login before MAIL.

Each accepted message is stored Maildir-style under --maildir: the bytes exactly as received
(after the transparency dots are removed, RFC 5321 4.5.2; nothing is added, no Received: line)
in new/NAME.eml, and the envelope in new/NAME.json. Both are written in tmp/ and renamed, the
sidecar first, so a reader that lists *.eml never sees a partial delivery.

--drop-in-data N answers DATA with 354, reads N lines of the message and then closes the
connection without a reply: a server that fails in the middle of a transfer.
"""
import argparse
import asyncio
import json
import os
import signal
import ssl
import sys
import uuid

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class MaildirHandler:
    def __init__(self, directory):
        self.directory = directory
        for sub in ("tmp", "new"):
            os.makedirs(os.path.join(directory, sub), exist_ok=True)

    async def handle_DATA(self, server, session, envelope):
        name = uuid.uuid4().hex
        login = session.auth_data.login.decode() if session.auth_data else None
        sidecar = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "mail_options": list(envelope.mail_options),
            "tls": session.ssl is not None,
            "login": login,
        }
        written = ((".json", json.dumps(sidecar).encode()), (".eml", envelope.original_content))
        for suffix, data in written:
            temporary = os.path.join(self.directory, "tmp", name + suffix)
            with open(temporary, "wb") as out:
                out.write(data)
            os.rename(temporary, os.path.join(self.directory, "new", name + suffix))
        return "250 2.0.0 stored as " + name


class DroppingSMTP(SMTP):
    """Closes the connection after reading part of the message."""

    drop_after_lines = 1

    async def smtp_DATA(self, arg):
        if await self.check_helo_needed() or await self.check_auth_needed("DATA"):
            return
        if not self.envelope.rcpt_tos:
            await self.push("503 Error: need RCPT command")
            return
        await self.push("354 End data with <CR><LF>.<CR><LF>")
        for _ in range(self.drop_after_lines):
            await self._reader.readuntil(b"\r\n")
        # abort(), not close(): nothing more is written, not even what is still buffered, and
        # the wait below keeps this session from reading the rest of the message as commands
        # until connection_lost() cancels it.
        self.transport.abort()
        await asyncio.Event().wait()


def serve(make_protocol, port):
    """Serves SMTP on 127.0.0.1:@p port with the protocol objects @p make_protocol(loop) makes,
    prints {"port": N} once listening (for the harness that started it), and runs until SIGTERM
    or SIGINT."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    server = loop.run_until_complete(
        loop.create_server(lambda: make_protocol(loop), host="127.0.0.1", port=port))
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, loop.stop)
    print(json.dumps({"port": server.sockets[0].getsockname()[1]}), flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user", action="append", default=[],
                        help="a login accepted with --password; may be repeated")
    parser.add_argument("--password")
    parser.add_argument("--drop-in-data", type=int, default=0, metavar="LINES")
    arguments = parser.parse_args()

    tls = None
    if arguments.cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(arguments.cert, arguments.key)

    def authenticator(server, session, envelope, mechanism, data):
        ok = (isinstance(data, LoginPassword) and data.login.decode() in arguments.user
              and data.password == arguments.password.encode())
        # Not "handled": on failure aiosmtpd answers 535 itself instead of staying silent.
        return AuthResult(success=ok, handled=False, auth_data=data if ok else None)

    handler = MaildirHandler(arguments.maildir)
    protocol = SMTP
    if arguments.drop_in_data:
        protocol = DroppingSMTP
        DroppingSMTP.drop_after_lines = arguments.drop_in_data

    def factory(loop):
        options = dict(hostname="localhost", tls_context=tls, loop=loop)
        if arguments.user:
            options.update(authenticator=authenticator, auth_required=True, auth_require_tls=True)
        return protocol(handler, **options)

    return serve(factory, arguments.port)


if __name__ == "__main__":
    sys.exit(main())
