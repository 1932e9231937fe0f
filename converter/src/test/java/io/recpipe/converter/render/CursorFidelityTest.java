package io.recpipe.converter.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.parse.Instruction;
import io.recpipe.converter.parse.InstructionReader;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pointer is drawn: in a real VNC recording, a few seconds in, the picture around the pointer
 * with the cursor differs from the one without it, and shows the cursor image at the pointer minus
 * its hotspot; and in the MP4 the converter makes, the region around the pointer looks like
 * guacenc's reference video there (which shows the cursor) and not like the picture without the
 * cursor.
 */
class CursorFidelityTest {

  private static final int BOX = 24;

  /** Its pointer rests for minutes (the busy recordings move it all the time). */
  private static final String RECORDING = "vnc-5-idle-1024x768";

  private static final String REFERENCE = RECORDING + ".guacenc-x264.mp4";
  private static final Pattern CROP = Pattern.compile("crop=([0-9]+):([0-9]+):");

  @TempDir Path dir;

  /** The display a few seconds in, once the pointer is placed, and that moment (ms). */
  private record Moment(Display display, long millis) {}

  /**
   * The first sync at least 4 s in where the pointer is shown and has not moved for 500 ms before
   * nor for 300 ms after: guacenc samples the pointer at other instants than we do, so only a still
   * pointer is in the same place in both videos.
   */
  private static Moment pointerPlaced(String recording) throws Exception {
    long still = stillPointerSync(recording);
    Anomalies anomalies = new Anomalies();
    Display display = new Display(Limits.defaults(), anomalies);
    Renderer renderer = new Renderer(display, new ImageDecoder(Limits.defaults()), anomalies);
    long first = Long.MIN_VALUE;
    try (InputStream in = Files.newInputStream(Recordings.shared().resolve(recording + ".guac"))) {
      InstructionReader reader = new InstructionReader(in);
      Instruction ins;
      while ((ins = reader.next()) != null) {
        long t = renderer.apply(ins);
        if (t == Renderer.NO_TIME) {
          continue;
        }
        first = first == Long.MIN_VALUE ? t : first;
        if (ins.opcode().equals("sync") && t - first == still) {
          assertThat(display.cursor.visible()).isTrue();
          return new Moment(display, still);
        }
      }
    }
    throw new IllegalStateException("sync at " + still + " ms not found again");
  }

  /** See {@link #pointerPlaced}: that sync's time (ms since the first). */
  private static long stillPointerSync(String recording) throws Exception {
    List<Long> syncs = new java.util.ArrayList<>();
    List<Long> moves = new java.util.ArrayList<>(); // times the pointer moved
    long first = Long.MIN_VALUE;
    long now = 0;
    String where = null;
    try (InputStream in = Files.newInputStream(Recordings.shared().resolve(recording + ".guac"))) {
      InstructionReader reader = new InstructionReader(in);
      Instruction ins;
      while ((ins = reader.next()) != null) {
        if (ins.opcode().equals("sync")) {
          long t = ins.longArg(0);
          first = first == Long.MIN_VALUE ? t : first;
          now = t - first;
          syncs.add(now);
        } else if (ins.opcode().equals("mouse")) {
          if (ins.argCount() >= 4 && first != Long.MIN_VALUE) {
            now = ins.longArg(3) - first;
          }
          String at = ins.args()[0] + "," + ins.args()[1];
          if (!at.equals(where)) {
            moves.add(now);
            where = at;
          }
        }
      }
    }
    assertThat(moves).as("the recording moves the pointer").isNotEmpty();
    for (long t : syncs) {
      if (t < 4000 || t < moves.get(0)) {
        continue;
      }
      boolean quiet = moves.stream().noneMatch(m -> m > t - 500 && m <= t + 300);
      if (quiet) {
        return t;
      }
    }
    throw new IllegalStateException("no moment with a still pointer");
  }

  @Test
  void cursorIsDrawnAtThePointerInARealRecording() throws Exception {
    Moment moment = pointerPlaced(RECORDING);
    Display display = moment.display();
    long at = moment.millis();
    Display.Cursor cursor = display.cursor;
    assertThat(cursor.visible()).isTrue();
    int x0 = Math.max(0, cursor.x - cursor.hotspotX);
    int y0 = Math.max(0, cursor.y - cursor.hotspotY);

    int[] with = crop(new FrameComposer(1024, 768).compose(display), x0, y0);
    int px = cursor.x;
    cursor.x = -1;
    int[] without = crop(new FrameComposer(1024, 768).compose(display), x0, y0);
    cursor.x = px;
    assertThat(difference(with, without)).as("the cursor changes the picture").isGreaterThan(10);

    // The cursor's opaque pixels are exactly what the frame shows at the pointer.
    Surface image = cursor.image;
    int opaque = 0;
    for (int y = 0; y < Math.min(BOX, image.height()); y++) {
      for (int x = 0; x < Math.min(BOX, image.width()); x++) {
        int p = image.pixels()[y * image.width() + x];
        if (p >>> 24 == 255) {
          assertThat(with[y * BOX + x]).isEqualTo(p & 0xFFFFFF);
          opaque++;
        }
      }
    }
    assertThat(opaque).as("opaque cursor pixels at " + at + " ms").isPositive();
  }

