package io.recpipe.common.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stable name of one replica: the owner of its claims, its EmpowerID {@code processInstance}
 * and the tag on its partial files and child processes. Set explicitly (e.g. a StatefulSet pod
 * name), or generated once ({@code prefix-host-xxxxxx}) and kept in {@code <data-dir>/instance-id},
 * so a restarted replica is the same replica: it takes back its own jobs at once and EmpowerID
 * still sees it as the owner of the sessions it was working on.
 */
public record InstanceName(String value) {

  private static final Logger log = LoggerFactory.getLogger(InstanceName.class);
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final SecureRandom RANDOM = new SecureRandom();
  static final String FILE = "instance-id";

  public InstanceName {
    if (value == null || !SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "An instance name must match [A-Za-z0-9._-]{1,100}, was: " + value);
    }
  }

  /**
   * The explicit name when set, else the one kept in {@code dataDir}, else a new one written there.
   */
  public static InstanceName resolve(String explicit, Path dataDir, String prefix) {
    if (explicit != null && !explicit.isBlank()) {
      return new InstanceName(explicit.trim());
    }
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
        return new InstanceName(kept);
      }
      InstanceName fresh = generate(prefix);
      Files.createDirectories(dataDir);
      Path temp = dataDir.resolve("." + FILE + "." + fresh.value() + ".part");
      Files.writeString(temp, fresh.value() + "\n", StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      log.info("Instance name generated and kept. name: {}, file: {}", fresh.value(), file);
      return fresh;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or keep the instance name in " + file, e);
    }
  }

  static InstanceName generate(String prefix) {
    var suffix = new byte[3];
    RANDOM.nextBytes(suffix);
    String head = clean(prefix, 30) + "-" + clean(hostName(), 50);
    return new InstanceName(head + "-" + HexFormat.of().formatHex(suffix));
  }

  private static String hostName() {
    String fromEnv = System.getenv("HOSTNAME");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException | SecurityException e) {
      return "host";
    }
  }

  private static String clean(String raw, int max) {
    String cleaned =
        (raw == null ? "" : raw).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    cleaned = cleaned.length() > max ? cleaned.substring(0, max) : cleaned;
    return cleaned.isEmpty() ? "x" : cleaned;
  }

  @Override
  public String toString() {
    return value;
  }
}
