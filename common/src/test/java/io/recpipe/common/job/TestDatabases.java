package io.recpipe.common.job;

import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Databases the job-store tests run on: H2 in memory and the PostgreSQL on 127.0.0.1:5432. */
final class TestDatabases {

  static final String POSTGRES_URL =
      System.getProperty("recpipe.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");

  private TestDatabases() {}

  static HikariDataSource h2(String name) {
    return pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa");
  }

  static HikariDataSource postgres() {
    return pool(POSTGRES_URL, "postgres");
  }

  static HikariDataSource pool(String url, String user) {
    var ds = new HikariDataSource();
    ds.setJdbcUrl(url);
    ds.setUsername(user);
    ds.setMaximumPoolSize(4);
    ds.setConnectionTimeout(5_000);
    return ds;
  }

  /** A table name no other test run uses. */
  static String uniqueTable() {
    var random = ThreadLocalRandom.current();
    var sb = new StringBuilder("job_test_");
    for (int i = 0; i < 12; i++) {
      sb.append((char) ('a' + random.nextInt(26)));
    }
    return sb.toString();
  }

  static void createTable(JdbcClient jdbc, String table) {
    JobTableSchema.statements(table).forEach(sql -> jdbc.sql(sql).update());
  }
}
