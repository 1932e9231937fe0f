package io.recpipe.common.job;

import com.zaxxer.hikari.HikariDataSource;

/** The job store on H2 in memory (the encoder's and uploader's default database). */
class H2JobStoreTest extends JobStoreContract {

  private final String database = "jobs_" + System.nanoTime();

  @Override
  HikariDataSource newDataSource() {
    return TestDatabases.h2(database);
  }
}
