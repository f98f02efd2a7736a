#!/usr/bin/env python3
"""A peer of the uds interop matrix written with Python's own socket module.

It speaks ChildPeer's protocol: one command per line on standard input,
    ROLE TYPE FEATURE SERVER-ADDRESS CLIENT-ADDRESS DIR PEER-PID
with ROLE "accepting" or "connecting", addresses "path:/x.sock" or "abstract:name".
It says HELLO when it starts, answers READY once an accepting side is bound,
then PASS, or FAIL and what failed; details go to standard error. Each FEATURE is the same conversation,
byte for byte, as the Java enum dev.uds.interop.Feature.
"""
import os
import socket
import struct
import sys
import tempfile
import traceback

TYPES = {"STREAM": socket.SOCK_STREAM, "DGRAM": socket.SOCK_DGRAM, "SEQPACKET": socket.SOCK_SEQPACKET}
ROOM = 1 << 16
SIZES = [1, 100, 4000, 60000]
UCRED = struct.Struct("3i")  # struct ucred: pid, uid, gid


def check(condition, failure):
    if not condition:
        raise AssertionError(failure)


def address(word):
    kind, _, rest = word.partition(":")
    if kind == "abstract":
        return b"\0" + rest.encode("ascii")
    check(kind == "path", "not an address word: " + word)
    return rest


def identity(pid):
    """pid, effective uid and gid of a running process, from /proc/PID/status."""
    ids = {}
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("Uid", "Gid"):
                ids[key] = int(value.split()[1])
    return (pid, ids["Uid"], ids["Gid"])


def pattern(length):
    return bytes((i + length) % 251 for i in range(length))


class Conn:
    """A connected socket and its type: STREAM has no boundaries, the others deliver whole messages."""

    def __init__(self, sock, type_name):
        self.sock = sock
        self.stream = type_name == "STREAM"
        self.type_name = type_name

    def send(self, data):
        if isinstance(data, str):
            data = data.encode("ascii")
        if self.stream:
            self.sock.sendall(data)
        else:
            sent = self.sock.send(data)
            check(sent == len(data), "sent %d of %d bytes" % (sent, len(data)))

    def expect(self, data, what=None):
        if isinstance(data, str):
            what = what or '"%s"' % data
            data = data.encode("ascii")
        if self.stream:
            got = b""
            while len(got) < len(data):
                chunk = self.sock.recv(len(data) - len(got))
                check(chunk, "end of stream after %d of %d bytes" % (len(got), len(data)))
                got += chunk
        else:
            got = self.sock.recv(ROOM)
        check(got == data, "expected %s (%d bytes), received %d bytes%s"
              % (what, len(data), len(got), (": %r" % got) if len(got) <= 64 else ""))

    def expect_length(self, length):
        """The next length bytes of the stream, or the next message, which must be that long."""
        if self.stream:
            got = b""
            while len(got) < length:
                chunk = self.sock.recv(length - len(got))
                check(chunk, "end of stream after %d of %d bytes" % (len(got), length))
                got += chunk
        else:
            got = self.sock.recv(ROOM)
        check(len(got) == length, "expected a message of %d bytes, received %d" % (length, len(got)))
        return got

    def expect_end(self):
        got = self.sock.recv(ROOM)
        check(got == b"", "expected end of stream, received %d bytes" % len(got))


def messages(c, accepting, side):
    for i in range(1, 4):
        if accepting:
            c.expect("ping %d" % i)
            c.send("pong %d" % i)
        else:
            c.send("ping %d" % i)
            c.expect("pong %d" % i)


def boundaries(c, accepting, side):
    if accepting:
        if c.stream:
            c.expect(b"".join(pattern(n) for n in SIZES), "the four messages' bytes in order")
        else:
            for n in SIZES:
                c.expect(pattern(n), "a message of %d bytes" % n)
            data, _, flags, _ = c.sock.recvmsg(10)
            check(len(data) == 10 and flags & socket.MSG_TRUNC,
                  "a 100-byte message into 10 bytes: %d bytes, flags %#x (no MSG_TRUNC)" % (len(data), flags))
        c.send("done")
    else:
        for n in SIZES:
            c.send(pattern(n))
        if not c.stream:
            c.send(pattern(100))
        c.expect("done")


def empty_datagram(c, accepting, side):
    if accepting:
        got = c.sock.recv(ROOM)
        check(got == b"", "an empty datagram was received as %d bytes" % len(got))
        c.expect("after")
        c.send("ok")
    else:
        sent = c.sock.send(b"")
        check(sent == 0, "an empty datagram was sent as %d bytes" % sent)
        c.send("after")
        c.expect("ok")


