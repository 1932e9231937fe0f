package io.recpipe.common.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A service "a" whose earlier release kept its history in Flyway's default table and its lock table
 * as {@code shedlock}, and whose current release has its own history table and {@code a_shedlock};
 * a service "b" of the earlier release in the same schema. On H2 and on the PostgreSQL on
 * 127.0.0.1:5432 (a schema of its own per test).
 */
class OwnSchemaHistoryTest {

  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
  private static final String LOCATION = "classpath:io/recpipe/common/migration/";

  private final String name =
      "own_history_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  private HikariDataSource dataSource;
  private String database;

  @AfterEach
  void tearDown() {
    if (dataSource != null) {
      dataSource.close();
    }
    if ("postgres".equals(database)) {
      postgresAdmin().sql("DROP SCHEMA IF EXISTS " + name + " CASCADE").update();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void aDatabaseOfTheEarlierReleaseIsTakenOverWithItsRowsAndLocks(String db) {
    open(db);
    earlier("a").migrate();
    jdbc().sql("INSERT INTO a_job (id) VALUES ('kept')").update();
    jdbc().sql("INSERT INTO shedlock (name) VALUES ('a.scan')").update();

    new OwnSchemaHistory(Map.of("shedlock", "a_shedlock")).migrate(now());

    assertThat(tables()).containsExactlyInAnyOrder("a_job", "a_schema_history", "a_shedlock");
    assertThat(jdbc().sql("SELECT id FROM a_job WHERE state IS NULL").query(String.class).list())
        .as("the row survives and V3 ran")
        .containsExactly("kept");
    assertThat(jdbc().sql("SELECT name FROM a_shedlock").query(String.class).list())
        .containsExactly("a.scan");
    assertThat(now().info().applied()).hasSize(3);
    now().validate(); // V2's rewritten script is now the one recorded
    // A second start finds its own history and simply migrates (nothing left to do).
    new OwnSchemaHistory(Map.of("shedlock", "a_shedlock")).migrate(now());
    assertThat(now().info().applied()).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void withoutTheTakeOverTheEarlierDatabaseDoesNotStart(String db) {
    open(db);
    earlier("a").migrate();

    assertThatThrownBy(() -> now().migrate()).isInstanceOf(FlywayException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void anotherServicesDefaultHistoryIsLeftAloneAndBothWorkInOneSchema(String db) {
    open(db);
    earlier("b").migrate();

    new OwnSchemaHistory(Map.of("shedlock", "a_shedlock")).migrate(now());

    assertThat(tables())
        .containsExactlyInAnyOrder(
            "a_job",
            "a_schema_history",
            "a_shedlock",
            "b_job",
            "flyway_schema_history",
            "shedlock");
    assertThat(earlier("b").info().applied()).as("b's history untouched").hasSize(2);
    earlier("b").validate();
    assertThat(now().info().applied()).as("a: baseline 0, then its three migrations").hasSize(4);
  }

  private void open(String db) {
    database = db;
    dataSource = new HikariDataSource();
    if (db.equals("h2")) {
      dataSource.setJdbcUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
      dataSource.setUsername("sa");
    } else {
      postgresAdmin().sql("CREATE SCHEMA " + name).update();
      dataSource.setJdbcUrl(POSTGRES + "?currentSchema=" + name);
      dataSource.setUsername("postgres");
    }
    dataSource.setMaximumPoolSize(4);
  }

  /** A service of the earlier release: Flyway's default history table. */
  private Flyway earlier(String service) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION + service + "-earlier")
        .load();
  }

  /** Service "a" as the services configure Flyway now. */
  private Flyway now() {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION + "a-now")
        .table("a_schema_history")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }

  private JdbcClient jdbc() {
    return JdbcClient.create(dataSource);
  }

  private List<String> tables() {
    String schema = database.equals("h2") ? "PUBLIC" : name;
    return jdbc()
        .sql("SELECT table_name FROM information_schema.tables WHERE table_schema = ?")
        .param(schema)
        .query(String.class)
        .list()
        .stream()
        .map(t -> t.toLowerCase(Locale.ROOT))
        .toList();
  }

  private static JdbcClient postgresAdmin() {
    return JdbcClient.create(
        new SimpleDriverDataSource(new org.postgresql.Driver(), POSTGRES, "postgres", ""));
  }
}
