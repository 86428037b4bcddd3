import Contracts
import Testing
import Wire

@Suite("Deadlines and cancellation", .hangGuard)
struct DeadlineTests {
    @Test func clientDeadlineCancelsTheHandler() async throws {
        let probe = Flag()
        try await withServer(router: TestMethods.router(probe: probe)) { server in
            let client = server.client()
            let error = await #expect(throws: RPCError.self) {
                try await client.call(TestMethods.sleep, HealthCheckRequest(), timeout: .milliseconds(100))
            }
            #expect(error?.code == .deadlineExceeded)
            #expect(await probe.wait())
            // The connection is still fine.
            try await expectServing(client)
        }
    }

    @Test func defaultTimeoutApplies() async throws {
        try await withServer { server in
            let client = server.client(.init(defaultTimeout: .milliseconds(50)))
            let error = await #expect(throws: RPCError.self) {
                try await client.call(TestMethods.sleep, HealthCheckRequest())
            }
            #expect(error?.code == .deadlineExceeded)
        }
    }

    @Test func serverEnforcesTheEnvelopeTimeoutOnItsOwn() async throws {
        let probe = Flag()
        try await withServer(router: TestMethods.router(probe: probe)) { server in
            let request = RPCEnvelope(callID: 9, kind: .request, method: TestMethods.sleep.fullName, timeoutMicros: 50_000,
                                      payload: HealthCheckRequest().serializedBytes())
            let (frames, _) = try await RawConnection.exchange(server.endpoint, chunks: [RawConnection.frame(request)], expectedFrames: 1)
            #expect(frames.first?.callID == 9)
            #expect(frames.first?.kind == .response)
            #expect(frames.first?.status?.code == StatusCode.deadlineExceeded.rawValue)
            #expect(await probe.wait())
        }
    }

    @Test func cancelFrameCancelsTheHandlerWithoutAReply() async throws {
        let probe = Flag()
        try await withServer(router: TestMethods.router(probe: probe)) { server in
            let request = RPCEnvelope(callID: 3, kind: .request, method: TestMethods.sleep.fullName, payload: [])
            let cancel = RPCEnvelope(callID: 3, kind: .cancel)
            let check = RPCEnvelope(callID: 4, kind: .request, method: Methods.Health.check.fullName, payload: [])
            let (frames, _) = try await RawConnection.exchange(
                server.endpoint, chunks: [RawConnection.frame(request), RawConnection.frame(cancel), RawConnection.frame(check)],
                expectedFrames: 1)
            #expect(frames.map(\.callID) == [4])
            #expect(await probe.wait())
        }
    }

    @Test func callerTaskCancellationIsCancelledAndReachesTheHandler() async throws {
        let probe = Flag()
        let sleeping = Flag()
        try await withServer(router: TestMethods.router(probe: probe, sleeping: sleeping)) { server in
            let client = server.client()
            let call = Task {
                try await client.call(TestMethods.sleep, HealthCheckRequest())
            }
            #expect(await sleeping.wait(), "the handler never started")
            call.cancel()
            let error = await #expect(throws: RPCError.self) { try await call.value }
            #expect(error?.code == .cancelled)
            #expect(await probe.wait())
        }
    }
}
