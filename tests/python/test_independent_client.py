"""A real `ingest serve` (and `heatmap`/`predict`), driven over its Unix socket and over TCP by
the independent client in crimescope_wire.py. Checks the wire contract of Protos/README.md
("Call ids and kinds", "Frame size limit", the error table)."""

from __future__ import annotations

import os
import stat
import time

import pytest

import crimescope_wire as wire
from conftest import free_port

FOUR_MIB = 4 * 1024 * 1024
INVALID_ARGUMENT = 3
RESOURCE_EXHAUSTED = 8
UNIMPLEMENTED = 12
INTERNAL = 13


@pytest.fixture(scope="module")
def ingest(cluster):
    process, endpoints = cluster.service("ingest", tcp_port=free_port())
    yield process, endpoints
    assert process.alive(), f"ingest died during the tests\n{process.describe()}"


@pytest.fixture(params=["unix", "tcp"])
def endpoint(request, ingest) -> str:
    return ingest[1][request.param]


def serving() -> int:
    return wire.pb("health.v1.health").HealthCheckResponse.SERVING


def response_kind() -> int:
    return wire.pb("rpc.v1.envelope").FRAME_KIND_RESPONSE


def assert_still_serving(endpoint: str) -> None:
    with wire.WireConnection(endpoint) as fresh:
        reply, status = fresh.health_check()
        assert reply.code == 0, reply.message
        assert status == serving()


def assert_connection_error_then_close(conn: wire.WireConnection, expected_code: int | None) -> wire.Reply:
    """The server answers a frame it cannot accept with a call_id-0 error, then hangs up."""
    reply = conn.read_reply()
    assert reply.call_id == 0, f"connection-level error must carry call_id 0, got {reply.call_id}"
    assert reply.kind == response_kind()
    assert reply.code != 0, "a rejected frame must not get status OK"
    if expected_code is not None:
        assert reply.code == expected_code, f"status {reply.code} ({reply.message!r})"
    assert reply.payload == b""
    assert conn.is_closed_by_peer(), "server must close the connection after a framing error"
    return reply


def test_health_check_serving(endpoint):
    with wire.WireConnection(endpoint) as conn:
        reply, status = conn.health_check()
        assert reply.code == 0, f"status {reply.code}: {reply.message}"
        assert reply.kind == response_kind()
        assert status == serving()
        # The same connection keeps working for later calls (call ids 2, 3).
        for _ in range(2):
            reply, status = conn.health_check()
            assert (reply.code, status) == (0, serving())


def test_pipelined_calls_are_answered_by_call_id(endpoint):
    health = wire.pb("health.v1.health")
    with wire.WireConnection(endpoint) as conn:
        sent = []
        for _ in range(5):
            env = conn.request_envelope(wire.HEALTH_CHECK, health.HealthCheckRequest().SerializeToString())
            sent.append(env.call_id)
            conn.send_raw(wire.encode_frame(env.SerializeToString()))
        received = [conn.read_reply() for _ in sent]
        assert sorted(r.call_id for r in received) == sorted(sent)
        assert all(r.code == 0 for r in received)


def test_unknown_method_is_unimplemented_and_named(endpoint):
    method = "/crimescope.nothing.v1.Nothing/DoesNotExist"
    with wire.WireConnection(endpoint) as conn:
        reply = conn.call(method, wire.pb("health.v1.health").HealthCheckRequest())
        assert reply.code == UNIMPLEMENTED, f"status {reply.code}: {reply.message}"
        assert method in reply.message, f"message does not name the method: {reply.message!r}"
        assert reply.payload == b""
        # An unknown method is a call error, not a connection error: the connection lives on.
        reply, status = conn.health_check()
        assert (reply.code, status) == (0, serving())


def test_compressed_flag_is_rejected_and_connection_closed(endpoint):
    health = wire.pb("health.v1.health")
    with wire.WireConnection(endpoint) as conn:
        env = conn.request_envelope(wire.HEALTH_CHECK, health.HealthCheckRequest().SerializeToString())
        conn.send_raw(wire.encode_frame(env.SerializeToString(), flag=1))
        assert_connection_error_then_close(conn, INTERNAL)
    assert_still_serving(endpoint)


