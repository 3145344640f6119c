#!/usr/bin/python3
"""Fetching through Postern's IMAP proxy against fetching straight from the same Dovecot, in the
same run.

Dovecot (tests/imap/dovecot.py) holds CLEAR clear messages in one mailbox and ENCRYPTED
messages encrypted to the account (openssl cms, RSA-2048, AES-256-CBC) in another. A client
session asks, as mail clients do, for the headers, then BODYSTRUCTURE, then the full bodies of
every message in the mailbox (three UID FETCH commands over the whole range), reading every
byte:

  clear     the clear mailbox, directly and through Postern: the ratio must stay under 1.15;
  first     the encrypted mailbox through Postern, the first time: dominated by decryption,
            reported only;
  cached    the encrypted mailbox through Postern again, from the decrypted-message cache,
            against the direct fetch of Dovecot's own copies of the decrypted messages (the
            same bytes the client receives): the ratio must stay under 1.25;
  disk      with the cache on disk turned on (`cert settings --disk-cache on`), the first
            fetch after Postern restarted, served from the sealed files instead of decrypting:
            it must take less than the first fetch, which decrypted (and wrote those files).

Each side's figure is the best of ROUNDS runs, direct and proxied taken in turn, so that other
work on the machine (which only ever adds time) does not pass for the proxy's cost. With --check
the run fails above the limits. Run it against a release build for numbers worth comparing:

    python3 bench/imap_benchmark.py --check path/to/postern
"""
import argparse
import os
import socket
import statistics
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                "imap"))
import proxy_harness as h  # noqa: E402

CLEAR_LIMIT = 1.15
CACHED_LIMIT = 1.25
DISK_LIMIT = 1.0

PARAGRAPH = ("The figures for the second quarter are in the attached table; the comments below "
             "explain where they differ from the plan and what we propose to do about it.\n")


def bench_message(number):
    """A typical mail: a few KB of text, every tenth with a small attachment."""
    body = PARAGRAPH * (8 + number % 24)
    if number % 10 == 0:
        return h.clear_message(f"Benchmark {number}", body=body,
                               attachment=bytes(range(256)) * (8 + number % 40))
    return h.clear_message(f"Benchmark {number}", body=body)


def fill(client, mailbox, messages):
    """APPENDs with LITERAL+ (RFC 7888), pipelined: one round trip for the whole mailbox."""
    client.check(client.command(b"CREATE " + h.quote(mailbox)))
    for number, message in enumerate(messages):
        client.socket.sendall(b"f%d APPEND %s {%d+}\r\n%s\r\n"
                              % (number, h.quote(mailbox), len(message), message))
    answered = 0
    while answered < len(messages):
        response = client.read_response()
        if response.startswith(b"f"):
            if b" OK" not in response[:12]:
                raise RuntimeError(response.decode(errors="replace"))
            answered += 1


def command(client, text):
    """The untagged responses of one command, sent in one write with TCP_NODELAY set, as mail
    clients send commands (the shared test client writes the line end separately, which costs a
    delayed-ACK wait per command on some paths and would measure the client, not the proxy)."""
    client.counter += 1
    tag = b"b%d" % client.counter
    client.socket.sendall(tag + b" " + text + b"\r\n")
    untagged = []
    while True:
        response = client.read_response()
        if response.startswith(tag + b" "):
            if not response.startswith(tag + b" OK"):
                raise RuntimeError(response.decode(errors="replace"))
            return untagged
        untagged.append(response)


def fetch_all(client, mailbox):
    """Seconds for headers, BODYSTRUCTURE and full bodies of the whole mailbox; and the bodies
    by UID."""
    client.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    command(client, b"SELECT " + h.quote(mailbox))
    start = time.perf_counter()
    headers = command(client, b"UID FETCH 1:* (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER])")
    structures = command(client, b"UID FETCH 1:* (UID BODYSTRUCTURE)")
    bodies = command(client, b"UID FETCH 1:* (UID BODY.PEEK[])")
    seconds = time.perf_counter() - start
    if not (len(headers) >= 1 and len(structures) >= 1):
        raise RuntimeError("nothing fetched")
    found = {}
    for response in bodies:
        if b" FETCH " in response[:20]:
            uid = int(h.fetch_item(response, b"UID"))
            found[uid] = h.body_of(response)
    return seconds, found


def timed(open_client, mailbox, rounds):
    times = []
    for _ in range(rounds):
        with open_client() as client:
            seconds, _ = fetch_all(client, mailbox)
        times.append(seconds)
    return statistics.median(times)


