-- The job table of a recpipe service (io.recpipe.common.job.JdbcJobStore), for H2 and PostgreSQL.
CREATE TABLE ${table} (
    session_id      VARCHAR(128)             NOT NULL PRIMARY KEY,
    state           VARCHAR(16)              NOT NULL,
    attempts        INTEGER                  NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(2000),
    owner           VARCHAR(200),
    lease_until     TIMESTAMP WITH TIME ZONE,
    detail          VARCHAR(2000),
    pending_status  VARCHAR(64),
    version         BIGINT                   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ${table}_state_idx ON ${table} (state, next_attempt_at, created_at);
