package io.recpipe.common.job;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The job store on the PostgreSQL at 127.0.0.1:5432 (database {@code test}, started by {@code
 * scripts/setup-machine.sh}); each test uses a table of its own.
 */
class PostgresJobStoreTest extends JobStoreContract {

  @Override
  HikariDataSource newDataSource() {
    return TestDatabases.postgres();
  }
}
