import ArgumentParser
import HeatmapCore
import ServiceKit

/// How the heatmap pulls the outbox and when it persists index snapshots.
struct HeatmapTuningOptions: ParsableArguments {
    @Option(name: .customLong("outbox-batch-deltas"),
            help: "Most deltas per outbox pull, 100-1000000 (env CRIMESCOPE_OUTBOX_BATCH_DELTAS; default 20000).")
    var outboxBatchDeltas: Int?

    @Option(name: .customLong("snapshot-quiet-ms"),
            help: "Write an index snapshot once the index has been still this long, 10-600000 (env CRIMESCOPE_SNAPSHOT_QUIET_MS; default 2000).")
    var snapshotQuietMilliseconds: Int?

    @Option(name: .customLong("snapshot-max-age-ms"),
            help: "… or once the newest snapshot is this old while the index keeps moving, 10-3600000 (env CRIMESCOPE_SNAPSHOT_MAX_AGE_MS; default 20000).")
    var snapshotMaxAgeMilliseconds: Int?

    func resolve(environment: [String: String]) throws(ConfigurationError) -> (OutboxConsumerSettings, SnapshotSettings) {
        var consumer = OutboxConsumerSettings(), snapshot = SnapshotSettings()
        consumer.maxDeltas = Int32(try Self.integer("outbox-batch-deltas", outboxBatchDeltas, environment,
                                                    default: Int(consumer.maxDeltas), range: 100...1_000_000))
        snapshot.quiet = .milliseconds(try Self.integer("snapshot-quiet-ms", snapshotQuietMilliseconds, environment,
                                                        default: 2_000, range: 10...600_000))
        snapshot.maxAge = .milliseconds(try Self.integer("snapshot-max-age-ms", snapshotMaxAgeMilliseconds, environment,
                                                         default: 20_000, range: 10...3_600_000))
        return (consumer, snapshot)
    }

    private static func integer(_ name: String, _ flag: Int?, _ environment: [String: String], default defaultValue: Int,
                                range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        let key = SettingKey(name)
        let value = try key.integer(flag: flag, environment: environment, default: defaultValue)
        guard range.contains(value) else {
            throw .invalid(key, value: "\(value)", reason: "must be \(range.lowerBound)-\(range.upperBound)")
        }
        return value
    }
}
