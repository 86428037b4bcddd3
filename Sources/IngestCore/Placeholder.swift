// IngestCore
