package io.recpipe.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.job.JobTableSchema;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  @Test
  void theJobTableMigrationIsCommonsSchemaForEncoderJob() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/db/migration/V1__encoder_job.sql")) {
      String migration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(migration).isEqualTo(JobTableSchema.sql("encoder_job"));
    }
  }

  @Test
  void thePendingLeaseMigrationIsCommonsToo() throws Exception {
    try (InputStream in =
        getClass().getResourceAsStream("/db/migration/V3__encoder_job_pending_lease.sql")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(JobTableSchema.pendingLeaseSql("encoder_job"));
    }
  }

  @Test
  void theWaitingMigrationIsCommonsToo() throws Exception {
    try (InputStream in =
        getClass().getResourceAsStream("/db/migration/V4__encoder_job_waiting.sql")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(JobTableSchema.waitingSql("encoder_job"));
    }
  }

  @Test
  void theEventsMigrationIsCommonsToo() throws Exception {
    try (InputStream in =
        getClass().getResourceAsStream("/db/migration/V5__encoder_job_events.sql")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(JobTableSchema.eventsSql("encoder_job"));
    }
  }

  @Test
  void theResultMigrationIsCommonsToo() throws Exception {
    try (InputStream in =
        getClass().getResourceAsStream("/db/migration/V6__encoder_job_result.sql")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(JobTableSchema.resultSql("encoder_job"));
    }
  }
}
