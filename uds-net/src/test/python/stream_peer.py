#!/usr/bin/env python3
"""A STREAM peer for the uds-net tests, written on Python's socket module alone.

Server modes listen on ADDRESS (a path, or @name for an abstract name), print "ready" once
listening, serve one connection and exit:
  echo      send back every byte received; at end of stream, shut down writing
  digest    read to end of stream, then send "<length> <sha256 hex>\\n"
  send N    send N random bytes, print "<length> <sha256 hex>" on stdout, close
  pid       send "<pid>\\n" and wait for end of stream
Client mode:
  client N  connect to ADDRESS, send N random bytes, shut down writing, read the reply to end of
            stream and print "<length> <sha256 hex>" of what was sent, then the reply
Backlog mode:
  full      listen with backlog 0 and fill the backlog with connections of its own, print "ready",
            then wait for stdin to close
"""
import hashlib
import os
import socket
import sys


def address(text):
    return "\0" + text[1:] if text.startswith("@") else text


def listening(text):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(address(text))
    s.listen(1)
    return s


def ready():
    print("ready", flush=True)


def read_all(conn):
    data = bytearray()
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            return bytes(data)
        data += chunk


def summary(data):
    return "%d %s" % (len(data), hashlib.sha256(data).hexdigest())


def main():
    where, mode = sys.argv[1], sys.argv[2]
    if mode == "client":
        data = os.urandom(int(sys.argv[3]))
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(address(where))
            s.sendall(data)
            s.shutdown(socket.SHUT_WR)
            reply = read_all(s)
        print(summary(data))
        print(reply.decode("ascii"), end="", flush=True)
        return
    if mode == "full":
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(address(where))
        server.listen(0)
        fillers = []
        while True:
            c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            c.setblocking(False)
            try:
                c.connect(address(where))
            except BlockingIOError:
                c.close()
                break
            fillers.append(c)
        ready()
        sys.stdin.read()
        return
    server = listening(where)
    ready()
    conn, _ = server.accept()
    with conn:
        if mode == "echo":
            while True:
                chunk = conn.recv(65536)
                if not chunk:
                    conn.shutdown(socket.SHUT_WR)
                    break
                conn.sendall(chunk)
        elif mode == "digest":
            conn.sendall((summary(read_all(conn)) + "\n").encode("ascii"))
        elif mode == "send":
            data = os.urandom(int(sys.argv[3]))
            conn.sendall(data)
            print(summary(data), flush=True)
        elif mode == "pid":
            conn.sendall(("%d\n" % os.getpid()).encode("ascii"))
            read_all(conn)
        else:
            raise SystemExit("unknown mode " + mode)


if __name__ == "__main__":
    main()
