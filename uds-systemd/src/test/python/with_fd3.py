"""Starts a command with descriptor 3 set up as a socket-activated service would inherit it.

    with_fd3.py KIND LISTEN_PID COMMAND...

KIND is what fd 3 is: "pipe" (the read end of a pipe), "inet" (a listening AF_INET TCP socket),
"unix-stream" (a listening AF_UNIX STREAM socket, bound to an abstract name), "unix-stream-nonblocking"
(the same, O_NONBLOCK, as systemd passes sockets with NonBlocking=yes). LISTEN_PID is
"self" for this process's id, which the command keeps (this process execs it), or a number.
LISTEN_FDS=1 is set. The command's output is the command's own.
"""
import os
import socket
import sys

kind, listen_pid, command = sys.argv[1], sys.argv[2], sys.argv[3:]

if kind == "pipe":
    read_end, write_end = os.pipe()
    fd = read_end
elif kind == "inet":
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    fd = s.detach()
elif kind in ("unix-stream", "unix-stream-nonblocking"):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind("\0uds-systemd-test-%d" % os.getpid())
    s.listen(1)
    s.setblocking(kind == "unix-stream")
    fd = s.detach()
else:
    sys.exit("unknown kind " + kind)

if fd != 3:
    os.dup2(fd, 3)
    os.close(fd)
os.set_inheritable(3, True)  # os.pipe() and socket() make it close-on-exec, and dup2 of 3 onto 3 keeps that
env = dict(os.environ)
env["LISTEN_FDS"] = "1"
env["LISTEN_PID"] = str(os.getpid()) if listen_pid == "self" else listen_pid
env.pop("LISTEN_FDNAMES", None)
os.execve(command[0], command, env)
