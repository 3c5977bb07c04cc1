#!/usr/bin/env python3
"""A socketcore client in a few lines of standard-library Python: the text protocol and JSON lines.

Usage: python3 examples/python/client.py [--host HOST] [--port PORT]
Prints each request and its reply; exits non-zero if a reply is not the expected one.
"""
import argparse
import json
import socket
import sys


class Client:
    """One connection; requests and replies are UTF-8 lines ending in LF."""

    def __init__(self, host, port):
        self.sock = socket.create_connection((host, port), timeout=30)
        self.file = self.sock.makefile("rw", encoding="utf-8", newline="\n")

    def ask(self, line):
        self.file.write(line + "\n")
        self.file.flush()
        return self.file.readline().rstrip("\n")

    def ask_json(self, request):
        return json.loads(self.ask(json.dumps(request)), parse_float=str, parse_int=int)

    def close(self):
        self.sock.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", type=int, default=12345)
    args = parser.parse_args()

    client = Client(args.host, args.port)
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
