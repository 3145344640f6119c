#!/usr/bin/env python3
"""Decryption speed and memory of `postern decrypt` against `openssl cms -decrypt`, side by side.

For each payload size a message is encrypted once (AES-256-CBC, RSA-2048) with the openssl
command-line tool; then both tools decrypt the same file with the same key, alternately, several
times. The median wall time of each, their ratio, and Postern's peak memory against the
message size are printed. Memory is counted above the process's fixed start-up footprint (the
peak of `postern --version`, mostly the mapped Qt libraries), which is printed too: for a 10 MB
message that footprint alone is twice the message. With --check the run fails when Postern
takes more than 1.3 times OpenSSL's time or more than 3 times the message size in memory.
"""
import argparse
import base64
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TIME_RATIO_LIMIT = 1.3
MEMORY_RATIO_LIMIT = 3.0


def run_measured(command):
    """Wall seconds and peak resident kilobytes of one run of command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}: {process.stderr.read().decode(errors='replace')}")
    return elapsed, usage.ru_maxrss


def make_message(directory, megabytes, certificate):
    # Written in chunks and piped file to file: this process must stay small, because a child
    # starts with its parent's memory and Linux keeps that high-water mark across exec.
    clear = os.path.join(directory, f"clear-{megabytes}.eml")
    with open(clear, "wb") as out:
        out.write(b"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n")
        for _ in range(megabytes * 16):
            out.write(base64.encodebytes(os.urandom(65536)).replace(b"\n", b"\r\n"))
    encrypted = os.path.join(directory, f"encrypted-{megabytes}.eml")
    with open(encrypted, "wb") as out:
        out.write(b"From: bench@example.org\r\nTo: bench@example.org\r\nSubject: benchmark\r\n")
        out.flush()
        subprocess.run(["openssl", "cms", "-encrypt", "-aes256", "-binary", "-in", clear, certificate],
                       check=True, stdout=out, stderr=subprocess.DEVNULL)
    return encrypted


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("postern", help="the postern executable")
    parser.add_argument("--sizes", default="10,50", help="payload sizes in MiB (default 10,50)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="fail when a target is missed")
    arguments = parser.parse_args()

    directory = tempfile.mkdtemp(prefix="postern-bench-")
    try:
        key = os.path.join(directory, "key.pem")
        certificate = os.path.join(directory, "cert.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                        "-out", certificate, "-subj", "/CN=Benchmark/emailAddress=bench@example.org",
                        "-days", "2"], check=True, capture_output=True)
        bundle = os.path.join(directory, "identity.pem")
        with open(bundle, "w") as out:
            out.write(open(key).read() + open(certificate).read())
        profile = os.path.join(directory, "profile")

        _, baseline = run_measured([arguments.postern, "--version"])
        print(f"postern start-up footprint: {baseline / 1024:.1f} MiB")
        failures = []
        print(f"{'payload':>8} {'message':>9} {'openssl s':>10} {'postern s':>10} {'ratio':>6} "
              f"{'openssl MiB':>12} {'postern MiB':>12} {'(mem-start)/msg':>16}")
        for megabytes in [int(size) for size in arguments.sizes.split(",")]:
            message = make_message(directory, megabytes, certificate)
            message_bytes = os.path.getsize(message)
            peer = ["openssl", "cms", "-decrypt", "-binary", "-in", message, "-inkey", key, "-recip",
                    certificate, "-out", os.path.join(directory, "openssl.out")]
            ours = [arguments.postern, "--profile", profile, "decrypt", "--key", bundle, message,
                    "-o", os.path.join(directory, "postern.out")]
            peer_times, our_times, peer_memory, our_memory = [], [], 0, 0
            for _ in range(arguments.runs):
                seconds, kilobytes = run_measured(peer)
                peer_times.append(seconds)
                peer_memory = max(peer_memory, kilobytes)
                seconds, kilobytes = run_measured(ours)
                our_times.append(seconds)
                our_memory = max(our_memory, kilobytes)
            ratio = statistics.median(our_times) / statistics.median(peer_times)
            memory_ratio = (our_memory - baseline) * 1024 / message_bytes
            print(f"{megabytes:>5} MiB {message_bytes / 2**20:>7.1f}MiB {statistics.median(peer_times):>10.3f} "
                  f"{statistics.median(our_times):>10.3f} {ratio:>6.2f} {peer_memory / 1024:>12.1f} "
                  f"{our_memory / 1024:>12.1f} {memory_ratio:>16.2f}")
            if ratio > TIME_RATIO_LIMIT:
                failures.append(f"{megabytes} MiB: {ratio:.2f}x OpenSSL's time (limit {TIME_RATIO_LIMIT}x)")
            if memory_ratio > MEMORY_RATIO_LIMIT:
                failures.append(f"{megabytes} MiB: memory {memory_ratio:.2f}x the message (limit {MEMORY_RATIO_LIMIT}x)")
        for failure in failures:
            print("target missed:", failure)
        return 1 if failures and arguments.check else 0
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