def test_garbage_envelope_is_rejected_and_connection_closed(endpoint):
    garbage = b"\x0f\xff\xff\xff\xff"  # field 1 with wire type 7: not valid protobuf
    envelope = wire.pb("rpc.v1.envelope").Envelope()
    with pytest.raises(Exception):
        envelope.ParseFromString(garbage)  # the reference runtime rejects it too
    with wire.WireConnection(endpoint) as conn:
        conn.send_raw(wire.encode_frame(garbage))
        assert_connection_error_then_close(conn, INTERNAL)
    assert_still_serving(endpoint)


def test_oversized_frame_is_resource_exhausted(endpoint):
    with wire.WireConnection(endpoint) as conn:
        # Only the header: the server must refuse on the declared length, before reading a body.
        conn.send_raw(wire.encode_frame(b"", declared_length=FOUR_MIB + 1))
        reply = assert_connection_error_then_close(conn, RESOURCE_EXHAUSTED)
        assert str(FOUR_MIB + 1) in reply.message and str(FOUR_MIB) in reply.message, reply.message
    assert_still_serving(endpoint)


def test_request_with_call_id_zero_is_a_connection_error(endpoint):
    envelope_pb2 = wire.pb("rpc.v1.envelope")
    health = wire.pb("health.v1.health")
    env = envelope_pb2.Envelope(call_id=0, kind=envelope_pb2.FRAME_KIND_REQUEST, method=wire.HEALTH_CHECK,
                                payload=health.HealthCheckRequest().SerializeToString())
    with wire.WireConnection(endpoint) as conn:
        conn.send_raw(wire.encode_frame(env.SerializeToString()))
        assert_connection_error_then_close(conn, INVALID_ARGUMENT)
    assert_still_serving(endpoint)


def test_response_frame_from_a_client_is_invalid_argument(endpoint):
    envelope_pb2 = wire.pb("rpc.v1.envelope")
    env = envelope_pb2.Envelope(call_id=7, kind=envelope_pb2.FRAME_KIND_RESPONSE)
    with wire.WireConnection(endpoint) as conn:
        conn.send_raw(wire.encode_frame(env.SerializeToString()))
        reply = conn.read_reply()
        assert (reply.call_id, reply.code) == (0, INVALID_ARGUMENT), (reply.call_id, reply.code, reply.message)


def test_undecodable_request_payload_is_invalid_argument_for_that_call_only(endpoint):
    with wire.WireConnection(endpoint) as conn:
        env = conn.request_envelope(wire.HEALTH_CHECK, b"\x0f\xff\xff")
        conn.send_raw(wire.encode_frame(env.SerializeToString()))
        reply = conn.read_reply()
        assert reply.call_id == env.call_id
        assert reply.code == INVALID_ARGUMENT, f"status {reply.code}: {reply.message}"
        # A call error, not a connection error: the same connection keeps working.
        reply, status = conn.health_check()
        assert (reply.code, status) == (0, serving())


def test_truncated_frame_does_not_harm_other_connections(endpoint):
    health = wire.pb("health.v1.health")
    conn = wire.WireConnection(endpoint)
    env = conn.request_envelope(wire.HEALTH_CHECK, health.HealthCheckRequest().SerializeToString())
    frame = wire.encode_frame(env.SerializeToString())
    conn.send_raw(frame[: len(frame) - 2])  # stall mid-frame, then hang up
    assert_still_serving(endpoint)
    conn.close()
    assert_still_serving(endpoint)


def test_socket_file_mode_is_0600(ingest):
    mode = stat.S_IMODE(os.stat(ingest[1]["socket_path"]).st_mode)
    assert mode == 0o600, f"socket mode is {oct(mode)}"
    assert stat.S_ISSOCK(os.stat(ingest[1]["socket_path"]).st_mode)


@pytest.mark.parametrize("name", ["ingest", "heatmap", "predict"])
def test_sigterm_exits_zero(cluster, name):
    process, endpoints = cluster.service(name, tcp_port=free_port(), tag="-sigterm")
    with wire.WireConnection(endpoints["unix"]) as conn:
        reply, status = conn.health_check()
        assert (reply.code, status) == (0, serving()), reply.message
    started = time.monotonic()
    code = process.terminate(timeout=10.0)
    assert code == 0, f"exit code {code} after SIGTERM (None = still running after 10 s)\n{process.describe()}"
    assert time.monotonic() - started < 10.0
