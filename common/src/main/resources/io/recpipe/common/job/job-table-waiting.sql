-- The job table's third step: waiting without using an attempt, and whether EmpowerID has taken a
-- non-final word from this service for the session (so a later 409 is a takeover, not a drop).
ALTER TABLE ${table} ADD COLUMN wait_reason VARCHAR(32);
ALTER TABLE ${table} ADD COLUMN waits INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE ${table} ADD COLUMN announced_by VARCHAR(200);
