#!/usr/bin/env python3
"""CTest fixture for the Redis tests: start or stop one redis-server.

    redis_fixture.py start DIR REDIS_SERVER   # picks a free loopback port,
                                              # writes DIR/port and DIR/redis.pid
    redis_fixture.py stop DIR                 # stops it, removes the files

The server keeps nothing on disk (--save '' --appendonly no) and runs in the
foreground of its own process group (--daemonize no), started in the
background here. When REDIS_SERVER is empty (redis-server not installed),
start writes nothing and says so; the tests then skip.
"""
import os
import signal
import socket
import subprocess
import sys
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ping(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def start(directory, server):
    os.makedirs(directory, exist_ok=True)
    stop(directory)
    if not server or not os.access(server, os.X_OK):
        print("redis fixture: SKIPPED: redis-server is not installed; the Redis tests will skip")
        return 0
    for _ in range(5):
        port = free_port()
        log = open(os.path.join(directory, "redis.log"), "w")
        proc = subprocess.Popen(
            [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--daemonize", "no", "--dir", directory],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 10
        while time.time() < deadline and proc.poll() is None:
            if ping(port):
                with open(os.path.join(directory, "redis.pid"), "w") as f:
                    f.write(str(proc.pid))
                with open(os.path.join(directory, "port"), "w") as f:
                    f.write(str(port))
                print("redis fixture: redis-server pid %d on 127.0.0.1:%d" % (proc.pid, port))
                return 0
            time.sleep(0.05)
        proc.kill()
        proc.wait()
    print("redis fixture: redis-server did not start (see %s/redis.log)" % directory)
    return 1


def stop(directory):
    pid_file = os.path.join(directory, "redis.pid")
    try:
        pid = int(open(pid_file).read())
    except (OSError, ValueError):
        return 0
    try:
        os.kill(pid, signal.SIGTERM)
        for _ in range(100):
            os.kill(pid, 0)
            time.sleep(0.05)
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    for name in ("redis.pid", "port"):
        try:
            os.remove(os.path.join(directory, name))
        except OSError:
            pass
    print("redis fixture: stopped redis-server pid %d" % pid)
    return 0


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "start":
        sys.exit(start(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else ""))
    if len(sys.argv) == 3 and sys.argv[1] == "stop":
        sys.exit(stop(sys.argv[2]))
    sys.stderr.write(__doc__)
    sys.exit(2)
