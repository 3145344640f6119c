"""MessageView against Dovecot: for every sample message, each FETCH item that describes the
message's bytes is fetched from a real Dovecot and rendered by view_tool (MessageView) for the
same CRLF bytes, and the two must be identical byte for byte.

Messages: every .eml of the shared corpus, the decrypted contents of the corpus's encrypted
samples (decrypted with `openssl cms` and the keys the MANIFEST names), the fixed samples in
tests/data/imap, and generated hard cases (see HARD_CASES).

Usage: test_view_oracle.py --view-tool PATH [--corpus DIR] [--data DIR] [--only SUBSTRING]
Exit status 0 when everything matches; the corpus part is skipped with a message when the corpus
is absent (and fails then when the CI environment variable is set).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dovecot import Dovecot, fetch_items  # noqa: E402


SKIPPED = 77  # CTest's SKIP_RETURN_CODE for this test


def canonical(message):
    """Bare LF and bare CR made CRLF (MessageView's canonicalLineEnds does the same)."""
    return re.sub(rb"\r\n|\r|\n", b"\r\n", message)


# --- Generated hard cases -------------------------------------------------------------------

def _hard_cases():
    cases = {}
    cases["nested-multiparts"] = (
        b"From: Nest <nest@example.org>\nTo: a@example.org\nSubject: nested\n"
        b"MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"outer\"\n\n"
        b"This is the preamble.\n--outer\nContent-Type: multipart/alternative; boundary=inner\n\n"
        b"--inner\nContent-Type: text/plain; charset=utf-8\n\nplain text\nline two\n"
        b"--inner\nContent-Type: text/html\n\n<p>html</p>\n--inner--\n"
        b"--outer\nContent-Type: application/octet-stream; name=blob.bin\n"
        b"Content-Transfer-Encoding: base64\n\nAAECAwQF\n--outer--\nThe epilogue.\n")
    cases["rfc822-inside-multipart"] = (
        b"From: a@example.org\nSubject: forward\nContent-Type: multipart/mixed; boundary=b1\n\n"
        b"--b1\nContent-Type: text/plain\n\nSee attached.\n"
        b"--b1\nContent-Type: message/rfc822\nContent-Disposition: attachment\n\n"
        b"From: Inner Person <inner@example.com>\nTo: x@example.com, y@example.com\n"
        b"Subject: inner subject\nDate: Mon, 1 Jan 2024 10:00:00 +0000\nMessage-ID: <in@x>\n"
        b"Content-Type: multipart/alternative; boundary=b2\n\n"
        b"--b2\nContent-Type: text/plain\n\ninner plain\n--b2\nContent-Type: text/html\n\n"
        b"<b>inner</b>\n--b2--\n"
        b"--b1\nContent-Type: message/rfc822\n\nSubject: simple inner\n\nsimple body\n--b1--\n")
    cases["missing-content-type"] = (
        b"From: a@example.org\nSubject: no type\n\nJust text\nwith lines\n")
    cases["preamble-epilogue"] = (
        b"Content-Type: multipart/mixed; boundary=zz\n\npreamble line 1\npreamble line 2\n"
        b"--zz\n\nfirst (no headers)\n--zz\nContent-Type: text/plain\n\nsecond\n--zz--\n"
        b"epilogue\nmore epilogue\n")
    cases["missing-final-boundary"] = (
        b"Content-Type: multipart/mixed; boundary=open\n\n--open\nContent-Type: text/plain\n\n"
        b"first\n--open\nContent-Type: text/plain\n\nlast part runs to the end\n")
    long_value = b" ".join(b"word%d" % i for i in range(120))
    cases["folded-long-headers"] = (
        b"From: Folded\n Name <folded@example.org>\nSubject: this subject is folded\n\tover"
        b"\n   three lines\nX-Long: " + long_value + b"\nTo: one@example.org,\n two@example.org"
        b"\nContent-Type: text/plain;\n charset=\"utf-8\";\n format=flowed\n\nbody\n")
    cases["encoded-words"] = (
        b"From: =?utf-8?q?J=C3=B6rg?= <joerg@example.org>\n"
        b"Subject: =?utf-8?b?w6TDtsO8?= and =?iso-8859-1?q?caf=E9?=\n"
        b"Content-Type: text/plain; name=\"=?utf-8?q?f=C3=A4.txt?=\"\n\nbody\n")
    cases["8bit-headers"] = (
        "From: Jörg Müller <joerg@example.org>\nSubject: Grüße aus Köln\n"
        "Content-Type: text/plain; charset=utf-8; name=\"Bericht ä.txt\"\n"
        "Content-Description: Übersicht\nContent-Transfer-Encoding: 8bit\n\n"
        "Grüße\n").encode("utf-8")
    cases["rfc2231-parameters"] = (
        b"Content-Type: multipart/mixed; boundary=p\n\n--p\n"
        b"Content-Type: application/pdf; name*0=\"long file \"; name*1=\"name.pdf\"\n"
        b"Content-Disposition: attachment; filename*=utf-8''%E2%82%AC%20rates.pdf\n\nx\n"
        b"--p\nContent-Type: text/plain; title*0*=us-ascii'en'This%20is; title*1=\" fun\";"
        b" title*2*=%2A%2A\n\ny\n--p\nContent-Type: text/plain; a*1=gap; a*3=gap2; B=Upper\n\n"
        b"z\n--p--\n")
    cases["quoted-parameter-specials"] = (
        b"Content-Type: multipart/mixed; boundary=\"=_a;b c\\\"d\"\n\n--=_a;b c\"d\n"
        b"Content-Type: text/plain; name=\"semi;colon \\\"quoted\\\" back\\\\slash\"\n"
        b"Content-Disposition: inline; filename=\"a \\\\ \\\\ \\\\ \\\\ \\\\.txt\"\n\nbody\n"
        b"--=_a;b c\"d--\n")
    cases["empty-body"] = b"From: a@example.org\nSubject: empty\n\n"
    cases["no-body-separator"] = b"From: a@example.org\nSubject: headers only\n"
    cases["address-groups"] = (
        b"From: Team: alice@example.org, \"Bob B.\" <bob@example.org>;\n"
        b"To: undisclosed-recipients:;\nCc: \"Doe, John\" <john@example.org> (comment), "
        b"plain@example.org (Plain Name), <@route.example:routed@example.org>\n"
        b"Bcc: user-without-domain, \"quoted local\"@example.org\nSubject: groups\n\nbody\n")
    cases["missing-from"] = b"To: someone@example.org\nSubject: who sent this\n\nbody\n"
    cases["duplicate-headers"] = (
        b"From: first@example.org\nFrom: second@example.org\nSubject: one\nSubject: two\n"
        b"Content-Type: text/plain; charset=us-ascii\nContent-Type: text/html\n"
        b"Message-ID: <a@x>\nMessage-ID: <b@x>\n\nbody\n")
    cases["content-extensions"] = (
        b"Content-Type: multipart/related; boundary=r; type=\"text/html\"; start=\"<c1@x>\"\n"
        b"Content-Language: en-GB, de\nContent-Location: http://example.org/all\n\n"
        b"--r\nContent-Type: text/html; charset=utf-8\nContent-ID: <c1@x>\n"
        b"Content-Description: the page\nContent-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\n"
        b"Content-Language: fr\nContent-Location: page.html\n"
        b"Content-Disposition: inline; filename=page.html; size=42\n\n<p>hi</p>\n"
        b"--r\nContent-Type: image/png\nContent-ID: <img@x>\nContent-Transfer-Encoding: BASE64\n"
        b"Content-Disposition: attachment\n\niVBORw0KGgo=\n--r--\n")
    cases["calendar-invitation"] = (
        b"From: Organizer <org@example.org>\nTo: att@example.org\nSubject: Meeting\n"
        b"Date: Tue, 2 Jan 2024 09:00:00 +0100\nMessage-ID: <inv1@example.org>\n"
        b"MIME-Version: 1.0\nContent-Class: urn:content-classes:calendarmessage\n"
        b"Content-Type: multipart/alternative; boundary=\"alt\"\n\n--alt\n"
        b"Content-Type: text/plain; charset=\"utf-8\"\nContent-Transfer-Encoding: quoted-printable"
        b"\n\nYou are invited.\n--alt\nContent-Type: text/html; charset=\"utf-8\"\n\n"
        b"<p>You are invited.</p>\n--alt\n"
        b"Content-Type: text/calendar; charset=\"utf-8\"; method=REQUEST\n"
        b"Content-Transfer-Encoding: 7bit\n\nBEGIN:VCALENDAR\nMETHOD:REQUEST\nBEGIN:VEVENT\n"
        b"UID:1@example.org\nDTSTART:20240110T100000Z\nSUMMARY:Meeting\nEND:VEVENT\n"
        b"END:VCALENDAR\n--alt--\n")
    cases["upper-case-types"] = (
        b"Content-Type: MULTIPART/Mixed; BOUNDARY=\"Up\"\n\n--Up\nContent-Type: Text/PLAIN;"
        b" CHARSET=ISO-8859-1\n\nx\n--Up\nContent-Type: Message/RFC822\n\nSubject: s\n\nb\n"
        b"--Up--\n")
    cases["broken-content-type"] = (
        b"Content-Type: multipart/mixed; boundary=q\n\n--q\nContent-Type: garbage\n\nx\n"
        b"--q\nContent-Type: text/\n\ny\n--q\nContent-Type: ;charset=x\n\nz\n--q--\n")
    cases["boundary-prefixes"] = (
        b"Content-Type: multipart/mixed; boundary=ab\n\n--ab\n"
        b"Content-Type: multipart/mixed; boundary=abc\n\n--abc\n\none\n--abc\n\ntwo\n--abc--\n"
        b"--ab\n\nthree\n--ab--\n")
    cases["digest"] = (
        b"Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: first digest\n\nA\n"
        b"--d\nContent-Type: text/plain\n\nB\n--d--\n")
    cases["multipart-without-parts"] = (
        b"Content-Type: multipart/mixed; boundary=none\n\nno boundary lines at all\n")
    cases["part-without-blank-line"] = (
        b"Content-Type: multipart/mixed; boundary=h\n\n--h\nContent-Type: text/plain\n--h\n"
        b"\nbody\n--h--\n")
    cases["envelope-odd-values"] = (
        b"Date:   Wed, 3 Jan 2024 12:00:00 +0000  \nSubject:\n  leading fold\n"
        b"In-Reply-To: <x@y> (comment)\nMessage-Id:\n <folded@id>\nReply-To:\nSender: s@x\n"
        b"From: \"a \\\"quoted\\\" name\" <a@b>\n\nbody\n")
    cases["many-quotes-subject"] = (
        b"Subject: plain subject\nX: y\nContent-Type: text/plain; name=\"a\\\"b\\\"c\\\"d\\\""
        b"e\\\"f\"\nContent-ID: <\"1\"\"2\"\"3\"\"4\"\"5\"@x>\n\nbody\n")
    cases["one-line-no-newline"] = b"Subject: x\n\nno final newline"
    cases["empty-message"] = b"\n"
    cases["encoding-spellings"] = (
        b"Content-Type: multipart/mixed; boundary=a\n\n--a\nContent-Transfer-Encoding: 7Bit\n\n"
        b"x\n--a\nContent-Type: text/plain\nContent-Transfer-Encoding: 7BIT\n\ny\n--a--\n")
    cases["not-mime-content-headers"] = (
        b"Subject: no MIME-Version, no Content-Type\nContent-Transfer-Encoding: 8BIT\n"
        b"Content-Disposition: inline\nContent-ID: <id@x>\n\nbody\n")
    cases["mime-version-only"] = (
        b"MIME-Version: 1.0\nContent-Transfer-Encoding: 8BIT\nContent-ID: <id@x>\n\nbody\n")
    cases["plain-7bit-normalised"] = (
        b"Content-Type: TEXT/PLAIN; CHARSET=\"US-ASCII\"\nContent-Transfer-Encoding: 7BIT\n\nx\n")
    cases["html-7bit"] = b"Content-Type: text/html\nContent-Transfer-Encoding: 7Bit\n\n<p>x</p>\n"
    cases["inner-message-not-mime"] = (
        b"Content-Type: message/rfc822\n\nSubject: inner\nContent-Transfer-Encoding: base64\n\n"
        b"eA==\n")
    cases["address-oddities"] = (
        b"From: <>\nSender: @\nReply-To: a@\nTo: \"\" <a@b>, =?utf-8?q?x?= <c@d>, "
        b"e@f (Name (nested)), Name <g@h> (comment), i@j,, k@l, , ,m@n\n"
        b"Cc: group: a@b\nBcc: a b c, \"Smith, John\" smith@x, <@a,@b:c@d>, u@[1.2.3.4], "
        b"john . doe@x, user@ domain .com, \"back\\\\slash \\\"q\\\" x\" <q@r>\n\nbody\n")
    cases["subject-oddities"] = b"Subject:\nIn-Reply-To:   \nDate: \xe4\xf6\n\nbody\n"
    cases["blank-subject"] = b"Subject: \t  \nTo: x@y\n\nbody\n"
    cases["parameter-oddities"] = (
        b"Content-Type: multipart/mixed; boundary=o\n\n--o\nContent-Type: text/plain; charset=\"\";"
        b" foo; =bar; name==?utf-8?b?w6Q=?=; a=1; a=2 (comment); b=\"x\"(c);\n\nx\n"
        b"--o\nContent-Type: application/x-y; n=\xc3\xa4; long=\"" + b"v" * 300 + b"\";\n"
        b"Content-Disposition: INLINE;\nContent-Language: en (English), (x) de\n"
        b"Content-Location:\n http://example.org/a/very/long/location\n\ny\n"
        b"--o\nContent-Type: text/plain; format=flowed ; delsp = yes\n"
        b"Content-Disposition: attachment; filename*0=a; filename*1*=%41; filename=plain\n\nz\n"
        b"--o--\n")
    cases["boundary-lookalikes"] = (
        b"Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
        b"a line that starts\n--bogus like a boundary\n--b  \n\nafter trailing blanks\n"
        b"--b--x\n\nafter dashes\n--b--\n")
    cases["deep-messages"] = (
        b"Content-Type: multipart/mixed; boundary=L1\n\n--L1\nContent-Type: message/rfc822\n\n"
        b"Subject: level 2\nContent-Type: multipart/mixed; boundary=L2\n\n--L2\n"
        b"Content-Type: message/rfc822\n\nSubject: level 3\nFrom: x@y\n"
        b"Content-Type: multipart/alternative; boundary=L3\n\n--L3\n\nplain\n--L3\n"
        b"Content-Type: message/rfc822\n\nSubject: level 4\n\nleaf\n--L3--\n--L2\n\ntext\n"
        b"--L2--\n--L1--\n")
    cases["other-message-types"] = (
        b"Content-Type: multipart/report; report-type=delivery-status; boundary=r\n\n--r\n\n"
        b"notice\n--r\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x\n\n"
        b"--r\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n"
        b"U3ViamVjdDogeA0KDQp5DQo=\n--r\nContent-Type: message/global\n\nSubject: g\n\nh\n"
        b"--r\nContent-Type: message/partial; id=\"x\"; number=1\n\npart\n--r--\n")
    cases["odd-header-lines"] = (
        b"Subject : spaced name\nno colon here\n: empty name\nX-Long: " + b"y" * 1200 + b"\n"
        b"Content-Type: text/plain\n\nbody\n")
    cases["multipart-last-part-no-newline"] = (
        b"Content-Type: multipart/mixed; boundary=e\n\n--e\n\nfirst\n--e\n\nno newline at end")
    cases["digest-nested"] = (
        b"Content-Type: multipart/digest; boundary=d\n\n--d\n\nSubject: m1\n"
        b"Content-Type: multipart/mixed; boundary=m\n\n--m\n\ninner\n--m--\n"
        b"--d\nContent-Type: multipart/mixed; boundary=n\n\n--n\n\nnot message\n--n--\n--d--\n")
    cases["attached-header-only"] = (
        b"Content-Type: multipart/mixed; boundary=r\n\n--r\nContent-Type: message/rfc822\n\n"
        b"Subject: x\nFrom: y@z\n--r\nContent-Type: message/rfc822\n\nSubject: blank\n\n--r\n"
        b"\nnext\n--r--\n")
    cases["whitespace-values"] = (
        b"Date:   \nIn-Reply-To: \t \nMessage-ID:\t\nContent-Type: text/html\nContent-ID:  x  \n"
        b"Content-Description:  \n\nx\n")
    for name, epilogue in (("text", b"epi\n"), ("blank-lines", b"\n\n"), ("none", b"")):
        cases["nested-epilogue-" + name] = (
            b"Content-Type: multipart/mixed; boundary=ab\n\n--ab\n"
            b"Content-Type: multipart/mixed; boundary=abc\n\n--abc\n\none\n--abc--\n" + epilogue
            + b"--ab\n\nthree\n--ab--\n")
    cases["nested-without-close"] = (
        b"Content-Type: multipart/mixed; boundary=ab\n\n--ab\n"
        b"Content-Type: multipart/mixed; boundary=abc\n\n--abc\n\none\n--ab\n\nthree\n--ab--\n")
    cases["nested-same-boundary"] = (
        b"Content-Type: multipart/mixed; boundary=same\n\n--same\n"
        b"Content-Type: multipart/alternative; boundary=same\n\n--same\n\ninner\n--same--\n"
        b"--same\n\nouter\n--same--\n")
    cases["type-with-comments"] = (
        b"Content-Type: text/plain (plain text); charset=utf-8 (really)\n"
        b"Content-Disposition: attachment (file); filename=\"a.txt\"\n\nx\n")
    cases["control-characters"] = (
        b"Subject: tab\there and\rcarriage\nFrom: \"Nul\x00Name\" <n@x>\n\nbody\x00with nul\n")
    cases["continuation-first"] = b" starts folded\nSubject: s\n\nbody\n"
    cases["large-message"] = (
        b"Subject: large\nContent-Type: multipart/mixed; boundary=big\n\n--big\n"
        b"Content-Type: text/plain\n\n" + b"0123456789abcdef" * 4096 * 16 + b"\n--big\n"
        b"Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n"
        + (b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=" * 2 + b"\n") * 20000 + b"--big--\n")
    return cases


HARD_CASES = _hard_cases()


# --- Corpus ---------------------------------------------------------------------------------

def corpus_messages(corpus):
    messages = {}
    for folder, _, files in os.walk(corpus):
        for name in sorted(files):
            if name.endswith(".eml"):
                with open(os.path.join(folder, name), "rb") as source:
                    messages["corpus/" + name] = source.read()
    return messages


def decrypted_messages(corpus, scratch):
    """The contents of the corpus's encrypted samples that the MANIFEST says decrypt with a
    shipped PKCS#12 key and password or an unprotected PEM key."""
    manifest = os.path.join(corpus, "MANIFEST.md")
    keys = os.path.join(corpus, "smime", "keys")
    if not os.path.exists(manifest):
        return {}
    messages = {}
    pem_cache = {}
    with open(manifest, encoding="utf-8") as source:
        rows = [line for line in source if line.startswith("| smime/")]
    for row in rows:
        file_name = row.split("|")[1].strip()
        match = re.search(r'decrypts with keys/(\S+?\.(?:p12|pem|pfx))(?: \(pw "([^"]*)")?', row)
        if not match:
            continue
        key_file, password = match.group(1), match.group(2)
        key_path = os.path.join(keys, key_file)
        if not os.path.exists(key_path):
            continue
        if key_file.endswith((".p12", ".pfx")):
            if key_file not in pem_cache:
                pem = os.path.join(scratch, key_file + ".pem")
                result = subprocess.run(
                    ["openssl", "pkcs12", "-in", key_path, "-nodes", "-out", pem,
                     "-passin", "pass:" + (password or "")], capture_output=True)
                if result.returncode != 0:
                    result = subprocess.run(
                        ["openssl", "pkcs12", "-legacy", "-in", key_path, "-nodes", "-out", pem,
                         "-passin", "pass:" + (password or "")], capture_output=True)
                pem_cache[key_file] = pem if result.returncode == 0 else None
            key_pem = pem_cache[key_file]
            if key_pem is None:
                continue
        else:
            key_pem = key_path
        source_path = os.path.join(corpus, file_name)
        if not os.path.exists(source_path):
            continue
        result = subprocess.run(["openssl", "cms", "-decrypt", "-in", source_path,
                                 "-inkey", key_pem], capture_output=True)
        if result.returncode == 0 and result.stdout:
            messages["decrypted/" + os.path.basename(file_name)] = result.stdout
    return messages


# --- Which items to ask for -----------------------------------------------------------------

def parse_value(data, position=0):
    """A small IMAP value parser for the BODYSTRUCTURE: lists, strings, literals, atoms."""
    first = data[position:position + 1]
    if first == b"(":
        items = []
        position += 1
        while data[position:position + 1] != b")":
            if data[position:position + 1] == b" ":
                position += 1
                continue
            value, position = parse_value(data, position)
            items.append(value)
        return items, position + 1
    if first == b'"':
        end = position + 1
        out = b""
        while data[end:end + 1] != b'"':
            if data[end:end + 1] == b"\\":
                end += 1
            out += data[end:end + 1]
            end += 1
        return out, end + 1
    if first == b"{":
        close = data.index(b"}\r\n", position)
        size = int(data[position + 1:close])
        return data[close + 3:close + 3 + size], close + 3 + size
    end = position
    while data[end:end + 1] not in (b" ", b")", b""):
        end += 1
    atom = data[position:end]
    return (None if atom == b"NIL" else atom), end


def sections(structure, prefix=""):
    """Every section number in a parsed BODYSTRUCTURE, with whether it is message/rfc822."""
    found = []
    if isinstance(structure[0], list):
        index = 0
        for child in structure:
            if not isinstance(child, list):
                break
            index += 1
            number = f"{prefix}{index}"
            found.append((number, _is_message(child)))
            found += _inner(child, number)
        found.append((f"{prefix}{index + 1}", False))  # one that does not exist
    else:
        if not prefix:
            found += [("1", _is_message(structure)), ("2", False), ("1.1", False)]
            if _is_message(structure):
                found += _inner(structure, "1")
    return found


def _is_message(part):
    return (not isinstance(part[0], list) and isinstance(part[0], bytes)
            and part[0].lower() == b"message" and part[1].lower() == b"rfc822"
            and len(part) > 8 and isinstance(part[8], list))


def _inner(part, number):
    if isinstance(part[0], list):
        return sections(part, number + ".")
    if _is_message(part):
        inner = part[8]
        if isinstance(inner[0], list):
            return sections(inner, number + ".")
        return [(number + ".1", False), (number + ".2", False)]
    return []


def items_for(structure_bytes, size):
    structure, _ = parse_value(structure_bytes)
    items = ["BODYSTRUCTURE", "BODY", "ENVELOPE", "RFC822.SIZE", "RFC822", "RFC822.HEADER",
             "RFC822.TEXT", "BODY.PEEK[]", "BODY.PEEK[HEADER]", "BODY.PEEK[TEXT]",
             "BODY.PEEK[HEADER.FIELDS (SUBJECT FROM DATE CONTENT-TYPE)]",
             "BODY.PEEK[HEADER.FIELDS.NOT (SUBJECT FROM)]", "BODY.PEEK[]<0.10>",
             "BODY.PEEK[TEXT]<5.20>", f"BODY.PEEK[]<{max(size - 3, 0)}.100>",
             f"BODY.PEEK[]<{size + 10}.5>", "BODY.PEEK[1]<1.4>"]
    for number, is_message in sections(structure):
        items += [f"BODY.PEEK[{number}]", f"BODY.PEEK[{number}.MIME]",
                  f"BODY.PEEK[{number}]<2.7>"]
        if is_message or number.count(".") == 0:
            items += [f"BODY.PEEK[{number}.HEADER]", f"BODY.PEEK[{number}.TEXT]",
                      f"BODY.PEEK[{number}.HEADER.FIELDS (SUBJECT TO)]",
                      f"BODY.PEEK[{number}.HEADER.FIELDS.NOT (SUBJECT)]"]
    return items


# --- Comparison -----------------------------------------------------------------------------

def view_items(view_tool, path, items):
    result = subprocess.run([view_tool, path, *items], capture_output=True, timeout=60)
    if result.returncode != 0:
        raise RuntimeError(f"view_tool failed: {result.stderr.decode(errors='replace')}")
    output = result.stdout
    rendered = []
    position = 0
    while position < len(output):
        newline = output.index(b"\n", position)
        length = int(output[position:newline])
        rendered.append(output[newline + 1:newline + 1 + length])
        position = newline + 1 + length + 1
    return rendered


def compare(name, message, client, view_tool, scratch, failures, verbose):
    uid = client.append("INBOX", message)
    first = client.uid_fetch(uid, "BODYSTRUCTURE")
    structure = dict(fetch_items(first[0]))[b"BODYSTRUCTURE"]
    items = items_for(structure, len(message))
    responses = client.uid_fetch(uid, " ".join(items))
    server = {}
    for response in responses:
        for item_name, value in fetch_items(response):
            server[item_name.upper()] = item_name + b" " + value

    path = os.path.join(scratch, "message.eml")
    with open(path, "wb") as out:
        out.write(message)
    rendered = view_items(view_tool, path, items)
    if len(rendered) != len(items):
        raise RuntimeError(f"view_tool rendered {len(rendered)} of {len(items)} items")
    mismatches = 0
    for item, ours in zip(items, rendered):
        theirs = server.get(_response_name(item).upper())
        if theirs != ours:
            mismatches += 1
            failures.append((name, item, theirs, ours))
            if verbose:
                print(f"MISMATCH {name} {item}\n  dovecot: {theirs!r}\n  view:    {ours!r}")
    return len(items), mismatches


def _response_name(item):
    """The name Dovecot gives an item in its answer: BODY.PEEK becomes BODY, a partial keeps
    only its origin."""
    name = item.replace("BODY.PEEK[", "BODY[")
    name = re.sub(r"<(\d+)\.\d+>$", r"<\1>", name)
    return name.encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--view-tool", required=True)
    parser.add_argument("--corpus")
    parser.add_argument("--data")
    parser.add_argument("--only")
    parser.add_argument("--verbose", action="store_true")
    arguments = parser.parse_args()

    if not os.path.exists("/usr/sbin/dovecot"):
        print("SKIP: Dovecot is not installed (Debian: dovecot-imapd)")
        return 1 if os.environ.get("CI") else SKIPPED

    messages = dict((f"generated/{k}", v) for k, v in HARD_CASES.items())
    if arguments.data and os.path.isdir(arguments.data):
        for name in sorted(os.listdir(arguments.data)):
            if name.endswith(".eml"):
                with open(os.path.join(arguments.data, name), "rb") as source:
                    messages["data/" + name] = source.read()

    with tempfile.TemporaryDirectory(prefix="view-oracle-") as scratch:
        if arguments.corpus and os.path.isdir(arguments.corpus):
            messages.update(corpus_messages(arguments.corpus))
            messages.update(decrypted_messages(arguments.corpus, scratch))
        elif os.environ.get("CI"):
            print(f"FAIL: corpus {arguments.corpus} is absent in CI")
            return 1
        else:
            print(f"SKIP corpus part: {arguments.corpus} is absent")

        if arguments.only:
            messages = {k: v for k, v in messages.items() if arguments.only in k}
        failures = []
        total_items = 0
        with Dovecot() as server:
            with server.client() as client:
                client.select()
                for name, message in sorted(messages.items()):
                    count, bad = compare(name, canonical(message), client, arguments.view_tool,
                                         scratch, failures, arguments.verbose)
                    total_items += count
                    print(f"{'ok  ' if bad == 0 else 'FAIL'} {name}: {count} items, "
                          f"{bad} differ")

    print(f"{len(messages)} messages, {total_items} items compared, {len(failures)} differ")
    if failures and not arguments.verbose:
        for name, item, theirs, ours in failures[:40]:
            print(f"MISMATCH {name} {item}\n  dovecot: {theirs!r}\n  view:    {ours!r}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