def end_of_stream(c, accepting, side):
    connection = c.type_name != "DGRAM"
    if accepting:
        c.expect("last")
        if connection:
            c.expect_end()
        c.send("after")
        if connection:
            c.sock.close()
        else:
            c.sock.shutdown(socket.SHUT_RD)
            c.expect_end()
    else:
        c.send("last")
        if connection:
            c.sock.shutdown(socket.SHUT_WR)
        c.expect("after")
        if connection:
            c.expect_end()


def shutdown(c, accepting, side):
    connection = c.type_name != "DGRAM"
    if accepting:
        if connection:
            c.expect_end()
        c.send("bye")
        if connection:
            c.sock.shutdown(socket.SHUT_WR)
    else:
        c.sock.shutdown(socket.SHUT_WR)
        try:
            sent = c.sock.send(b"x")
            raise AssertionError("a send after shutdown(SHUT_WR) sent %d bytes instead of EPIPE" % sent)
        except BrokenPipeError:
            pass
        c.expect("bye")
        if connection:
            c.expect_end()


def peer_credentials(c, accepting, side):
    got = UCRED.unpack(c.sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, UCRED.size))
    check(got == side["peer"], "SO_PEERCRED reads pid, uid, gid %r; the peer is %r" % (got, side["peer"]))
    if accepting:
        c.send("checked")
    else:
        c.expect("checked")


def descriptors(c, accepting, side):
    def send_file(text):
        fd, path = tempfile.mkstemp(dir=side["dir"], prefix="passed", suffix=".txt")
        try:
            os.write(fd, text.encode("ascii"))
        finally:
            os.close(fd)
        fd = os.open(path, os.O_RDONLY)
        try:
            sent = socket.send_fds(c.sock, [b"fd"], [fd])
            check(sent == 2, "sent %d of the 2 bytes that carry the descriptor" % sent)
        finally:
            os.close(fd)

    def receive_file(text):
        data, fds, flags, _ = socket.recv_fds(c.sock, 2, 1)
        try:
            check(data == b"fd", "expected \"fd\", received %r" % data)
            check(len(fds) == 1 and not flags & socket.MSG_CTRUNC,
                  "expected 1 descriptor, received %d (flags %#x)" % (len(fds), flags))
            content = b""
            while True:
                chunk = os.read(fds[0], 256)
                if not chunk:
                    break
                content += chunk
            check(content == text.encode("ascii"), "the passed file reads %r, not %r" % (content, text))
        finally:
            for fd in fds:
                os.close(fd)

    if accepting:
        receive_file("written by the connecting side")
        send_file("written by the accepting side")
    else:
        send_file("written by the connecting side")
        receive_file("written by the accepting side")


def socket_passing(c, accepting, side):
    kind = TYPES[c.type_name]
    if accepting:
        data, fds, flags, _ = socket.recv_fds(c.sock, 6, 1)
        check(data == b"socket" and len(fds) == 1, "expected \"socket\" and 1 descriptor, received %r and %d" % (data, len(fds)))
        passed = socket.socket(fileno=fds[0])  # family and type read from the descriptor
        try:
            check(passed.family == socket.AF_UNIX and passed.type == kind,
                  "the passed socket is %r %r, not AF_UNIX %r" % (passed.family, passed.type, kind))
            Conn(passed, c.type_name).send("through the passed socket")
        finally:
            passed.close()
    else:
        kept, given = socket.socketpair(socket.AF_UNIX, kind)
        try:
            socket.send_fds(c.sock, [b"socket"], [given.fileno()])
            given.close()  # the receiver holds the only descriptor of that end now
            Conn(kept, c.type_name).expect("through the passed socket")
        finally:
            given.close()
            kept.close()


def credentials(c, accepting, side):
    if accepting:
        c.sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
        c.send("ready")
        for text in ("plain", "stated"):
            data, ancillary, flags, _ = c.sock.recvmsg(len(text), socket.CMSG_SPACE(UCRED.size))
            check(data == text.encode("ascii") and not flags & socket.MSG_TRUNC,
                  "expected %r, received %r (flags %#x)" % (text, data, flags))
            got = [UCRED.unpack(d[:UCRED.size]) for level, kind, d in ancillary
                   if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS]
            check(got == [side["peer"]], "%r came with SCM_CREDENTIALS %r; the sender is %r" % (text, got, side["peer"]))
            c.send("ok")
    else:
        c.expect("ready")
        c.send("plain")
        c.expect("ok")
        own = UCRED.pack(os.getpid(), os.geteuid(), os.getegid())
        sent = c.sock.sendmsg([b"stated"], [(socket.SOL_SOCKET, socket.SCM_CREDENTIALS, own)])
        check(sent == 6, "sent %d of 6 bytes" % sent)
        c.expect("ok")


