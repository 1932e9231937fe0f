package io.recpipe.uploader;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.job.JobTableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The uploader's job table migrations are common's scripts under its table name. */
class JobTableMigrationTest {

  static List<JobTableSchema.Migration> migrations() {
    return JobTableSchema.migrations(UploaderConfiguration.JOB_TABLE);
  }

  @ParameterizedTest
  @MethodSource("migrations")
  void eachJobTableMigrationIsCommonsScript(JobTableSchema.Migration migration) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/db/migration/" + migration.fileName())) {
      assertThat(in).as(migration.fileName()).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(migration.sql());
    }
  }
}
