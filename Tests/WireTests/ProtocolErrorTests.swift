import Contracts
import Testing
import Wire

@Suite("Bad bytes close only their own connection", .hangGuard)
struct ProtocolErrorTests {
    static let check = RPCEnvelope(callID: 1, kind: .request, method: Methods.Health.check.fullName,
                                   payload: HealthCheckRequest().serializedBytes())

    /// Each exchange must leave the server serving a second, well-behaved client.
    private func expectServerStillServes(_ server: TestServer) async throws {
        let reply = try await server.client().call(Methods.Health.check, HealthCheckRequest())
        #expect(reply.status == .serving)
    }

    @Test(arguments: [TestServer.Transport.unix, .tcp])
    func requestSentByteByByteIsServed(_ transport: TestServer.Transport) async throws {
        try await withServer(transport) { server in
            let bytes = RawConnection.frame(Self.check) + RawConnection.frame(RPCEnvelope(callID: 2, kind: .request, method: TestMethods.echo.fullName))
            let (frames, _) = try await RawConnection.exchange(server.endpoint, chunks: bytes.map { [$0] }, expectedFrames: 2)
            #expect(frames.map(\.callID).sorted() == [1, 2])
            #expect(frames.allSatisfy { $0.status?.code == 0 })
        }
    }

    @Test func oversizedFrameGetsResourceExhaustedOnCallZeroThenClose() async throws {
        try await withServer(maxFrameBytes: 1_024) { server in
            let header: [UInt8] = [0, 0, 0, 0x08, 0x00]  // 2048 bytes announced
            let (frames, closed) = try await RawConnection.exchange(server.endpoint, chunks: [header, Array(repeating: 7, count: 100)])
            #expect(closed)
            #expect(frames.count == 1)
            #expect(frames.first?.callID == 0)
            #expect(frames.first?.kind == .response)
            #expect(frames.first?.status == WireStatus(code: StatusCode.resourceExhausted.rawValue,
                                                       message: "frame of 2048 bytes exceeds the 1024-byte limit"))
            try await expectServerStillServes(server)
        }
    }

    @Test func compressedFlagGetsInternalThenClose() async throws {
        try await withServer { server in
            var frame = RawConnection.frame(Self.check)
            frame[0] = 1
            let (frames, closed) = try await RawConnection.exchange(server.endpoint, chunks: [frame])
            #expect(closed)
            #expect(frames.map(\.callID) == [0])
            #expect(frames.first?.status?.code == StatusCode.internalError.rawValue)
            try await expectServerStillServes(server)
        }
    }

    @Test func garbledEnvelopeGetsInternalThenClose() async throws {
        try await withServer { server in
            let garbage: [UInt8] = [0, 0, 0, 0, 3, 0x1A, 0x7F, 0x41]  // a length that runs past the end
            let (frames, closed) = try await RawConnection.exchange(server.endpoint, chunks: [garbage, RawConnection.frame(Self.check)])
            #expect(closed)
            #expect(frames.map(\.callID) == [0])
            #expect(frames.first?.status?.code == StatusCode.internalError.rawValue)
            try await expectServerStillServes(server)
        }
    }

    @Test func responseFrameFromAClientIsInvalidArgument() async throws {
        try await withServer { server in
            let frame = RawConnection.frame(RPCEnvelope(callID: 5, kind: .response))
            let (frames, closed) = try await RawConnection.exchange(server.endpoint, chunks: [frame])
            #expect(closed)
            #expect(frames.first?.callID == 0)
            #expect(frames.first?.status?.code == StatusCode.invalidArgument.rawValue)
        }
    }

    @Test func truncatedFrameThenEOFDoesNotDisturbTheServer() async throws {
        try await withServer { server in
            let frame = RawConnection.frame(Self.check)
            // Send half a frame and close our side: the server drops the connection, nothing else.
            let client = server.client()
            try await expectServing(client)
            _ = try await RawConnection.exchange(server.endpoint, chunks: [Array(frame.prefix(frame.count / 2))], expectedFrames: 0)
            try await expectServing(client)
            try await expectServerStillServes(server)
        }
    }

    @Test func callIDZeroIsRefused() async throws {
        try await withServer { server in
            let frame = RawConnection.frame(RPCEnvelope(callID: 0, kind: .request, method: Methods.Health.check.fullName))
            let (frames, closed) = try await RawConnection.exchange(server.endpoint, chunks: [frame])
            #expect(closed)
            #expect(frames.first?.status?.code == StatusCode.invalidArgument.rawValue)
        }
    }
}