def autobind(c, accepting, side):
    if accepting:
        name = c.expect_length(5)
        got = c.sock.getpeername()
        check(got == b"\0" + name, "the peer says it is %r, its address reads %r" % (b"\0" + name, got))
        c.send("seen")
    else:
        local = c.sock.getsockname()
        check(isinstance(local, bytes) and len(local) == 6 and local[0] == 0,
              "autobind gave %r, not an abstract name of 5 hex digits" % (local,))
        c.send(local[1:])
        c.expect("seen")


def abstract_address(c, accepting, side):
    if accepting:
        got = c.sock.getsockname()
        check(got == side["server"], "local address %r, bound to %r" % (got, side["server"]))
        c.expect("abstract ping")
        c.send("abstract pong")
    else:
        got = c.sock.getpeername()
        check(got == side["server"], "remote address %r, connected to %r" % (got, side["server"]))
        c.send("abstract ping")
        c.expect("abstract pong")


def addressed_datagrams(c, accepting, side):
    """Unconnected DGRAM sockets: sendto and recvfrom, the answer going to the sender's address."""
    s = c.sock
    if accepting:
        data, sender = s.recvfrom(65536)
        check(data == b"ping", "the first datagram was %r, not b'ping'" % (data,))
        autobound = isinstance(sender, bytes) and len(sender) == 6 and sender[0] == 0
        check(autobound or (isinstance(sender, str) and sender != ""),
              "the sender %r is neither an autobound name nor a path" % (sender,))
        s.sendto(b"pong", sender)
        data, _, flags, again = s.recvmsg(10)
        check(flags & socket.MSG_TRUNC and len(data) == 10,
              "a datagram of 100 bytes into 10: %d bytes, flags %#x" % (len(data), flags))
        check(again == sender, "the truncated datagram came from %r, the ping from %r" % (again, sender))
        s.sendto(b"truncated 100", sender)
    else:
        for request, answer in ((b"ping", b"pong"), (pattern(100), b"truncated 100")):
            s.sendto(request, side["server"])
            data, sender = s.recvfrom(65536)
            check(data == answer, "the reply was %r, not %r" % (data, answer))
            check(sender == side["server"], "the reply came from %r, not from the server %r" % (sender, side["server"]))


FEATURES = {
    "ADDRESSED_DATAGRAMS": addressed_datagrams,
    "MESSAGES": messages,
    "BOUNDARIES": boundaries,
    "EMPTY_DATAGRAM": empty_datagram,
    "END_OF_STREAM": end_of_stream,
    "SHUTDOWN": shutdown,
    "PEER_CREDENTIALS": peer_credentials,
    "DESCRIPTORS": descriptors,
    "SOCKET_PASSING": socket_passing,
    "CREDENTIALS": credentials,
    "AUTOBIND": autobind,
    "ABSTRACT_ADDRESS": abstract_address,
}


def run(words, opened):
    role, type_name, feature, server_word, client_word, directory, peer_pid = words
    kind = TYPES[type_name]
    server, client = address(server_word), address(client_word)
    side = {"peer": identity(int(peer_pid)), "dir": directory, "server": server}
    sock = socket.socket(socket.AF_UNIX, kind)
    opened.append(sock)
    if role == "accepting":
        sock.bind(server)
        if kind != socket.SOCK_DGRAM:
            sock.listen(4)
        print("READY", flush=True)
        if feature == "ADDRESSED_DATAGRAMS":
            conn = sock  # stays unconnected
        elif kind != socket.SOCK_DGRAM:
            conn, _ = sock.accept()
            opened.append(conn)
        else:
            Conn(sock, type_name).expect("hello")
            sock.connect(client)
            conn = sock
    else:
        if feature in ("AUTOBIND", "ADDRESSED_DATAGRAMS"):
            sock.bind("")  # an empty name: the kernel picks an abstract one
        elif kind == socket.SOCK_DGRAM:
            sock.bind(client)
        if feature != "ADDRESSED_DATAGRAMS":  # which stays unconnected
            sock.connect(server)
        conn = sock
        if kind == socket.SOCK_DGRAM and feature != "ADDRESSED_DATAGRAMS":
            Conn(sock, type_name).send("hello")
    FEATURES[feature](Conn(conn, type_name), role == "accepting", side)


def main():
    print("HELLO", flush=True)
    for line in sys.stdin:
        opened = []
        try:
            run(line.split(), opened)
            answer = "PASS"
        except Exception as e:
            print("python peer, command %r:" % line.strip(), file=sys.stderr)
            traceback.print_exc()
            answer = "FAIL " + repr(e).replace("\n", " ")
        finally:
            for s in opened:
                s.close()
        print(answer, flush=True)


if __name__ == "__main__":
    main()
