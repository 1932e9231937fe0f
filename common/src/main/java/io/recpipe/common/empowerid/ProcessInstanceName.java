package io.recpipe.common.empowerid;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Derives the name a process reports as a session's owner: {@code [prefix-]host-xxxx}. The random
 * suffix keeps two processes on one host (or two containers with the same host name) apart.
 */
final class ProcessInstanceName {

  private static final SecureRandom RANDOM = new SecureRandom();

  private ProcessInstanceName() {}

  static String derive(String prefix) {
    var suffix = new byte[2];
    RANDOM.nextBytes(suffix);
    String host = clean(hostName(), 40);
    String head = prefix == null || prefix.isBlank() ? host : clean(prefix, 40) + "-" + host;
    return head + "-" + HexFormat.of().formatHex(suffix);
  }

  private static String hostName() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | SecurityException e) {
      return "host";
    }
  }

  /** Keeps letters, digits, dots, dashes and underscores, so the name is safe in JSON and logs. */
  static String clean(String raw, int maxLength) {
    String cleaned = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    cleaned = cleaned.length() > maxLength ? cleaned.substring(0, maxLength) : cleaned;
    return cleaned.isEmpty() ? "host" : cleaned;
  }
}
