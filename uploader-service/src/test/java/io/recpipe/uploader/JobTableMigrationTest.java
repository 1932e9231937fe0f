package io.recpipe.uploader;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.job.JobTableSchema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JobTableMigrationTest {

  @Test
  void theFlywayMigrationIsCommonsJobTableUnderTheUploadersName() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/db/migration/V1__uploader_job.sql")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(JobTableSchema.sql(UploaderConfiguration.JOB_TABLE));
    }
  }

  @Test
  void thePendingLeaseMigrationIsCommonsToo() throws Exception {
    try (InputStream in =
        getClass().getResourceAsStream("/db/migration/V3__uploader_job_pending_lease.sql")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(JobTableSchema.pendingLeaseSql(UploaderConfiguration.JOB_TABLE));
    }
  }

  @Test
  void theWaitingMigrationIsCommonsToo() throws Exception {
    try (InputStream in =
        getClass().getResourceAsStream("/db/migration/V4__uploader_job_waiting.sql")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(JobTableSchema.waitingSql(UploaderConfiguration.JOB_TABLE));
    }
  }

  @Test
  void theEventsMigrationIsCommonsToo() throws Exception {
    try (InputStream in =
        getClass().getResourceAsStream("/db/migration/V5__uploader_job_events.sql")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(JobTableSchema.eventsSql(UploaderConfiguration.JOB_TABLE));
    }
  }

  @Test
  void theResultMigrationIsCommonsToo() throws Exception {
    try (InputStream in =
        getClass().getResourceAsStream("/db/migration/V6__uploader_job_result.sql")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(JobTableSchema.resultSql(UploaderConfiguration.JOB_TABLE));
    }
  }
}
