"""Many sum protocol clients in one process, connecting as non-blocking clients do:
python3 sum_burst.py [--stream] SOCKET CLIENTS SESSIONS SEED

Each client is a thread with its own socket per session, set to a timeout (settimeout), which
makes Python's connect non-blocking: a full listen backlog fails it at once with EAGAIN
(BlockingIOError) instead of waiting, as in Go's net.Dial and any client with a connect timeout.
All clients wait at a barrier and are released together, so their first connects come as one
burst. Each session sends 0 to 16 random numbers and END, and checks the reply against the sum.

Prints one line per figure, "name value": correct, wrong, lost, then "failed COUNT WHY" for each
kind of failure (the step and the exception), then "example TEXT" for the first few.
"""
import collections
import random
import socket
import sys
import threading

REPLY_SIZE = 12
TIMEOUT_SECONDS = 120
MAX_NUMBERS = 16
BOUND = 1_000_000
EXAMPLES = 5


def session(kind, path, numbers):
    """One session: the reply's text, or raises, with the step that failed in the message."""
    step = "socket"
    try:
        with socket.socket(socket.AF_UNIX, kind) as connection:
            connection.settimeout(TIMEOUT_SECONDS)
            step = "connect"
            connection.connect(path)
            step = "send"
            try:
                for message in [str(n) for n in numbers] + ["END"]:
                    connection.sendall(message.encode("ascii") + b"\0")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the server answered and closed already: its reply is still to be read
            step = "receive"
            reply = b""
            while len(reply) < REPLY_SIZE:
                chunk = connection.recv(REPLY_SIZE - len(reply))
                if not chunk:
                    break
                reply += chunk
                if kind == socket.SOCK_SEQPACKET:
                    break
            return reply.split(b"\0")[0].decode("ascii", "replace")
    except OSError as e:
        raise RuntimeError("%s: %r" % (step, e)) from e


def main(argv):
    kind = socket.SOCK_SEQPACKET
    if argv[0] == "--stream":
        kind = socket.SOCK_STREAM
        argv = argv[1:]
    path, clients, sessions, seed = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    lock = threading.Lock()
    tally = collections.Counter()
    failures = collections.Counter()
    examples = []
    start = threading.Barrier(clients)

    def note(kind_of_outcome, failure=None, example=None):
        with lock:
            tally[kind_of_outcome] += 1
            if failure is not None:
                failures[failure] += 1
            if example is not None and len(examples) < EXAMPLES:
                examples.append(example)

    def client(number):
        draw = random.Random(seed * 1_000_003 + number)
        plans = []
        for _ in range(sessions):
            plans.append([draw.randint(-BOUND, BOUND) for _ in range(draw.randint(0, MAX_NUMBERS))])
        start.wait()
        for s, numbers in enumerate(plans):
            try:
                reply = session(kind, path, numbers)
            except RuntimeError as e:
                note("lost", str(e), "client %d session %d: %s" % (number, s, e))
                continue
            if reply == str(sum(numbers)):
                note("correct")
            else:
                note("wrong", None, "client %d session %d: %s expected %d, got %r"
                     % (number, s, numbers, sum(numbers), reply))

    threading.stack_size(256 * 1024)
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name in ("correct", "wrong", "lost"):
        print(name, tally[name])
    for why, count in failures.most_common():
        print("failed", count, why)
    for example in examples:
        print("example", example)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
