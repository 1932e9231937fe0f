package io.recpipe.uploader.store.s3;

import io.recpipe.uploader.store.Metadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.zip.CRC32;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** Compares what HeadObject reports with the file we uploaded. */
final class S3Checksums {

  private S3Checksums() {}

  /** A description of the first mismatch, or {@code null} when the object matches. */
  static String mismatch(
      Path mp4, Metadata metadata, HeadObjectResponse head, boolean multipart, long partSize) {
    if (head.contentLength() == null || head.contentLength() != metadata.size()) {
      return "size " + head.contentLength() + " expected " + metadata.size();
    }
    if (!metadata.sha256().equals(head.metadata().get(S3VideoStore.SHA256))) {
      return "sha256 metadata " + head.metadata().get(S3VideoStore.SHA256);
    }
    if (!multipart) {
      String expected = Base64.getEncoder().encodeToString(metadata.sha256Bytes());
      String actual = head.checksumSHA256();
      return actual == null || actual.equals(expected) ? null : "checksum-sha256 " + actual;
    }
    String actual = head.checksumCRC32();
    if (actual == null) {
      return null;
    }
    Crc32s local = crc32s(mp4, partSize);
    return actual.equals(local.full()) || actual.equals(local.composite())
        ? null
        : "checksum-crc32 " + actual + " expected " + local.composite();
  }

  /** The whole file's CRC32, and the composite of per-part CRC32s S3 reports for multipart. */
  record Crc32s(String full, String composite) {}

  static Crc32s crc32s(Path file, long partSize) {
    CRC32 whole = new CRC32();
    CRC32 part = new CRC32();
    CRC32 ofParts = new CRC32();
    long inPart = 0;
    int parts = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        int offset = 0;
        while (offset < n) {
          int take = (int) Math.min(n - offset, partSize - inPart);
          whole.update(buffer, offset, take);
          part.update(buffer, offset, take);
          inPart += take;
          offset += take;
          if (inPart == partSize) {
            ofParts.update(bytes(part));
            part.reset();
            inPart = 0;
            parts++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (inPart > 0) {
      ofParts.update(bytes(part));
      parts++;
    }
    return new Crc32s(base64(whole), base64(ofParts) + "-" + parts);
  }

  private static byte[] bytes(CRC32 crc) {
    return ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
  }

  private static String base64(CRC32 crc) {
    return Base64.getEncoder().encodeToString(bytes(crc));
  }
}
