-- The job table's fifth step: what the finished work said of its result (e.g. the damaged byte
-- ranges a conversion skipped), kept with the job and sent to EmpowerID with the success status.
ALTER TABLE encoder_job ADD COLUMN result_detail VARCHAR(2000);