  @Test
  void theVideoShowsTheCursorWhereGuacencsReferenceDoes() throws Exception {
    Moment moment = pointerPlaced(RECORDING);
    Display.Cursor cursor = moment.display().cursor;
    // The cursor image's box: there the cursor, not the text around it, decides the difference.
    int w = cursor.image.width();
    int h = cursor.image.height();
    int x0 = cursor.x - cursor.hotspotX;
    int y0 = cursor.y - cursor.hotspotY;
    assertThat(x0).isBetween(0, 1024 - w);
    assertThat(y0).isBetween(0, 768 - h);
    String crop = "crop=" + w + ":" + h + ":" + x0 + ":" + y0;

    // The picture there without the cursor, from our own renderer.
    int px = cursor.x;
    cursor.x = -10_000;
    int[] bare = new FrameComposer(1024, 768).compose(moment.display());
    cursor.x = px;
    BufferedImage image = new BufferedImage(1024, 768, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, 1024, 768, bare, 0, 1024);
    Path barePng = dir.resolve("bare.png");
    ImageIO.write(image, "png", barePng.toFile());

    Path mp4 = dir.resolve("native.mp4");
    new NativeConverter(NativeSettings.defaults(), FfmpegTools.onPath(), Clock.systemUTC())
        .convert(Recordings.shared().resolve(RECORDING + ".guac"), mp4);
    Path reference = Recordings.shared().resolve("reference").resolve(REFERENCE);

    // guacenc shows a sync's picture in the next 40 ms slot or so: take the best of a few slots.
    int n = (int) (moment.millis() / 40);
    List<byte[]> ours = grey(mp4, "fps=25,select=between(n\\," + n + "\\," + n + ")," + crop);
    List<byte[]> refs = new java.util.ArrayList<>();
    if (ReferenceStills.inUse()) { // small corpus: guacenc's frames as stills, not its video
      for (Path still :
          ReferenceStills.stills(RECORDING, "1024x768", List.of(n, n + 1, n + 2, n + 3))) {
        refs.addAll(grey(still, crop));
      }
    } else {
      refs = grey(reference, "fps=25,select=between(n\\," + n + "\\," + (n + 3) + ")," + crop);
    }
    List<byte[]> without = grey(barePng, crop);
    assertThat(ours).hasSize(1);
    assertThat(refs).hasSize(4);
    double withCursor = Double.MAX_VALUE;
    double withoutCursor = Double.MAX_VALUE;
    for (byte[] ref : refs) {
      withCursor = Math.min(withCursor, meanDifference(ours.get(0), ref));
      withoutCursor = Math.min(withoutCursor, meanDifference(without.get(0), ref));
    }
    System.out.printf(
        Locale.ROOT,
        "cursor %s at %d ms: mean grey difference %.2f with the cursor, %.2f without%n",
        crop,
        moment.millis(),
        withCursor,
        withoutCursor);
    assertThat(withCursor)
        .as(
            "mean grey difference of our video and guacenc's in the cursor's box (%s at %d ms);"
                + " without the cursor it is %.1f",
            crop, moment.millis(), withoutCursor)
        .isLessThan(12)
        .isLessThan(withoutCursor / 3);
  }

  /** The frames a filter leaves of a video or image, as 8-bit grey pixels each. */
  private static List<byte[]> grey(Path input, String filter) throws Exception {
    Process p =
        new ProcessBuilder(
                "ffmpeg",
                "-v",
                "error",
                "-i",
                input.toString(),
                "-vf",
                filter + ",format=gray",
                "-fps_mode",
                "passthrough",
                "-f",
                "rawvideo",
                "-")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    byte[] all = p.getInputStream().readAllBytes();
    assertThat(p.waitFor()).isZero();
    return splitFrames(all, filter);
  }

  private static List<byte[]> splitFrames(byte[] all, String filter) {
    Matcher m = CROP.matcher(filter);
    assertThat(m.find()).isTrue();
    int size = Integer.parseInt(m.group(1)) * Integer.parseInt(m.group(2));
    List<byte[]> frames = new java.util.ArrayList<>();
    for (int off = 0; off + size <= all.length; off += size) {
      frames.add(java.util.Arrays.copyOfRange(all, off, off + size));
    }
    return frames;
  }

  private static double meanDifference(byte[] a, byte[] b) {
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
    }
    return (double) sum / a.length;
  }

  private static int[] crop(int[] frame, int x0, int y0) {
    int[] out = new int[BOX * BOX];
    for (int y = 0; y < BOX; y++) {
      for (int x = 0; x < BOX; x++) {
        out[y * BOX + x] = frame[(y0 + y) * 1024 + x0 + x] & 0xFFFFFF;
      }
    }
    return out;
  }

  /** Mean absolute difference per channel. */
  private static double difference(int[] a, int[] b) {
    long sum = 0;
    for (int n = 0; n < a.length; n++) {
      for (int shift = 0; shift < 24; shift += 8) {
        sum += Math.abs(((a[n] >> shift) & 0xFF) - ((b[n] >> shift) & 0xFF));
      }
    }
    return (double) sum / (a.length * 3);
  }
}
