package io.recpipe.common.job;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Derives a name for this process (the lease owner): {@code prefix-host-xxxx}, safe in SQL, JSON
 * and logs.
 */
public final class InstanceIds {

  private static final SecureRandom RANDOM = new SecureRandom();

  private InstanceIds() {}

  public static String derive(String prefix) {
    String host = System.getenv().getOrDefault("HOSTNAME", "host");
    host = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    if (host.isEmpty()) {
      host = "host";
    }
    var suffix = new byte[3];
    RANDOM.nextBytes(suffix);
    String name = prefix + "-" + host;
    name = name.length() > 80 ? name.substring(0, 80) : name;
    return name + "-" + HexFormat.of().formatHex(suffix);
  }
}
