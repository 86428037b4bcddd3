import Contracts
import NIOCore
import NIOEmbedded
import Synchronization
import Testing
@testable import Wire

/// Deadlines fire when the event loop's clock reaches them, and not before: the connection
/// handlers on a test event loop whose time only moves when the test advances it.
@Suite("Deadlines on an injected clock", .hangGuard)
struct DeadlineTimerTests {
    @Test func aClientCallFailsWhenItsDeadlinePassesAndTellsTheServer() async throws {
        let loop = NIOAsyncTestingEventLoop()
        let channel = try await NIOAsyncTestingChannel(loop: loop) { channel in
            try channel.pipeline.syncOperations.addHandler(ClientConnectionHandler(endpoint: .unix(path: "/test.sock")))
        }
        let reply = loop.makePromise(of: RPCEnvelope.self)
        let outcome = Mutex<Result<RPCEnvelope, any Error>?>(nil)
        reply.futureResult.whenComplete { result in outcome.withLock { $0 = result } }
        let request = RPCEnvelope(callID: 7, kind: .request, method: Methods.Health.check.fullName)
        try await channel.writeOutbound(ClientOutbound.call(callID: 7, frame: FrameEncoding.frame(request, allocator: channel.allocator),
                                                            timeout: .milliseconds(100), reply: reply))
        #expect(try Self.envelope(try await channel.waitForOutboundWrite(as: ByteBuffer.self)).callID == 7)

        await loop.advanceTime(by: .milliseconds(99))
        #expect(outcome.withLock { $0 } == nil)
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == nil)

        await loop.advanceTime(by: .milliseconds(1))
        await loop.run()
        let error = await #expect(throws: RPCError.self) { try await reply.futureResult.get() }
        #expect(error == RPCError(.deadlineExceeded, "deadline of 100 ms exceeded"))
        let cancel = try Self.envelope(try await channel.waitForOutboundWrite(as: ByteBuffer.self))
        #expect(cancel.callID == 7)
        #expect(cancel.kind == .cancel)
        _ = try? await channel.finish()
    }

    @Test func aReplyBeforeTheDeadlineStopsItsTimer() async throws {
        let loop = NIOAsyncTestingEventLoop()
        let channel = try await NIOAsyncTestingChannel(loop: loop) { channel in
            try channel.pipeline.syncOperations.addHandler(ClientConnectionHandler(endpoint: .unix(path: "/test.sock")))
        }
        let reply = loop.makePromise(of: RPCEnvelope.self)
        let request = RPCEnvelope(callID: 3, kind: .request, method: Methods.Health.check.fullName)
        try await channel.writeOutbound(ClientOutbound.call(callID: 3, frame: FrameEncoding.frame(request, allocator: channel.allocator),
                                                            timeout: .milliseconds(100), reply: reply))
        _ = try await channel.waitForOutboundWrite(as: ByteBuffer.self)
        let response = RPCEnvelope(callID: 3, kind: .response, status: WireStatus(code: 0, message: ""))
        try await channel.writeInbound(ByteBuffer(bytes: response.serializedBytes()))
        #expect(try await reply.futureResult.get().callID == 3)

        await loop.advanceTime(by: .seconds(1))
        await loop.run()
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == nil, "a CANCEL frame for a call that was answered")
        _ = try? await channel.finish()
    }

    @Test func theServerEndsACallWithDeadlineExceededWhenItsTimeoutPasses() async throws {
        let probe = Flag()
        let sleeping = Flag()
        let loop = NIOAsyncTestingEventLoop()
        let router = TestMethods.router(probe: probe, sleeping: sleeping)
        let channel = try await NIOAsyncTestingChannel(loop: loop) { channel in
            try channel.pipeline.syncOperations.addHandler(
                ServerConnectionHandler(router: router, metrics: CallMetrics(side: "server"), logger: TestServer.logger))
        }
        let request = RPCEnvelope(callID: 9, kind: .request, method: TestMethods.sleep.fullName, timeoutMicros: 50_000,
                                  payload: HealthCheckRequest().serializedBytes())
        try await channel.writeInbound(ByteBuffer(bytes: request.serializedBytes()))
        await sleeping.wait()

        await loop.advanceTime(by: .microseconds(49_999))
        await loop.run()
        #expect(try await channel.readOutbound(as: ByteBuffer.self) == nil)
        #expect(!probe.isSet)

        await loop.advanceTime(by: .microseconds(1))
        await loop.run()
        let reply = try Self.envelope(try await channel.waitForOutboundWrite(as: ByteBuffer.self))
        #expect(reply.callID == 9)
        #expect(reply.kind == .response)
        #expect(reply.status == WireStatus(code: StatusCode.deadlineExceeded.rawValue, message: "deadline of 50000 µs exceeded"))
        #expect(await probe.wait(), "the handler was not cancelled")
        _ = try? await channel.finish()
    }

    /// The envelope in one length-prefixed frame.
    static func envelope(_ frame: ByteBuffer) throws -> RPCEnvelope {
        var buffer = frame
        guard let body = try FrameParser(maxFrameBytes: .max).nextFrame(from: &buffer) else {
            throw RPCError(.internalError, "not a whole frame")
        }
        return try FrameEncoding.envelope(from: body)
    }
}
