package io.recpipe.common.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one credential of the management surface, read from a file at start-up (a mounted secret, or
 * one made here on first start). Compared in constant time; never logged.
 */
public final class AdminCredential {

  private static final Logger log = LoggerFactory.getLogger(AdminCredential.class);

  private final String username;
  private final byte[] token;

  private AdminCredential(String username, byte[] token) {
    this.username = username;
    this.token = token;
  }

  /** Reads the token from {@code file}, creating it with a random token when it is missing. */
  public static AdminCredential fromFile(Path file, String username) {
    try {
      if (!Files.exists(file)) {
        create(file);
      }
      String token = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (token.length() < 16) {
        throw new IllegalStateException(
            "The admin token file holds fewer than 16 characters: " + file);
      }
      return new AdminCredential(username, token.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the admin token file " + file, e);
    }
  }

  private static void create(Path file) throws IOException {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException raced) {
      return;
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
    Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
    log.info("Admin token created (readable by this user only). file: {}", file);
  }

  public String username() {
    return username;
  }

  /** Whether {@code candidate} is the token. */
  public boolean matches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "AdminCredential[username=" + username + ", token=****]";
  }
}