def restart(environment):
    environment.postern.stop()
    environment.postern.start(list(environment.ports.values()) + [environment.tls_port])


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("postern")
    parser.add_argument("--check", action="store_true", help="fail above the limits")
    parser.add_argument("--clear", type=int, default=1000)
    parser.add_argument("--encrypted", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=15)
    arguments = parser.parse_args()
    if not os.path.exists("/usr/sbin/dovecot") or h.missing_peers("openssl"):
        print("SKIP: dovecot (Debian dovecot-imapd) and openssl are needed")
        return 77

    environment = h.Environment(os.path.abspath(arguments.postern), with_messages=False)
    try:
        return run(environment, arguments)
    finally:
        environment.stop()


def run(environment, arguments):
    keys = environment.keys
    clear = [bench_message(n) for n in range(arguments.clear)]
    encrypted = [keys.openssl_encrypt(bench_message(n), keys.alice_cert)
                 for n in range(arguments.encrypted)]
    with environment.direct() as client:
        fill(client, "Clear", clear)
        fill(client, "Encrypted", encrypted)

    direct = environment.direct
    proxied = environment.client
    environment.postern.cli("cert", "settings", "--disk-cache", "on")
    restart(environment)
    # The clear path: both ways, taken in turn, the first round of each as warm-up.
    timed(direct, "Clear", 1)
    timed(proxied, "Clear", 1)
    clear_direct, clear_proxied = [], []
    for _ in range(arguments.rounds):
        clear_direct.append(timed(direct, "Clear", 1))
        clear_proxied.append(timed(proxied, "Clear", 1))
    # The best of the rounds on each side: what other work on the machine adds to a round is
    # noise, not the cost being measured, and both sides ran in turn under the same load.
    clear_ratio = min(clear_proxied) / min(clear_direct)

    # The encrypted path: the first fetch decrypts, later ones come from the cache.
    with proxied() as client:
        first, decrypted = fetch_all(client, "Encrypted")
    if len(decrypted) != arguments.encrypted:
        raise RuntimeError(f"{len(decrypted)} of {arguments.encrypted} messages came back")
    still_encrypted = [uid for uid, data in decrypted.items()
                       if b"pkcs7-mime" in h.split_message(data)[0].lower()]
    if still_encrypted:
        raise RuntimeError(f"{len(still_encrypted)} messages were not decrypted")
    with environment.direct() as client:
        fill(client, "Decrypted", [decrypted[uid] for uid in sorted(decrypted)])
    timed(direct, "Decrypted", 1)
    cached_direct, cached_proxied = [], []
    for _ in range(arguments.rounds):
        cached_direct.append(timed(direct, "Decrypted", 1))
        cached_proxied.append(timed(proxied, "Encrypted", 1))
    cached_ratio = min(cached_proxied) / min(cached_direct)

    # A restart empties the memory cache: what the disk holds is all that spares decryption.
    restart(environment)
    with proxied() as client:
        from_disk, served = fetch_all(client, "Encrypted")
    if served != decrypted:
        raise RuntimeError("the messages served from the disk cache differ from the decrypted ones")
    disk_ratio = from_disk / first

    print(f"clear, {arguments.clear} messages: direct {min(clear_direct):.3f} s, "
          f"through Postern {min(clear_proxied):.3f} s, "
          f"ratio {clear_ratio:.3f} (limit {CLEAR_LIMIT})")
    print(f"encrypted, {arguments.encrypted} messages: first fetch through Postern "
          f"{first:.3f} s ({first / min(cached_direct):.1f}x the clear direct "
          f"fetch of the same decrypted messages)")
    print(f"encrypted, cached: direct (decrypted copies) {min(cached_direct):.3f} s, "
          f"through Postern {min(cached_proxied):.3f} s, "
          f"ratio {cached_ratio:.3f} (limit {CACHED_LIMIT})")
    print(f"encrypted, first fetch after a restart, from the cache on disk: {from_disk:.3f} s, "
          f"{disk_ratio:.3f} of the first fetch (limit {DISK_LIMIT}), "
          f"{from_disk / min(cached_direct):.1f}x the clear direct fetch")
    if arguments.check:
        failed = []
        if clear_ratio > CLEAR_LIMIT:
            failed.append(f"clear ratio {clear_ratio:.3f} > {CLEAR_LIMIT}")
        if cached_ratio > CACHED_LIMIT:
            failed.append(f"cached ratio {cached_ratio:.3f} > {CACHED_LIMIT}")
        if disk_ratio > DISK_LIMIT:
            failed.append(f"disk ratio {disk_ratio:.3f} > {DISK_LIMIT}")
        if failed:
            print("FAIL: " + "; ".join(failed))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
