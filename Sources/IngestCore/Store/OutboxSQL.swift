/// The SQL of outbox retention (migration 0006): consumers' acknowledged positions and the
/// dropping of partitions every consumer has passed.
enum OutboxSQL {
    /// The last position no longer stored (0 when nothing was dropped).
    static let droppedThrough = "SELECT dropped_through FROM ingest.outbox_retention"

    /// Records consumer $1's acknowledged position $2, never moving it back, and never past the
    /// newest position drawn (a consumer cannot have applied entries that do not exist). Returns
    /// the recorded position.
    static let acknowledge = """
        INSERT INTO ingest.outbox_consumers AS c (consumer, acknowledged_position)
        VALUES ($1, LEAST($2::bigint, (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM ingest.outbox_position_seq)))
        ON CONFLICT (consumer) DO UPDATE
        SET acknowledged_position = GREATEST(c.acknowledged_position, EXCLUDED.acknowledged_position),
            acknowledged_at = now()
        RETURNING acknowledged_position
        """

    /// Dropping a partition locks the outbox; waiting behind a long batch would stall every pull
    /// queued behind the drop, so it gives up quickly and is tried again at the next acknowledgement.
    static let dropLockTimeout = "SET LOCAL lock_timeout = '200ms'"
    /// Drops the partitions whose every position all consumers acknowledged; returns how many.
    static let dropPassedPartitions = "SELECT ingest.drop_passed_outbox_partitions()"

    /// The consumers and their acknowledged positions.
    static let consumers = "SELECT consumer, acknowledged_position FROM ingest.outbox_consumers ORDER BY consumer"
}
