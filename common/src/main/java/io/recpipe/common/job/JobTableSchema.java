package io.recpipe.common.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The job table's DDL, valid on H2 and PostgreSQL, for a given table name: {@code job-table.sql}
 * (the table), {@code job-table-pending-lease.sql} and {@code job-table-waiting.sql} (columns added
 * later), {@code job-table-events.sql} (the history table {@code <table>_event}), {@code
 * job-table-result.sql} (the result detail). Each service's Flyway migrations hold the same texts
 * with its table name filled in; a test in each service checks they agree.
 */
public final class JobTableSchema {

  private static final Pattern TABLE_NAME = Pattern.compile("[a-z_]{1,50}");

  private JobTableSchema() {}

  /** Checks a table name: lower-case letters and underscores only, so it is safe in SQL. */
  public static String checkTableName(String table) {
    if (table == null || !TABLE_NAME.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "Job table name must match [a-z_]{1,50}, was: " + (table == null ? "null" : table));
    }
    return table;
  }

  /** The first script (the table) for {@code table}. */
  public static String sql(String table) {
    return script("job-table.sql", table);
  }

  /** The second script (the pending-status lease column) for {@code table}. */
  public static String pendingLeaseSql(String table) {
    return script("job-table-pending-lease.sql", table);
  }

  private static String script(String name, String table) {
    checkTableName(table);
    try (InputStream in = JobTableSchema.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${table}", table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The third script (waiting reasons and the announced owner) for {@code table}. */
  public static String waitingSql(String table) {
    return script("job-table-waiting.sql", table);
  }

  /** The fourth script (the job history table, {@code <table>_event}) for {@code table}. */
  public static String eventsSql(String table) {
    return script("job-table-events.sql", table);
  }

  /** The fifth script (the result detail of a finished job) for {@code table}. */
  public static String resultSql(String table) {
    return script("job-table-result.sql", table);
  }

  /**
   * One of the job table's scripts as a service's Flyway migration holds it.
   *
   * @param fileName the migration's file name, e.g. {@code V4__encoder_job_waiting.sql}
   * @param sql the script with the table name filled in
   */
  public record Migration(String fileName, String sql) {}

  /**
   * The job table's scripts as each service's Flyway migrations hold them ({@code V2} is the
   * service's own lock table), for the test in each service that checks they agree.
   */
  public static List<Migration> migrations(String table) {
    return List.of(
        new Migration("V1__%s.sql".formatted(table), sql(table)),
        new Migration("V3__%s_pending_lease.sql".formatted(table), pendingLeaseSql(table)),
        new Migration("V4__%s_waiting.sql".formatted(table), waitingSql(table)),
        new Migration("V5__%s_events.sql".formatted(table), eventsSql(table)),
        new Migration("V6__%s_result.sql".formatted(table), resultSql(table)));
  }

  /** All scripts split into statements, for tests that create tables without Flyway. */
  public static List<String> statements(String table) {
    String withoutComments =
        String.join(
            "\n",
            String.join(
                    "\n",
                    sql(table),
                    pendingLeaseSql(table),
                    waitingSql(table),
                    eventsSql(table),
                    resultSql(table))
                .lines()
                .filter(l -> !l.trim().startsWith("--"))
                .toList());
    return Arrays.stream(withoutComments.split(";"))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }
}
