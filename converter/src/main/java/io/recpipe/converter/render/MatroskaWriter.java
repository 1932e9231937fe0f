package io.recpipe.converter.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.charset.StandardCharsets;

/**
 * A minimal streaming Matroska writer for uncompressed (I420) video with millisecond timestamps.
 *
 * <p>Why Matroska: raw frames over a pipe carry no time, and the video must be variable frame rate
 * (a frame only when the picture changed, the gaps kept). ffmpeg 5.1 reads this from stdin: an EBML
 * header, a Segment of unknown size (streaming), Info with a 1 ms timecode scale, one {@code
 * V_UNCOMPRESSED} track whose ColourSpace FourCC ({@code I420}) selects the pixel format, and then
 * one Cluster of known size per frame holding one key-frame SimpleBlock.
 *
 * <p>The track's DefaultDuration is the shortest frame interval: without it ffmpeg guesses a frame
 * rate from the gaps between frames and gives the last frame that long, so a session whose picture
 * changed only every few seconds up to its end came out seconds longer than it was.
 */
final class MatroskaWriter implements AutoCloseable {

  private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};
  private static final byte[] SEGMENT = {0x18, 0x53, (byte) 0x80, 0x67};
  private static final byte[] UNKNOWN_SIZE = {1, -1, -1, -1, -1, -1, -1, -1};
  private static final byte[] INFO = {0x15, 0x49, (byte) 0xA9, 0x66};
  private static final byte[] TRACKS = {0x16, 0x54, (byte) 0xAE, 0x6B};
  private static final byte[] CLUSTER = {0x1F, 0x43, (byte) 0xB6, 0x75};

  private final OutputStream out;
  private final GatheringByteChannel channel;
  private final int width;
  private final int height;
  private final String fourcc;
  private final long frameMillis;
  private long lastTimecode = -1;

  /**
   * @param fourcc the frames' pixel format as a raw-video FourCC: {@code I420} (planar YUV 4:2:0)
   * @param frameMillis the shortest interval between frames (the track's DefaultDuration): how long
   *     the last frame lasts
   */
  MatroskaWriter(OutputStream out, int width, int height, String fourcc, long frameMillis)
      throws IOException {
    this(out, null, width, height, fourcc, frameMillis);
  }

  /**
   * Writes to {@code channel} when it is not null (frames then go in with {@link
   * #writeFrame(ByteBuffer, long)}), else to {@code out}.
   */
  MatroskaWriter(
      OutputStream out,
      GatheringByteChannel channel,
      int width,
      int height,
      String fourcc,
      long frameMillis)
      throws IOException {
    if (frameMillis < 1) {
      throw new IllegalArgumentException("frameMillis must be at least 1: " + frameMillis);
    }
    this.out = out;
    this.channel = channel;
    this.width = width;
    this.height = height;
    this.fourcc = fourcc;
    this.frameMillis = frameMillis;
    writeHeader();
  }

  private void writeHeader() throws IOException {
    ByteArrayOutputStream h = new ByteArrayOutputStream();
    element(
        h,
        EBML,
        concat(
            uint(0x4286, 1),
            uint(0x42F7, 1),
            uint(0x42F2, 4),
            uint(0x42F3, 8),
            bytes(0x4282, "matroska".getBytes(StandardCharsets.US_ASCII)),
            uint(0x4287, 4),
            uint(0x4285, 2)));
    h.write(SEGMENT);
    h.write(UNKNOWN_SIZE);
    byte[] app = "recpipe".getBytes(StandardCharsets.US_ASCII);
    element(h, INFO, concat(uint(0x2AD7B1, 1_000_000), bytes(0x4D80, app), bytes(0x5741, app)));
    byte[] video =
        concat(
            uint(0xB0, width),
            uint(0xBA, height),
            bytes(0x2EB524, fourcc.getBytes(StandardCharsets.US_ASCII)));
    byte[] track =
        concat(
            uint(0xD7, 1),
            uint(0x73C5, 1),
            uint(0x83, 1),
            uint(0x23E383, frameMillis * 1_000_000), // DefaultDuration, ns
            bytes(0x86, "V_UNCOMPRESSED".getBytes(StandardCharsets.US_ASCII)),
            bytes(0xE0, video));
    element(h, TRACKS, bytes(0xAE, track));
    if (channel != null) {
      writeFully(new ByteBuffer[] {ByteBuffer.wrap(h.toByteArray())});
    } else {
      out.write(h.toByteArray());
    }
  }

  /** Whether frames go in as direct buffers ({@link #writeFrame(ByteBuffer, long)}). */
  boolean writesBuffers() {
    return channel != null;
  }

  /**
   * Writes one frame.
   *
   * @param pixels the frame in the track's pixel format
   * @param timecode milliseconds from the start, not less than the previous frame's
   */
  void writeFrame(byte[] pixels, long timecode) throws IOException {
    if (channel != null) {
      writeFrame(ByteBuffer.wrap(pixels), timecode);
      return;
    }
    out.write(frameHeader(pixels.length, timecode));
    out.write(pixels);
  }

  /**
   * Writes one frame, from its position to its limit, through the channel (one gathering write with
   * the frame's header).
   */
  void writeFrame(ByteBuffer pixels, long timecode) throws IOException {
    if (channel == null) {
      throw new IllegalStateException("no channel: use writeFrame(byte[], long)");
    }
    byte[] header = frameHeader(pixels.remaining(), timecode);
    writeFully(new ByteBuffer[] {ByteBuffer.wrap(header), pixels});
  }

  private byte[] frameHeader(int length, long timecode) throws IOException {
    if (timecode < lastTimecode) {
      throw new IllegalArgumentException("timecode goes backwards: " + timecode);
    }
    lastTimecode = timecode;
    byte[] timecodeElement = uint(0xE7, timecode);
    long blockSize = 4L + length;
    byte[] blockHeader = concat(new byte[] {(byte) 0xA3}, size(blockSize));
    long clusterSize = timecodeElement.length + blockHeader.length + blockSize;
    ByteArrayOutputStream h = new ByteArrayOutputStream(64);
    h.write(CLUSTER);
    h.write(size(clusterSize));
    h.write(timecodeElement);
    h.write(blockHeader);
    h.write(new byte[] {(byte) 0x81, 0, 0, (byte) 0x80}); // track 1, relative time 0, key frame
    return h.toByteArray();
  }

  private void writeFully(ByteBuffer[] buffers) throws IOException {
    ByteBuffer last = buffers[buffers.length - 1];
    while (last.hasRemaining()) {
      channel.write(buffers);
    }
  }

  long lastTimecode() {
    return lastTimecode;
  }

  @Override
  public void close() throws IOException {
    try {
      if (channel != null) {
        channel.close();
      }
    } finally {
      out.close();
    }
  }

  private static void element(ByteArrayOutputStream to, byte[] id, byte[] payload)
      throws IOException {
    to.write(id);
    to.write(size(payload.length));
    to.write(payload);
  }

  private static byte[] uint(int id, long value) {
    int n = 1;
    while (n < 8 && (value >>> (8 * n)) != 0) {
      n++;
    }
    byte[] data = new byte[n];
    for (int i = 0; i < n; i++) {
      data[n - 1 - i] = (byte) (value >>> (8 * i));
    }
    return bytes(id, data);
  }

  private static byte[] bytes(int id, byte[] data) {
    byte[] idBytes = id(id);
    return concat(idBytes, size(data.length), data);
  }

  private static byte[] id(int id) {
    int n = id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[n - 1 - i] = (byte) (id >>> (8 * i));
    }
    return b;
  }

  /** An EBML variable-length size, always 8 bytes long (simple and valid). */
  private static byte[] size(long value) {
    byte[] b = new byte[8];
    b[0] = 0x01;
    for (int i = 1; i < 8; i++) {
      b[i] = (byte) (value >>> (8 * (7 - i)));
    }
    return b;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }
}
