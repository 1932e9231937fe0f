-- The job table's second step: until when an instance holds the right to send a pending status.
ALTER TABLE encoder_job ADD COLUMN pending_taken_until TIMESTAMP WITH TIME ZONE;
