-- Where each job's MP4 was stored (the store's name and the object's key, a conflict key included),
-- so the console can play it from the store once the local file is gone. The uploader's own step:
-- the encoder's job table has no such columns.
ALTER TABLE uploader_job ADD COLUMN stored_in VARCHAR(16);
ALTER TABLE uploader_job ADD COLUMN stored_key VARCHAR(1024);
