package io.recpipe.converter;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an MP4's structure (ISO base media file format) without a child process: the top-level
 * boxes must tile the file exactly, with one {@code moov} and the media data its sample tables
 * point into; from the {@code moov}, the movie's duration and the first video track's codec and
 * sample count. This is the check made on a video the converter has just written (ffprobe cost a
 * process start per conversion, a twentieth of a short one); it does not decode anything.
 */
public final class Mp4Facts {

  /** What the file holds. */
  public record Video(String codec, Duration duration, long samples) {}

  /** The largest {@code moov} read (a 2-hour video at 25 fps has a few MB of sample tables). */
  private static final long MAX_MOOV = 256L << 20;

  private Mp4Facts() {}

  /**
   * @throws ConversionException (transient) when the file is unreadable or not a complete MP4 with
   *     a video track
   */
  public static Video read(Path mp4) {
    try (FileChannel ch = FileChannel.open(mp4, StandardOpenOption.READ)) {
      return read(ch);
    } catch (IOException e) {
      throw new ConversionException("the video is not a readable MP4: " + e.getMessage(), false, e);
    }
  }

  private static Video read(FileChannel ch) throws IOException {
    long length = ch.size();
    long at = 0;
    ByteBuffer moov = null;
    long mdatFrom = -1;
    long mdatTo = -1;
    ByteBuffer head = ByteBuffer.allocate(16);
    while (at < length) {
      head.clear().limit((int) Math.min(16, length - at));
      readFully(ch, head, at);
      if (head.limit() < 8) {
        throw new IOException("a box header is cut short at byte " + at);
      }
      long size = Integer.toUnsignedLong(head.getInt(0));
      String type = fourcc(head, 4);
      int header = 8;
      if (size == 1) {
        if (head.limit() < 16) {
          throw new IOException("a box header is cut short at byte " + at);
        }
        size = head.getLong(8);
        header = 16;
      } else if (size == 0) {
        size = length - at;
      }
      if (size < header || size > length - at) {
        throw new IOException(
            "box " + type + " at byte " + at + " claims " + size + " bytes; the file ends first");
      }
      if (type.equals("moov")) {
        if (moov != null) {
          throw new IOException("two moov boxes");
        }
        if (size - header > MAX_MOOV) {
          throw new IOException("moov box of " + size + " bytes");
        }
        moov = ByteBuffer.allocate((int) (size - header));
        readFully(ch, moov, at + header);
        moov.flip();
      } else if (type.equals("mdat") && mdatFrom < 0) {
        mdatFrom = at + header;
        mdatTo = at + size;
      }
      at += size;
    }
    if (moov == null) {
      throw new IOException("no moov box");
    }
    if (mdatFrom < 0) {
      throw new IOException("no mdat box");
    }
    return movie(moov, mdatFrom, mdatTo);
  }

  private static Video movie(ByteBuffer moov, long mdatFrom, long mdatTo) throws IOException {
    ByteBuffer mvhd = child(moov, "mvhd");
    if (mvhd == null) {
      throw new IOException("no mvhd box");
    }
    int version = mvhd.get(0);
    long timescale = Integer.toUnsignedLong(mvhd.getInt(version == 1 ? 20 : 12));
    long duration = version == 1 ? mvhd.getLong(24) : Integer.toUnsignedLong(mvhd.getInt(16));
    if (timescale == 0) {
      throw new IOException("movie timescale 0");
    }
    for (ByteBuffer trak : children(moov, "trak")) {
      ByteBuffer mdia = child(trak, "mdia");
      ByteBuffer hdlr = mdia == null ? null : child(mdia, "hdlr");
      if (hdlr == null || hdlr.limit() < 12 || !fourcc(hdlr, 8).equals("vide")) {
        continue;
      }
      ByteBuffer stbl = path(mdia, "minf", "stbl");
      ByteBuffer stsd = stbl == null ? null : child(stbl, "stsd");
      ByteBuffer stsz = stbl == null ? null : child(stbl, "stsz");
      if (stsd == null || stsz == null || stsd.limit() < 16) {
        throw new IOException("the video track has no sample description or sizes");
      }
      String codec = fourcc(stsd, 12);
      long samples = Integer.toUnsignedLong(stsz.getInt(8));
      long bytes = sampleBytes(stsz, samples);
      if (bytes > mdatTo - mdatFrom) {
        throw new IOException(
            "the video's samples take " + bytes + " bytes; mdat holds " + (mdatTo - mdatFrom));
      }
      long lastChunk = lastChunkOffset(stbl);
      if (lastChunk >= 0 && (lastChunk < mdatFrom || lastChunk >= mdatTo)) {
        throw new IOException("a chunk starts at byte " + lastChunk + ", outside mdat");
      }
      return new Video(
          codec, Duration.ofMillis(Math.round(duration * 1000.0 / timescale)), samples);
    }
    throw new IOException("no video track");
  }

