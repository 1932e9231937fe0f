package io.recpipe.uploader.upload;

import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.store.ObjectKey;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where each job's MP4 was stored (columns {@code stored_in}, {@code stored_key} of the job table,
 * migration V7): the date in a key comes from the MP4's modification time, which cannot be read
 * again once the local file is gone.
 */
public class StoredKeys {

  /** A stored MP4: the store's {@code name()} and the object's key. */
  public record Stored(String store, ObjectKey key) {}

  private static final Logger log = LoggerFactory.getLogger(StoredKeys.class);

  private final JdbcClient db;
  private final String table;

  public StoredKeys(DataSource dataSource, String table) {
    this.db = JdbcClient.create(dataSource);
    this.table = table;
  }

  /**
   * Notes where the session's MP4 is. Not part of the upload's outcome: a failure is logged and the
   * upload stands (the console then cannot play it from the store).
   */
  public void record(SessionId sessionId, String store, ObjectKey key) {
    try {
      db.sql("UPDATE " + table + " SET stored_in = ?, stored_key = ? WHERE session_id = ?")
          .params(store, key.value(), sessionId.value())
          .update();
    } catch (DataAccessException e) {
      log.warn("Stored key not noted. session: {}, key: {}", sessionId, key, e);
    }
  }

  /** Where the session's MP4 was stored; empty when it never was (or the job was forgotten). */
  public Optional<Stored> find(SessionId sessionId) {
    return db.sql(
            "SELECT stored_in, stored_key FROM "
                + table
                + " WHERE session_id = ? AND stored_key IS NOT NULL")
        .param(sessionId.value())
        .query((rs, n) -> new Stored(rs.getString(1), new ObjectKey(rs.getString(2))))
        .optional();
  }
}
