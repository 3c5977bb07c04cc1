#!/usr/bin/env python3
"""A socketcore client in a few lines of standard-library Python: the text protocol and JSON lines, on
any listener's framing, with or without TLS.

Usage: python3 examples/python/client.py [--host HOST] [--port PORT]
           [--framing lf|crlf|stx-etx|length-header] [--tls [--cafile FILE | --insecure]]
Prints each request and its reply; exits non-zero if a reply is not the expected one.
"""
import argparse
import json
import socket
import ssl
import struct
import sys


class Client:
    """One connection; each request and each reply is one frame of UTF-8 text in the listener's framing."""

    def __init__(self, host, port, framing="lf", tls=None):
        sock = socket.create_connection((host, port), timeout=30)
        self.sock = tls.wrap_socket(sock, server_hostname=host) if tls else sock
        self.framing = framing
        self.buffer = b""

    def ask(self, text):
        payload = text.encode("utf-8")
        if self.framing == "lf":
            frame = payload + b"\n"
        elif self.framing == "crlf":
            frame = payload + b"\r\n"
        elif self.framing == "stx-etx":
            frame = b"\x02" + payload + b"\x03"
        else:
            frame = struct.pack(">I", len(payload)) + payload
        self.sock.sendall(frame)
        return self.reply().decode("utf-8")

    def reply(self):
        if self.framing == "length-header":
            (length,) = struct.unpack(">I", self.take(4))
            return self.take(length)
        end = b"\x03" if self.framing == "stx-etx" else b"\n"
        while end not in self.buffer:
            self.fill()
        frame, self.buffer = self.buffer.split(end, 1)
        if self.framing == "stx-etx":
            return frame.lstrip(b"\x02")
        return frame.rstrip(b"\r")

    def take(self, count):
        while len(self.buffer) < count:
            self.fill()
        taken, self.buffer = self.buffer[:count], self.buffer[count:]
        return taken

    def fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionError("the server closed the connection")
        self.buffer += data

    def ask_json(self, request):
        return json.loads(self.ask(json.dumps(request)), parse_float=str, parse_int=int)

    def close(self):
        self.sock.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, default=12345)
    parser.add_argument("--framing", choices=["lf", "crlf", "stx-etx", "length-header"], default="lf",
                        help="the listener's framing (socketcore.tcp.listeners.<name>.framing)")
    parser.add_argument("--tls", action="store_true", help="the listener speaks TLS (ssl-bundle)")
    parser.add_argument("--cafile", help="with --tls: the CA (or self-signed certificate) to trust")
    parser.add_argument("--insecure", action="store_true",
                        help="with --tls: trust any certificate (a throwaway test certificate only)")
    args = parser.parse_args()

    tls = None
    if args.tls:
        tls = ssl.create_default_context(cafile=args.cafile)
        if args.insecure:
            tls.check_hostname = False
            tls.verify_mode = ssl.CERT_NONE
    client = Client(args.host, args.port, args.framing, tls)
    failures = 0

    def check(request, reply, expected):
        nonlocal failures
        ok = reply == expected
        failures += 0 if ok else 1
        print(f"{'ok  ' if ok else 'FAIL'} {request!s:60.60} -> {reply}")

    # The text protocol: one line per request, one line per reply, in order.
    for request, expected in [
        ("HELLO", "Hello, client!"),
        ("HELLO Ann", "Hello, Ann!"),
        ("SQUARE 1 2 3 4 5", "[1, 4, 9, 16, 25]"),
        ("SQUARE [1, 2, 3]", "[1, 4, 9]"),
        ("SQUARE 99999999999999999999", "[9999999999999999999800000000000000000001]"),
        ("SQUARE 1.5 -0.1", "[2.25, 0.01]"),
        ("PING", "PONG"),
    ]:
        check(request, client.ask(request), expected)

    reply = client.ask("SQUARE 1 two 3")
    check("SQUARE 1 two 3", reply.split(" ")[:2], ["ERR", "BAD_NUMBER"])

    # JSON lines: ids are echoed, numbers stay exact (integers of any size; decimals kept as text here).
    check('{"id":7,"op":"square",...}', client.ask_json({"id": 7, "op": "square", "numbers": [1, 2, 3]}),
          {"id": 7, "result": [1, 4, 9]})
    check('{"id":"a","op":"hello",...}', client.ask_json({"id": "a", "op": "hello", "name": "Ann"}),
          {"id": "a", "result": "Hello, Ann!"})
    big = 10 ** 30
    check('{"op":"square","numbers":[10**30]}', client.ask_json({"op": "square", "numbers": [big]}),
          {"result": [big * big]})
    error = client.ask_json({"id": 8, "op": "square", "numbers": [1, "x"]})
    check('{"id":8,...,"numbers":[1,"x"]}', error["error"]["code"], "BAD_NUMBER")

    check("QUIT", client.ask("QUIT"), "BYE")
    client.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
