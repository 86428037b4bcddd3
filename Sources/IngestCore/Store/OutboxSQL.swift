/// The SQL of outbox reads and retention (migration 0006): the columnar pull, consumers'
/// acknowledged positions and the dropping of partitions every consumer has passed.
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

    /// The entries with positions in ($1, $2], in order: each with its city and its columns in
    /// PostgreSQL's binary array format (`array_send`), so the server sends the stored arrays
    /// without formatting every element as text (``OutboxColumnsReader`` reads them).
    static let sentColumns = """
        SELECT position, city, delta_count, array_send(signs), array_send(areas), array_send(primary_types),
               array_send(categories), array_send(occurred), array_send(month_only), array_send(arrests),
               array_send(domestic), array_send(has_location), array_send(lons), array_send(lats)
        FROM ingest.outbox WHERE position > $1 AND position <= $2 ORDER BY position
        """

    /// The consumers and their acknowledged positions.
    static let consumers = "SELECT consumer, acknowledged_position FROM ingest.outbox_consumers ORDER BY consumer"
}
