package io.recpipe.uploader.store;

import io.recpipe.common.session.SessionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, read in one streaming pass with a small buffer. */
public final class Digests {

  private Digests() {}

  /**
   * Reads the file once, without following a link, and returns its metadata (SHA-256 and size). For
   * files the caller made; an input MP4 goes through {@code LocalFiles.metadataOf}, which also
   * checks that it reads the listed file.
   */
  public static Metadata metadataOf(SessionId sessionId, Path file) {
    try (SeekableByteChannel in =
        Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
      return metadataOf(sessionId, in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** Reads the channel to its end and returns the metadata of what was read. */
  public static Metadata metadataOf(SessionId sessionId, ReadableByteChannel in)
      throws IOException {
    MessageDigest sha = sha256();
    long size = 0;
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    for (int n; (n = in.read(buffer)) >= 0; ) {
      buffer.flip();
      sha.update(buffer);
      buffer.clear();
      size += n;
    }
    return new Metadata(sessionId, HexFormat.of().formatHex(sha.digest()), size);
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
