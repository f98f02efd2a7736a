"""A sum protocol client in Python, to drive the Java server from a language nobody here wrote
a socket library for: python3 sum_client.py [--stream] SOCKET ARGS...  Prints "Result = ...".
"""
import socket
import sys

REPLY_SIZE = 12


def main(argv):
    kind = socket.SOCK_SEQPACKET
    if argv and argv[0] == "--stream":
        kind = socket.SOCK_STREAM
        argv = argv[1:]
    path, arguments = argv[0], argv[1:]
    with socket.socket(socket.AF_UNIX, kind) as connection:
        try:
            connection.connect(path)
        except (FileNotFoundError, ConnectionRefusedError):
            print("The server is down.", file=sys.stderr)
            return 1
        try:
            for argument in arguments + ["END"]:
                connection.sendall(argument.encode("ascii") + b"\0")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed already: its reply is still to be read
        reply = b""
        while len(reply) < REPLY_SIZE:
            chunk = connection.recv(REPLY_SIZE - len(reply))
            if not chunk:
                break
            reply += chunk
            if kind == socket.SOCK_SEQPACKET:
                break
    if not reply:
        print("no reply", file=sys.stderr)
        return 2
    print("Result = " + reply[:REPLY_SIZE - 1].split(b"\0")[0].decode("ascii"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
