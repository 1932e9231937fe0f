package io.recpipe.converter.cli;

import io.recpipe.converter.ByteRange;
import io.recpipe.converter.Conversion;
import io.recpipe.converter.ConversionException;
import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.RecordingConverter;
import io.recpipe.converter.Sidecar;
import io.recpipe.converter.render.NativeConverter;
import io.recpipe.converter.render.NativeSettings;
import io.recpipe.converter.sidecar.SidecarConverter;
import io.recpipe.converter.sidecar.SidecarSettings;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code convert IN.guac OUT.mp4 [--size WxH] [--crf N] [--pixel-budget N] [--keystrokes
 * [--keystroke-pause S]] [--poster]}: one conversion with the native converter, without Spring (no
 * web server, no scheduler). Progress goes to stderr.
 */
public final class ConvertCommand {

  public static final int OK = 0;
  public static final int USAGE = 2;
  public static final int UNREADABLE = 3;
  public static final int PERMANENT = 4;
  public static final int TRANSIENT = 5;
  public static final int PARTIAL = 6;

  static final String HELP =
      """
      Usage: java -jar converter.jar convert IN.guac OUT.mp4 [--size WxH] [--crf N]
                                             [--x264-params P] [--pixel-budget N] [--keystrokes
                                             [--keystroke-pause S]] [--poster]
             (the same from the encoder: java -jar encoder-service.jar convert ...)

      Converts one Guacamole session recording to an H.264 MP4 (libx264, yuv420p, faststart).
        --size WxH          video size (default: the recording's display size)
        --crf N             libx264 quality, 0-51 (default 23; lower is better and larger)
        --x264-params P     libx264 options over the veryfast preset, key=value joined by ':'
                            (default me=dia:subme=0:partitions=i8x8,i4x4:rc-lookahead=5:
                            no-deblock=1, for screen content; '' for the preset alone)
        --pixel-budget N    most pixels (4 bytes each) the conversion may hold at once: layers,
                            buffers, video frames, images being decoded (default 67108864,
                            256 MiB; at least 1048576)
        --keystrokes        also write OUT.vtt, what was typed (WebVTT), and add it to the MP4
                            as a subtitle track. It holds passwords typed in clear
        --keystroke-pause S a pause longer than S seconds between keys starts a new cue, as
                            Enter does (default 2)
        --poster            also write OUT.jpg, a contact sheet of 6 moments of the video
      A keystroke track or poster that cannot be made is left out with a warning (exit 0).
      ffmpeg/ffprobe: ENCODER_FFMPEG_PATH / ENCODER_FFPROBE_PATH, else PATH, else bundled.

      Exit codes:
        0  converted
        2  wrong usage
        3  input missing or unreadable
        4  input is not a valid recording, or needs more than the pixel budget (permanent:
           trying again will not help)
        5  conversion failed (ffmpeg failed, time-out, I/O; may work on retry)
        6  converted in part: the recording was cut short (converted up to its last complete
           instruction) or damaged parts were skipped (their byte ranges are printed)
      """;

  private ConvertCommand() {}

