package io.recpipe.common.job;

/**
 * The ShedLock table of a service (its migrations create it), named after the service so services
 * sharing one database keep their run locks apart.
 *
 * @param name an unquoted table name, e.g. {@code encoder_shedlock}
 */
public record LockTable(String name) {

  public LockTable {
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("Not a plain table name: " + name);
    }
  }
}
