"""A fake upstream IMAP server that misbehaves on purpose, for the proxy's bad-upstream cases.

It greets, accepts any LOGIN and behaves like a small, well-formed server until a mailbox is
selected; the selected mailbox's name decides what its FETCH answers are:

  midliteral   announces a 5,000-byte literal, sends 100 bytes of it and disconnects
  garbage      answers with binary garbage and unbalanced parentheses, then keeps quiet
  hugeliteral  announces a literal of 99,999,999,999,999 bytes and sends a little of it
  anything else one small clear message, well-formed

Run standalone it prints {"port": N} on its first line and serves until terminated; the test
suite starts it in-process with HostileServer.
"""
import json
import re
import socket
import sys
import threading

MESSAGE = (b"From: Hostile <hostile@example.org>\r\nTo: Alice <alice@example.org>\r\n"
           b"Subject: Harmless\r\nMessage-ID: <harmless@example.org>\r\n"
           b"Content-Type: text/plain; charset=us-ascii\r\n\r\nNothing to see.\r\n")

GARBAGE = (b"* 1 FETCH (UID 1 BODY[] ((((\x00\xff\xfe\x01 \"unterminated\r\n"
           b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR)))))) {-5}\r\n* * * ((\r\n"
           + bytes(range(256)) + b"\r\n")


class HostileServer:
    def __init__(self):
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(64)
        self.port = self.listener.getsockname()[1]
        self.connections = 0
        self._threads = []
        self._sockets = []
        self._stopping = False
        self._accepting = threading.Thread(target=self._accept, daemon=True)
        self._accepting.start()

    def stop(self):
        self._stopping = True
        try:
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()
        for connection in list(self._sockets):
            try:
                connection.close()
            except OSError:
                pass

    def _accept(self):
        while not self._stopping:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            self._sockets.append(connection)
            thread = threading.Thread(target=self._serve, args=(connection,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, connection):
        try:
            Conversation(connection).run()
        except OSError:
            pass
        finally:
            try:
                connection.close()
            except OSError:
                pass


class Conversation:
    def __init__(self, connection):
        self.connection = connection
        self.buffer = b""
        self.mailbox = None

    def send(self, data):
        self.connection.sendall(data)

    def line(self):
        while b"\r\n" not in self.buffer:
            chunk = self.connection.recv(65536)
            if not chunk:
                return None
            self.buffer += chunk
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        # A literal in a command (APPEND) is read and ignored; LITERAL+ is offered.
        literal = re.search(rb"\{(\d+)(\+?)\}$", line)
        if literal:
            if not literal.group(2):
                self.send(b"+ go ahead\r\n")
            size = int(literal.group(1))
            while len(self.buffer) < size:
                chunk = self.connection.recv(65536)
                if not chunk:
                    return None
                self.buffer += chunk
            self.buffer = self.buffer[size:]
            rest = self.line()
            return None if rest is None else line + b" " + rest
        return line

    def run(self):
        self.send(b"* OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE] hostile test server ready\r\n")
        while True:
            line = self.line()
            if line is None:
                return
            parts = line.split(b" ", 2)
            if len(parts) < 2:
                self.send(b"* BAD no tag\r\n")
                continue
            tag, command = parts[0], parts[1].upper()
            argument = parts[2] if len(parts) > 2 else b""
            if command == b"UID" and argument:
                command, _, argument = argument.partition(b" ")
                command = command.upper()
            if not self.answer(tag, command, argument):
                return

    def answer(self, tag, command, argument):
        if command == b"CAPABILITY":
            self.send(b"* CAPABILITY IMAP4rev1 LITERAL+ IDLE COMPRESS=DEFLATE BINARY\r\n"
                      + tag + b" OK done\r\n")
        elif command in (b"LOGIN", b"AUTHENTICATE"):
            self.send(tag + b" OK [CAPABILITY IMAP4rev1 LITERAL+ IDLE] logged in\r\n")
        elif command in (b"SELECT", b"EXAMINE"):
            self.mailbox = argument.strip(b'"').lower()
            self.send(b"* FLAGS (\\Seen)\r\n* 1 EXISTS\r\n* 0 RECENT\r\n"
                      b"* OK [UIDVALIDITY 7] ok\r\n* OK [UIDNEXT 2] ok\r\n"
                      + tag + b" OK [READ-WRITE] selected\r\n")
        elif command == b"FETCH":
            return self.fetch(tag)
        elif command == b"LOGOUT":
            self.send(b"* BYE bye\r\n" + tag + b" OK done\r\n")
            return False
        else:
            self.send(tag + b" OK done\r\n")
        return True

    def fetch(self, tag):
        if self.mailbox == b"midliteral":
            self.send(b"* 1 FETCH (UID 1 BODY[] {5000}\r\n" + b"x" * 100)
            return False
        if self.mailbox == b"garbage":
            self.send(GARBAGE)
            return True
        if self.mailbox == b"hugeliteral":
            self.send(b"* 1 FETCH (UID 1 BODY[] {99999999999999}\r\n" + b"y" * 4096)
            return True
        self.send(b"* 1 FETCH (UID 1 RFC822.SIZE %d FLAGS () BODY[] {%d}\r\n%s)\r\n"
                  % (len(MESSAGE), len(MESSAGE), MESSAGE) + tag + b" OK done\r\n")
        return True


def main():
    server = HostileServer()
    print(json.dumps({"port": server.port}), flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    server.stop()


if __name__ == "__main__":
    sys.exit(main())
