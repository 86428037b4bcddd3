"""An independent client of the CrimeScope RPC wire (spec: Protos/README.md).

It shares no code with the Swift side: framing is written here from the spec with `socket`
and `struct`, and messages come from the PyPI `protobuf` runtime plus modules that Debian's
`protoc --python_out` generates at test time from Protos/crimescope/**/*.proto (see
`generate_protos`). Nothing generated is committed.

A frame is: 1 byte compressed flag (always 0), a 4-byte big-endian length, then that many bytes
of a serialized `crimescope.rpc.v1.Envelope`.
"""

from __future__ import annotations

import importlib
import os
import socket
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HEADER = struct.Struct(">BI")
HEALTH_CHECK = "/crimescope.health.v1.Health/Check"


def generate_protos(repo_root: Path, out_dir: Path) -> None:
    """Runs Debian's protoc over every contract into `out_dir` and puts it on sys.path."""
    protos = sorted(str(p.relative_to(repo_root / "Protos"))
                    for p in (repo_root / "Protos" / "crimescope").rglob("*.proto"))
    if not protos:
        raise RuntimeError("no .proto files under Protos/crimescope")
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(["protoc", f"--python_out={out_dir}", "-I", str(repo_root / "Protos"), *protos],
                   check=True)
    if str(out_dir) not in sys.path:
        sys.path.insert(0, str(out_dir))
    importlib.invalidate_caches()


def pb(module: str) -> Any:
    """The generated module for a proto path, e.g. pb("rpc.v1.envelope")."""
    return importlib.import_module(f"crimescope.{module}_pb2")


def parse_endpoint(endpoint: str) -> tuple[int, Any]:
    """`unix:///abs/path.sock` or `tcp://host:port` → (address family, address)."""
    if endpoint.startswith("unix://"):
        return socket.AF_UNIX, endpoint[len("unix://"):]
    if endpoint.startswith("tcp://"):
        host, _, port = endpoint[len("tcp://"):].rpartition(":")
        return socket.AF_INET, (host, int(port))
    raise ValueError(f"unsupported endpoint {endpoint!r}")


def encode_frame(payload: bytes, flag: int = 0, declared_length: int | None = None) -> bytes:
    """One frame; `flag` and `declared_length` can be set wrong on purpose for tests."""
    length = len(payload) if declared_length is None else declared_length
    return HEADER.pack(flag, length) + payload


class ConnectionClosed(Exception):
    """The peer closed the connection (possibly in the middle of a frame)."""


@dataclass
class Reply:
    call_id: int
    kind: int
    code: int
    message: str
    payload: bytes
    envelope: Any


class WireConnection:
    """One connection; calls are sequential (one in flight), which the tests need."""

    def __init__(self, endpoint: str, timeout: float = 10.0):
        family, address = parse_endpoint(endpoint)
        self.sock = socket.socket(family, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(address)
        self._next_call_id = 1
        self._buffer = b""

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> "WireConnection":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- raw frames --------------------------------------------------------------------------
    def send_raw(self, data: bytes) -> None:
        self.sock.sendall(data)

    def _read_exactly(self, n: int) -> bytes:
        while len(self._buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionClosed(f"closed after {len(self._buffer)} of {n} bytes")
            self._buffer += chunk
        data, self._buffer = self._buffer[:n], self._buffer[n:]
        return data

    def read_frame(self) -> bytes:
        flag, length = HEADER.unpack(self._read_exactly(HEADER.size))
        if flag != 0:
            raise ValueError(f"server sent a frame with compressed flag {flag}")
        return self._read_exactly(length)

    def read_reply(self) -> Reply:
        envelope_pb2 = pb("rpc.v1.envelope")
        env = envelope_pb2.Envelope()
        env.ParseFromString(self.read_frame())
        return Reply(env.call_id, env.kind, env.status.code, env.status.message, env.payload, env)

    def is_closed_by_peer(self) -> bool:
        """True when the peer has closed: reading gives EOF (or a reset) before the timeout."""
        try:
            return self.sock.recv(1) == b""
        except (ConnectionResetError, BrokenPipeError):
            return True

    # -- calls -------------------------------------------------------------------------------
    def request_envelope(self, method: str, payload: bytes) -> Any:
        envelope_pb2 = pb("rpc.v1.envelope")
        call_id = self._next_call_id
        self._next_call_id += 1
        return envelope_pb2.Envelope(call_id=call_id, kind=envelope_pb2.FRAME_KIND_REQUEST,
                                     method=method, payload=payload)

    def call(self, method: str, request: Any) -> Reply:
        env = self.request_envelope(method, request.SerializeToString())
        self.send_raw(encode_frame(env.SerializeToString()))
        reply = self.read_reply()
        if reply.call_id != env.call_id:
            raise AssertionError(f"reply for call {reply.call_id}, expected {env.call_id}")
        return reply

    def health_check(self, service: str = "") -> tuple[Reply, int]:
        """Calls Health/Check; returns the reply and the ServingStatus (-1 if not OK)."""
        health_pb2 = pb("health.v1.health")
        reply = self.call(HEALTH_CHECK, health_pb2.HealthCheckRequest(service=service))
        if reply.code != 0:
            return reply, -1
        response = health_pb2.HealthCheckResponse()
        response.ParseFromString(reply.payload)
        return reply, response.status


def wait_for_endpoint(endpoint: str, timeout: float, alive: Any = lambda: True) -> None:
    """Waits until `endpoint` accepts connections; `alive()` returning False aborts early."""
    import time

    deadline = time.monotonic() + timeout
    family, address = parse_endpoint(endpoint)
    last: Exception | None = None
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError(f"server exited before {endpoint} accepted connections")
        if family == socket.AF_UNIX and not os.path.exists(address):
            time.sleep(0.05)
            continue
        try:
            with socket.socket(family, socket.SOCK_STREAM) as s:
                s.settimeout(1.0)
                s.connect(address)
                return
        except OSError as error:
            last = error
            time.sleep(0.05)
    raise TimeoutError(f"{endpoint} did not accept connections within {timeout}s (last: {last})")
