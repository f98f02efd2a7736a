"""A sum protocol client that stops mid-session and waits to be killed (SIGKILL), for the fault
tests: python3 sum_victim.py [--stream] SOCKET MODE

MODE says where the session stops:
  silent   connected, nothing sent
  numbers  a few numbers sent, no END
  flood    numbers sent without end, until killed
  unread   numbers and END sent, the reply never read
Prints "ready" once the session has reached that point (for flood: once it is flooding).
"""
import socket
import sys
import time


def main(argv):
    kind = socket.SOCK_SEQPACKET
    if argv[0] == "--stream":
        kind = socket.SOCK_STREAM
        argv = argv[1:]
    path, mode = argv
    connection = socket.socket(socket.AF_UNIX, kind)
    connection.connect(path)
    if mode in ("numbers", "unread"):
        for number in ("1", "2", "3"):
            connection.sendall(number.encode("ascii") + b"\0")
    if mode == "unread":
        connection.sendall(b"END\0")
    if mode == "flood":
        for _ in range(100):
            connection.sendall(b"1\0")
    print("ready", flush=True)
    while mode == "flood":
        connection.sendall(b"1\0")
    while True:
        time.sleep(60)


if __name__ == "__main__":
    main(sys.argv[1:])
