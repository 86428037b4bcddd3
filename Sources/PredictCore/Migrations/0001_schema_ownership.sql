-- The predict schema belongs to the predict service alone: trained models, their metrics and the predictions cache.
-- No other service reads or writes it; data crosses service boundaries only by RPC.
COMMENT ON SCHEMA predict IS 'Owned by the CrimeScope predict service: trained models, their metrics and the predictions cache.';
