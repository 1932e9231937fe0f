package io.recpipe.uploader;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.LockedRuns;
import io.recpipe.common.session.SessionId;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * An H2 file migrated by the release before the uploader's own history table (history in {@code
 * flyway_schema_history}, run locks in {@code shedlock}) starts with this release and keeps its
 * jobs; its history and lock table are taken over.
 */
class EarlierReleaseDatabaseTest {

  @TempDir Path root;

  @Test
  void theEarlierReleasesDatabaseStartsWithItsJobsAndLocks() throws Exception {
    Path data = Files.createDirectories(root.resolve("data"));
    // The URL the service builds from uploader.data-dir (application.yml).
    String url = "jdbc:h2:retry:" + data + "/uploader;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    var database = new SimpleDriverDataSource(new org.h2.Driver(), url, "sa", "");
    Flyway.configure()
        .dataSource(database)
        .locations("filesystem:" + earlierMigrations())
        .load()
        .migrate();
    // A row as the earlier release wrote it (its columns, not today's).
    JdbcClient.create(database)
        .sql(
            "INSERT INTO uploader_job (session_id, state, attempts, detail, version, created_at,"
                + " updated_at) VALUES ('from-before', 'QUEUED', 0, ?, 0, ?, ?)")
        .params(
            "queued by the earlier release",
            java.sql.Timestamp.from(Instant.now()),
            java.sql.Timestamp.from(Instant.now()))
        .update();
    JdbcClient.create(database)
        .sql("INSERT INTO shedlock VALUES ('uploader.scan', ?, ?, 'uploader-old')")
        .params(java.sql.Timestamp.from(Instant.now()), java.sql.Timestamp.from(Instant.now()))
        .update();

    try (var context =
        new SpringApplicationBuilder(UploaderApplication.class)
            .run(
                "--spring.main.web-application-type=none",
                "--uploader.data-dir=" + data,
                "--uploader.recordings-dir=" + Files.createDirectories(root.resolve("in")),
                "--uploader.min-free-disk=1KB",
                "--uploader.instance-id=uploader-new",
                "--uploader.scan.initial-delay=1h",
                "--uploader.upload.initial-delay=1h",
                "--empowerid.base-url=http://127.0.0.1:9",
                "--empowerid.allow-insecure-http=true",
                "--empowerid.api-key=k",
                "--empowerid.client-id=c",
                "--empowerid.client-secret=s")) {
      assertThat(context.getBean(JdbcJobStore.class).find(SessionId.of("from-before"))).isPresent();
      assertThat(
              context
                  .getBean(LockedRuns.class)
                  .run("uploader.test", Duration.ofMinutes(1), () -> "ran"))
          .as("a run lock on the uploader's lock table")
          .contains("ran");
    }

    JdbcClient db = JdbcClient.create(database);
    assertThat(
            db
                .sql(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'")
                .query(String.class)
                .list()
                .stream()
                .map(t -> t.toLowerCase(Locale.ROOT)))
        .containsExactlyInAnyOrder(
            "uploader_job", "uploader_job_event", "uploader_schema_history", "uploader_shedlock");
    assertThat(db.sql("SELECT name FROM uploader_shedlock").query(String.class).list())
        .contains("uploader.scan", "uploader.test");
  }

  /** The earlier release's scripts: today's V1, V3, V4 and its own V2. */
  private Path earlierMigrations() throws Exception {
    Path dir = Files.createDirectories(root.resolve("earlier"));
    for (String script :
        List.of(
            "db/migration/V1__uploader_job.sql",
            "db/migration/V3__uploader_job_pending_lease.sql",
            "db/migration/V4__uploader_job_waiting.sql",
            "earlier-release/V2__shedlock.sql")) {
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(script)) {
        Files.copy(in, dir.resolve(Path.of(script).getFileName()));
      }
    }
    return dir;
  }
}
