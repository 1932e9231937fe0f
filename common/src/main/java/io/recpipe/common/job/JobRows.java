package io.recpipe.common.job;

import io.recpipe.common.session.SessionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Maps job rows and time values between JDBC and {@link Job} (H2 and PostgreSQL alike). */
final class JobRows {

  static final String COLUMNS =
      "session_id, state, attempts, next_attempt_at, last_error, owner, lease_until, detail,"
          + " pending_status, version, created_at, updated_at, wait_reason, waits, announced_by,"
          + " result_detail";

  private JobRows() {}

  static Job map(ResultSet rs, int row) throws SQLException {
    return new Job(
        SessionId.of(rs.getString("session_id")),
        JobState.valueOf(rs.getString("state")),
        rs.getInt("attempts"),
        instant(rs, "next_attempt_at"),
        rs.getString("last_error"),
        rs.getString("owner"),
        instant(rs, "lease_until"),
        rs.getString("detail"),
        rs.getString("pending_status"),
        rs.getLong("version"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        reason(rs.getString("wait_reason")),
        rs.getInt("waits"),
        rs.getString("announced_by"),
        rs.getString("result_detail"));
  }

  /** A value JDBC drivers of both databases bind to {@code TIMESTAMP WITH TIME ZONE}. */
  static OffsetDateTime time(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static WaitReason reason(String name) {
    return name == null ? null : WaitReason.valueOf(name);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
