-- ShedLock's lock table (net.javacrumbs.shedlock JdbcTemplateLockProvider), for H2 and PostgreSQL,
-- named after the service so that encoder and uploader can share one database. (Releases before
-- the per-service history table created it as "shedlock"; OwnSchemaHistory renames that one.)
CREATE TABLE uploader_shedlock (
    name       VARCHAR(64)              NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_by  VARCHAR(255)             NOT NULL
);