  /** Runs the command; returns the exit code. */
  public static int run(String[] args, PrintStream err) {
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      err.print(HELP);
      return OK;
    }
    NativeSettings settings = NativeSettings.defaults();
    SidecarSettings sidecars = SidecarSettings.none();
    Path in = null;
    Path out = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--size" -> settings = settings.withSize(sizeArg(args[++i]));
          case "--crf" -> settings = settings.withCrf(crfArg(args[++i]));
          case "--x264-params" -> settings = settings.withX264Params(x264ParamsArg(args[++i]));
          case "--pixel-budget" -> settings = settings.withPixelBudget(budgetArg(args[++i]));
          case "--keystrokes" -> sidecars = sidecars.withKeystrokes(true);
          case "--keystroke-pause" -> sidecars = sidecars.withKeystrokePause(pauseArg(args[++i]));
          case "--poster" -> sidecars = sidecars.withPoster(true);
          case "--help", "-h" -> {
            err.print(HELP);
            return OK;
          }
          default -> {
            if (args[i].startsWith("-")) {
              throw new IllegalArgumentException("unknown option " + args[i]);
            } else if (in == null) {
              in = Path.of(args[i]);
            } else if (out == null) {
              out = Path.of(args[i]);
            } else {
              throw new IllegalArgumentException("too many arguments");
            }
          }
        }
      }
      if (in == null || out == null) {
        throw new IllegalArgumentException("IN.guac and OUT.mp4 are required");
      }
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      err.println("convert: " + e.getMessage());
      err.print(HELP);
      return USAGE;
    }
    if (!Files.isReadable(in) || Files.isDirectory(in)) {
      err.println("convert: cannot read " + in);
      return UNREADABLE;
    }
    return convert(in, out, settings, sidecars, err);
  }

  private static int convert(
      Path in, Path out, NativeSettings settings, SidecarSettings sidecars, PrintStream err) {
    FfmpegTools tools =
        new FfmpegTools(
            new FfmpegTools.Tool(env("ENCODER_FFMPEG_PATH")),
            new FfmpegTools.Tool(env("ENCODER_FFPROBE_PATH")));
    RecordingConverter converter =
        new SidecarConverter(
            new NativeConverter(settings, tools, Clock.systemUTC()), sidecars, tools);
    try {
      Conversion c =
          converter.convert(
              in, out, fraction -> err.printf("convert: %d%% read%n", Math.round(fraction * 100)));
      err.printf(
          "convert: wrote %s, session %.2f s, video %.2f s, frames %d%s%n",
          out,
          c.sessionDuration().toMillis() / 1000.0,
          c.videoDuration().toMillis() / 1000.0,
          c.frames(),
          c.partial() ? ", converted in part, bytes ignored: " + c.bytesIgnored() : "");
      for (Sidecar sidecar : c.sidecars()) {
        err.printf("convert: wrote %s%n", sidecar.file());
      }
      for (ByteRange range : c.damaged()) {
        err.printf(
            "convert: damaged bytes skipped: %d-%d (%d bytes)%n",
            range.from(), range.to(), range.length());
      }
      if (c.partial()) {
        err.println("convert: " + c.detail());
      }
      return c.partial() ? PARTIAL : OK;
    } catch (ConversionException e) {
      err.println("convert: failed: " + e.getMessage());
      return e.isPermanent() ? PERMANENT : TRANSIENT;
    }
  }

  private static String sizeArg(String value) {
    if (!value.matches("[1-9][0-9]{0,4}x[1-9][0-9]{0,4}")) {
      throw new IllegalArgumentException("--size must look like 1280x720");
    }
    return value;
  }

  private static String x264ParamsArg(String value) {
    if (!value.matches(NativeSettings.X264_PARAMS_PATTERN)) {
      throw new IllegalArgumentException(
          "--x264-params must be key=value pairs joined by ':' (letters, digits, _ . , + -)");
    }
    return value;
  }

  private static int crfArg(String value) {
    int crf = Integer.parseInt(value);
    if (crf < 0 || crf > 51) {
      throw new IllegalArgumentException("--crf must be 0-51");
    }
    return crf;
  }

  private static long budgetArg(String value) {
    long pixels = Long.parseLong(value);
    if (pixels < NativeSettings.MIN_PIXEL_BUDGET) {
      throw new IllegalArgumentException(
          "--pixel-budget must be at least " + NativeSettings.MIN_PIXEL_BUDGET);
    }
    return pixels;
  }

  private static Duration pauseArg(String value) {
    BigDecimal seconds = new BigDecimal(value);
    if (seconds.signum() <= 0 || seconds.compareTo(BigDecimal.valueOf(3600)) > 0) {
      throw new IllegalArgumentException("--keystroke-pause must be above 0 and at most 3600");
    }
    return Duration.ofMillis(seconds.movePointRight(3).longValue());
  }

  private static String env(String name) {
    String v = System.getenv(name);
    return v == null ? "" : v;
  }
}
