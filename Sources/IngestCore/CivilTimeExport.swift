// IngestCore's public records and ranges (IncidentRecord.occurred, LocalRange) are LocalDateTime
// values: whoever uses IngestCore uses the civil-time type with it.
@_exported import CivilTime
