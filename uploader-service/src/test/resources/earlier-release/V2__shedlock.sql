-- ShedLock's lock table (net.javacrumbs.shedlock JdbcTemplateLockProvider), for H2 and PostgreSQL.
CREATE TABLE shedlock (
    name       VARCHAR(64)              NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_by  VARCHAR(255)             NOT NULL
);
