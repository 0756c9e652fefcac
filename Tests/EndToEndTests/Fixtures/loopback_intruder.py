"""A process on the coordinator's host that tries to join a running sweep (docs/protocol.md §7.4).

    /usr/bin/python3 loopback_intruder.py SWEEP_DIR (--uid N | --owner)

--uid N: drops to that user and group (the test runs as root), then reads the sweep's contact file
and tries, over the loopback endpoint, what an intruder would: to read the run's key files, to
register as a worker (READY) and to cancel the sweep (CANCEL), once without keys and once with a
key pair of its own. Each attempt waits for the socket monitor's verdict on the handshake, so a
refusal is observed, not assumed from silence.
--owner: the control, as the user that started the coordinator: reads the client key the run
made and asks for STATUS, which must be answered.

Prints one JSON object on stdout. Needs Debian's python3-zmq.
"""
import json
import os
import sys
import time

import zmq
from zmq.utils.monitor import recv_monitor_message

TAG = b"WSP01"
READY, CANCEL, STATUS, STATUS_REPLY, WELCOME = b"\x01", b"\x12", b"\x10", b"\x11", b"\x0a"
VERDICTS = {
    zmq.EVENT_HANDSHAKE_SUCCEEDED: "succeeded",
    zmq.EVENT_HANDSHAKE_FAILED_AUTH: "failed: authentication",
    zmq.EVENT_HANDSHAKE_FAILED_PROTOCOL: "failed: protocol",
    zmq.EVENT_HANDSHAKE_FAILED_NO_DETAIL: "failed",
}


def attempt(context, endpoint, curve, frames_list, seconds=15):
    """Connects, sends each message, and returns the handshake verdict and any reply's command."""
    socket = context.socket(zmq.DEALER)
    socket.setsockopt(zmq.LINGER, 0)
    if curve is not None:
        server_key, public, secret = curve
        socket.curve_serverkey, socket.curve_publickey, socket.curve_secretkey = server_key, public, secret
    monitor = socket.get_monitor_socket()
    socket.connect(endpoint)
    for frames in frames_list:
        socket.send_multipart(frames)
    verdict, replies = None, []
    deadline = time.monotonic() + seconds
    poller = zmq.Poller()
    poller.register(monitor, zmq.POLLIN)
    poller.register(socket, zmq.POLLIN)
    while time.monotonic() < deadline and (verdict is None or (verdict == "succeeded" and not replies)):
        ready = dict(poller.poll(100))
        if monitor in ready:
            event = recv_monitor_message(monitor)["event"]
            verdict = VERDICTS.get(event, verdict)
        if socket in ready:
            reply = socket.recv_multipart()
            replies.append(reply[1].hex() if len(reply) > 1 else "")
    socket.disable_monitor()
    monitor.close()
    socket.close()
    return {"handshake": verdict or "no verdict", "replies": replies}


def main():
    sweep, mode = sys.argv[1], sys.argv[2]
    if mode == "--uid":
        uid = int(sys.argv[3])
        os.setgroups([])
        os.setgid(uid)
        os.setuid(uid)
    contact = json.load(open(os.path.join(sweep, "coordinator.json")))
    endpoint, server_key = contact["endpoint"], contact.get("server_key")
    context = zmq.Context()
    out = {"uid": os.getuid(), "endpoint": endpoint, "server_key": server_key is not None}
    client_secret = os.path.join(sweep, "local-keys", "local-client.secret")
    try:
        lines = open(client_secret).read().split()
        out["client_key"] = "read"
    except PermissionError:
        lines, out["client_key"] = None, "permission denied"
    if mode == "--owner":
        public, secret = lines[0].encode(), lines[1].encode()
        out["status"] = attempt(context, endpoint, (server_key.encode(), public, secret), [[TAG, STATUS, b"owner-1"]])
    else:
        caps = json.dumps({"slots": 1, "threads": 1, "host": "intruder", "engine_version": contact.get("engine_version", "")}).encode()
        messages = [[TAG, READY, b"intruder", caps], [TAG, CANCEL, b"intruder-1", b"now"]]
        out["without_keys"] = attempt(context, endpoint, None, messages)
        if server_key is not None:
            public, secret = zmq.curve_keypair()
            out["with_own_keys"] = attempt(context, endpoint, (server_key.encode(), public, secret), messages)
    context.term()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
