import Contracts
import Foundation
import NIOCore
import NIOPosix
@testable import Wire

/// A plain socket to a server for sending hand-made bytes and reading the frames that come back.
enum RawConnection {
    /// Sends `chunks` (each written and flushed on its own), then reads until `expectedFrames`
    /// frames arrived or the server closed the connection.
    static func exchange(_ endpoint: Endpoint, chunks: [[UInt8]], expectedFrames: Int = .max) async throws -> (frames: [RPCEnvelope], closedByServer: Bool) {
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        let initializer: @Sendable (any Channel) -> EventLoopFuture<NIOAsyncChannel<ByteBuffer, ByteBuffer>> = { channel in
            channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
        }
        let channel = switch endpoint {
        case .unix(let path): try await bootstrap.connect(unixDomainSocketPath: path, channelInitializer: initializer)
        case .tcp(let host, let port): try await bootstrap.connect(host: host, port: port, channelInitializer: initializer)
        }
        return try await channel.executeThenClose { inbound, outbound in
            for chunk in chunks {
                // A server answers a bad frame and closes at once: a later chunk may find the
                // connection gone. That is the server's answer too; what it sent is read below.
                do { try await outbound.write(ByteBuffer(bytes: chunk)) } catch { break }
            }
            // Nothing to wait for: close our side right away (e.g. in the middle of a frame).
            if expectedFrames == 0 { return ([], false) }
            var received = ByteBuffer()
            var frames: [RPCEnvelope] = []
            let parser = FrameParser(maxFrameBytes: .max)
            do {
                for try await var buffer in inbound {
                    received.writeBuffer(&buffer)
                    while let body = try parser.nextFrame(from: &received) {
                        frames.append(try FrameEncoding.envelope(from: body))
                    }
                    if frames.count >= expectedFrames { return (frames, false) }
                }
            } catch let error as IOError where error.errnoCode == ECONNRESET {
                // The server closed while bytes we sent were still unread on its side: the kernel
                // reports a reset after the data that arrived before it. Closed, all the same.
                return (frames, true)
            }
            return (frames, true)
        }
    }

    /// One frame around `envelope`.
    static func frame(_ envelope: RPCEnvelope) -> [UInt8] {
        let buffer = FrameEncoding.frame(envelope, allocator: ByteBufferAllocator())
        return Array(buffer.readableBytesView)
    }
}
