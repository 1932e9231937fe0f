package io.recpipe.common.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Runs a service's migrations under its own history table ({@code spring.flyway.table}), so that
 * encoder and uploader can share one database and schema, after taking over the history an earlier
 * release kept in Flyway's default table.
 *
 * <p>The take-over happens once: when the service's own history table is missing and the default
 * one ({@code flyway_schema_history}) records this service's first migration (same script name),
 * then in one transaction the default table is renamed to the service's, the tables the newer
 * release names differently are renamed (e.g. {@code shedlock} to {@code encoder_shedlock}), and
 * the checksums of applied migrations the release rewrote are realigned with the scripts it ships.
 * A default history of the other service is left alone: this service's migrations then run beside
 * it, from the baseline the service configures ({@code baseline-on-migrate}, version 0).
 */
public final class OwnSchemaHistory implements FlywayMigrationStrategy {

  static final String DEFAULT_TABLE = "flyway_schema_history";
  private static final Logger log = LoggerFactory.getLogger(OwnSchemaHistory.class);

  private final Map<String, String> renamedTables;

  /**
   * @param renamedTables tables an earlier release created under another name: old name to new
   *     (unquoted names, as the migrations write them)
   */
  public OwnSchemaHistory(Map<String, String> renamedTables) {
    this.renamedTables = new LinkedHashMap<>(renamedTables);
  }

  @Override
  public void migrate(Flyway flyway) {
    takeOverDefaultHistory(flyway);
    flyway.migrate();
  }

  /** Takes over the default history table when it is this service's; true when it did. */
  boolean takeOverDefaultHistory(Flyway flyway) {
    Configuration config = flyway.getConfiguration();
    String own = config.getTable();
    if (own.equals(DEFAULT_TABLE)) {
      return false;
    }
    try (Connection connection = config.getDataSource().getConnection()) {
      String schema = schemaOf(config, connection);
      if (exists(connection, schema, own) || !exists(connection, schema, DEFAULT_TABLE)) {
        return false;
      }
      // Nothing is applied under the own table yet: info() shows each script as shipped.
      List<MigrationInfo> shipped =
          Arrays.stream(flyway.info().all())
              .filter(m -> m.getVersion() != null && m.getScript() != null)
              .sorted(Comparator.comparing(MigrationInfo::getVersion))
              .toList();
      if (shipped.isEmpty()) {
        return false;
      }
      MigrationInfo first = shipped.get(0);
      Optional<String> recorded = scriptOf(connection, schema, first.getVersion().getVersion());
      if (!recorded.equals(Optional.of(first.getScript()))) {
        log.info(
            "Default schema history left alone: another service's. schema: {}, table: {},"
                + " first migration: {}",
            schema,
            DEFAULT_TABLE,
            recorded.orElse("(none)"));
        return false;
      }
      int realigned = takeOver(connection, schema, own, shipped);
      log.info(
          "Schema history of an earlier release taken over. schema: {}, table: {}, was: {},"
              + " tables renamed: {}, checksums realigned: {}",
          schema,
          own,
          DEFAULT_TABLE,
          renamedTables,
          realigned);
      return true;
    } catch (SQLException e) {
      throw new FlywayException("Cannot take over the schema history " + DEFAULT_TABLE, e);
    }
  }

  /**
   * Checksums first, the history's own name last: where DDL commits at once (H2), a take-over cut
   * short is taken up again at the next start, whose steps find their work done.
   */
  private int takeOver(
      Connection connection, String schema, String own, List<MigrationInfo> shipped)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      int realigned = realignChecksums(connection, schema, shipped);
      for (Map.Entry<String, String> rename : renamedTables.entrySet()) {
        if (exists(connection, schema, unquoted(connection, rename.getKey()))
            && !exists(connection, schema, unquoted(connection, rename.getValue()))) {
          statement.execute(
              "ALTER TABLE "
                  + quote(connection, schema)
                  + "."
                  + rename.getKey()
                  + " RENAME TO "
                  + rename.getValue());
        }
      }
      statement.execute(
          "ALTER TABLE "
              + quote(connection, schema)
              + "."
              + quote(connection, DEFAULT_TABLE)
              + " RENAME TO "
              + quote(connection, own));
      connection.commit();
      return realigned;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * The recorded checksum of each applied script the release ships rewritten becomes the new one.
   */
  private static int realignChecksums(
      Connection connection, String schema, List<MigrationInfo> shipped) throws SQLException {
    int realigned = 0;
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE "
                + quote(connection, schema)
                + "."
                + quote(connection, DEFAULT_TABLE)
                + " SET \"checksum\" = ? WHERE \"version\" = ? AND \"script\" = ? AND \"success\""
                + " AND (\"checksum\" IS NULL OR \"checksum\" <> ?)")) {
      for (MigrationInfo migration : shipped) {
        if (migration.getChecksum() == null) {
          continue;
        }
        update.setInt(1, migration.getChecksum());
        update.setString(2, migration.getVersion().getVersion());
        update.setString(3, migration.getScript());
        update.setInt(4, migration.getChecksum());
        realigned += update.executeUpdate();
      }
    }
    return realigned;
  }

  private static Optional<String> scriptOf(Connection connection, String schema, String version)
      throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT \"script\" FROM "
                + quote(connection, schema)
                + "."
                + quote(connection, DEFAULT_TABLE)
                + " WHERE \"version\" = ? AND \"success\"")) {
      query.setString(1, version);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? Optional.ofNullable(row.getString(1)) : Optional.empty();
      }
    }
  }

  /** Where Flyway keeps its history: its default schema, its first schema, or the current one. */
  private static String schemaOf(Configuration config, Connection connection) throws SQLException {
    if (config.getDefaultSchema() != null) {
      return config.getDefaultSchema();
    }
    if (config.getSchemas().length > 0) {
      return config.getSchemas()[0];
    }
    return connection.getSchema();
  }

  /** Whether a table of exactly this name (as stored) exists in the schema. */
  private static boolean exists(Connection connection, String schema, String table)
      throws SQLException {
    try (ResultSet tables =
        connection.getMetaData().getTables(connection.getCatalog(), schema, table, null)) {
      while (tables.next()) {
        if (table.equals(tables.getString("TABLE_NAME"))) {
          return true;
        }
      }
      return false;
    }
  }

  /** An unquoted name as the database stores it (H2: upper case, PostgreSQL: lower case). */
  private static String unquoted(Connection connection, String name) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    if (meta.storesUpperCaseIdentifiers()) {
      return name.toUpperCase(java.util.Locale.ROOT);
    }
    if (meta.storesLowerCaseIdentifiers()) {
      return name.toLowerCase(java.util.Locale.ROOT);
    }
    return name;
  }

  /** Flyway quotes its history table's name and columns: both H2 and PostgreSQL use {@code "}. */
  private static String quote(Connection connection, String name) throws SQLException {
    String quote = connection.getMetaData().getIdentifierQuoteString().trim();
    return quote + name.replace(quote, quote + quote) + quote;
  }
}
