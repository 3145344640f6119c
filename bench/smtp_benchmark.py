#!/usr/bin/python3
"""Messages per second relayed through Postern's SMTP proxy against sending straight to the
same upstream server, in the same run.

The upstream is the aiosmtpd server of tests/smtp/upstream_smtpd.py (STARTTLS, AUTH, every
message written to disk). Three ways of submitting the same messages are timed with the same
connection pattern (CONNECTIONS client connections at once, each logging in once and sending
its share of the messages one after the other):

  direct   the client talks STARTTLS and AUTH to the upstream itself, as a mail client without
           Postern does;
  clear    the client submits to Postern, whose policy sends the message on unchanged;
  encrypt  the same under encrypt-everything (RSA-2048, one recipient plus the sender).

Postern keeps one upstream session per client session, so both paths pay one TLS handshake and
one login per connection. After a warm-up round of each, the modes are timed in turn, ROUNDS
times; the median and the best rate of each are reported, with the cost relative to direct
(direct rate / mode rate) of the best rates: other work on the machine only ever slows a
round, so the best round of each mode, taken under the same load in turn, is the one that
measures the proxy and not the machine. With --check the run fails when relaying in clear costs
more than 1.2 times sending directly. Run it with /usr/bin/python3 (Debian's aiosmtpd is installed for that
interpreter only), against a release build for numbers worth comparing.
"""
import argparse
import os
import shutil
import smtplib
import ssl
import statistics
import sys
import tempfile
import threading
import time

# No __pycache__ in the source tree from importing the helper module.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "smtp"))
import harness  # noqa: E402

CLEAR_COST_LIMIT = 1.2
ALICE = "alice@example.org"
# An address belongs to one account only; the encrypting account signs in as this one, with
# Alice's identity.
ALICE_ENCRYPTING = "alice.encrypt@example.org"
BOB = "bob@example.net"
ERIN = "erin@nocert.test"
PASSWORD = "bench-password"

PARAGRAPH = ("The figures for the second quarter are in the attached table; the comments below "
             "explain where they differ from the plan and what we propose to do about it.\r\n")


def message(number, recipient):
    head = (f"From: Alice Example <{ALICE}>\r\nTo: {recipient}\r\nSubject: Benchmark {number}\r\n"
            f"Date: Mon, 02 Jun 2025 09:30:00 +0200\r\nMessage-ID: <bench-{number}@example.org>\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: 8bit\r\n\r\n")
    return (head + PARAGRAPH * 24).encode()  # about 4 KB, a typical text mail


def run_mode(port, login, recipient, messages, connections, tls_context):
    """Seconds to send `messages` over `connections` concurrent sessions."""
    share = [messages // connections + (1 if index < messages % connections else 0)
             for index in range(connections)]
    prepared = [[message(index * 100000 + number, recipient) for number in range(count)]
                for index, count in enumerate(share)]
    failures = []
    barrier = threading.Barrier(connections + 1)

    def client(batch):
        try:
            barrier.wait()
            host = "localhost" if tls_context else "127.0.0.1"
            with smtplib.SMTP(host, port, timeout=300) as session:
                if tls_context:
                    session.starttls(context=tls_context)
                session.login(login, PASSWORD)
                for data in batch:
                    session.sendmail(login, [recipient], data)
        except Exception as error:  # reported by the caller
            failures.append(repr(error))

    workers = [threading.Thread(target=client, args=(batch,)) for batch in prepared]
    for worker in workers:
        worker.start()
    barrier.wait()
    started = time.perf_counter()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    if failures:
        sys.exit(f"sending failed: {failures[0]}")
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("postern", help="the postern executable")
    parser.add_argument("--messages", type=int, default=400, help="messages per timed run")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="fail when the target is missed")
    arguments = parser.parse_args()
    missing = [tool for tool in harness.require_tools() if tool not in ("swaks", "curl")]
    if missing:
        sys.exit(f"missing: {', '.join(missing)}")

    directory = tempfile.mkdtemp(prefix="postern-smtp-bench-")
    upstream = postern = None
    try:
        pki = harness.Pki(os.path.join(directory, "pki"))
        alice_cert, alice_key = pki.person(ALICE, "Alice Example")
        bob_cert, _ = pki.person(BOB, "Bob")
        upstream = harness.Upstream(os.path.join(directory, "upstream"), pki,
                                    [ALICE, ALICE_ENCRYPTING], PASSWORD)
        postern = harness.Postern(os.path.abspath(arguments.postern), directory, "bench store")
        bundle = os.path.join(directory, "alice-identity.pem")
        harness.identity_bundle(alice_cert, alice_key, bundle)
        postern.import_certificate(bundle, trust=False)
        identity = postern.certificate_id(alice_cert)
        postern.import_certificate(bob_cert)
        ports = {"clear": harness.free_port(), "encrypt": harness.free_port()}
        # Nobody's domain is listed, so every message takes the default action: clear.
        postern.add_account("clear", ALICE, upstream.port, ports["clear"], ca_file=pki.ca_cert,
                            template="encrypt-domains", template_options=("--domain",
                                                                          "listed.invalid"))
        postern.add_account("encrypt", ALICE_ENCRYPTING, upstream.port, ports["encrypt"],
                            ca_file=pki.ca_cert, template="encrypt-everything", identity=identity)
        postern.start(ports.values(), verbose=False)

        tls = ssl.create_default_context(cafile=pki.ca_cert)
        modes = {
            "direct": (upstream.port, ALICE, ERIN, tls),
            "clear": (ports["clear"], ALICE, ERIN, None),
            "encrypt": (ports["encrypt"], ALICE_ENCRYPTING, BOB, None),
        }
        count, connections = arguments.messages, arguments.connections
        rates = {mode: [] for mode in modes}
        for round_number in range(arguments.rounds + 1):
            for mode, (port, login, recipient, context) in modes.items():
                upstream.clear()
                elapsed = run_mode(port, login, recipient, count, connections, context)
                delivered = len(upstream.deliveries())
                if delivered != count:
                    sys.exit(f"{mode}: {delivered} of {count} messages arrived")
                # Round 0 is the warm-up: connections, TLS session set-up and file caches.
                if round_number > 0:
                    rates[mode].append(count / elapsed)

        print(f"{count} messages of ~4 KB per run, {connections} connections, "
              f"{arguments.rounds} runs after a warm-up")
        print(f"{'mode':>8} {'median':>9} {'min':>9} {'best':>9} {'cost vs direct':>15}")
        best = {mode: max(values) for mode, values in rates.items()}
        for mode, values in rates.items():
            cost = best["direct"] / best[mode]
            print(f"{mode:>8} {statistics.median(values):9.1f} {min(values):9.1f} "
                  f"{best[mode]:9.1f} {cost:14.2f}x")
        clear_cost = best["direct"] / best["clear"]
        if arguments.check and clear_cost > CLEAR_COST_LIMIT:
            print(f"FAIL: relaying in clear costs {clear_cost:.2f}x sending directly "
                  f"(limit {CLEAR_COST_LIMIT}x)")
            return 1
        return 0
    finally:
        if postern is not None:
            postern.stop()
        if upstream is not None:
            upstream.stop()
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