  private static long sampleBytes(ByteBuffer stsz, long samples) throws IOException {
    long fixed = Integer.toUnsignedLong(stsz.getInt(4));
    if (fixed != 0) {
      return fixed * samples;
    }
    if (stsz.limit() < 12 + 4 * samples) {
      throw new IOException("stsz lists fewer sizes than its " + samples + " samples");
    }
    long sum = 0;
    for (int i = 0; i < samples; i++) {
      sum += Integer.toUnsignedLong(stsz.getInt(12 + 4 * i));
    }
    return sum;
  }

  /** The largest chunk offset (stco or co64), or -1 when there is neither. */
  private static long lastChunkOffset(ByteBuffer stbl) throws IOException {
    ByteBuffer stco = child(stbl, "stco");
    boolean wide = false;
    if (stco == null) {
      stco = child(stbl, "co64");
      wide = true;
    }
    if (stco == null) {
      return -1;
    }
    long count = Integer.toUnsignedLong(stco.getInt(4));
    int entry = wide ? 8 : 4;
    if (stco.limit() < 8 + entry * count) {
      throw new IOException("the chunk offset table is cut short");
    }
    long max = -1;
    for (int i = 0; i < count; i++) {
      int at = 8 + entry * i;
      max = Math.max(max, wide ? stco.getLong(at) : Integer.toUnsignedLong(stco.getInt(at)));
    }
    return max;
  }

  private static ByteBuffer path(ByteBuffer box, String... types) throws IOException {
    ByteBuffer b = box;
    for (String type : types) {
      b = b == null ? null : child(b, type);
    }
    return b;
  }

  private static ByteBuffer child(ByteBuffer parent, String type) throws IOException {
    List<ByteBuffer> found = children(parent, type);
    return found.isEmpty() ? null : found.get(0);
  }

  /** The payloads of {@code parent}'s direct children of {@code type}, each as its own buffer. */
  private static List<ByteBuffer> children(ByteBuffer parent, String type) throws IOException {
    List<ByteBuffer> found = new ArrayList<>();
    int at = 0;
    int end = parent.limit();
    while (at < end) {
      if (end - at < 8) {
        throw new IOException("a box header is cut short inside a box");
      }
      long size = Integer.toUnsignedLong(parent.getInt(at));
      int header = 8;
      if (size == 1) {
        if (end - at < 16) {
          throw new IOException("a box header is cut short inside a box");
        }
        size = parent.getLong(at + 8);
        header = 16;
      } else if (size == 0) {
        size = end - at;
      }
      if (size < header || size > end - at) {
        throw new IOException("box " + fourcc(parent, at + 4) + " overruns the box it is in");
      }
      if (fourcc(parent, at + 4).equals(type)) {
        found.add(parent.slice(at + header, (int) size - header));
      }
      at += (int) size;
    }
    return found;
  }

  private static String fourcc(ByteBuffer b, int at) {
    byte[] c = new byte[4];
    b.get(at, c);
    return new String(c, StandardCharsets.ISO_8859_1);
  }

  private static void readFully(FileChannel ch, ByteBuffer to, long at) throws IOException {
    long pos = at;
    while (to.hasRemaining()) {
      int n = ch.read(to, pos);
      if (n < 0) {
        throw new EOFException("the file ends at byte " + pos);
      }
      pos += n;
    }
  }
}
