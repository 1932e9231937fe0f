package io.recpipe.converter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.converter.testing.TestRecordings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code convert} command's exit codes and output for budget and damage. */
class ConvertCommandTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aRecordingBeyondThePixelBudgetExits4NamingTheInstructionInA512MbHeap() throws Exception {
    String rec = manyLargeLayers(39, 8192);
    Path guac = Files.writeString(dir.resolve("layers.guac"), rec);

    Child child = convertInChildJvm("-Xmx512m", guac, dir.resolve("layers.mp4"));

    assertThat(rec.length()).isLessThan(4096);
    assertThat(child.exit).as(child.stderr).isEqualTo(ConvertCommand.PERMANENT);
    assertThat(child.stderr)
        .contains("pixel budget")
        .contains("instruction: cfill at byte offset " + rec.indexOf(fill(1)))
        .doesNotContain("OutOfMemoryError");
  }

  @Test
  void layersUpToTheBudgetAreHeldInA512MbHeapAndTheNextIsRefused() throws Exception {
    String rec = manyLargeLayers(39, 4096); // three are drawn (192 MB), the fourth is refused
    Path guac = Files.writeString(dir.resolve("layers.guac"), rec);

    Child child = convertInChildJvm("-Xmx512m", guac, dir.resolve("layers.mp4"));

    assertThat(child.exit).as(child.stderr).isEqualTo(ConvertCommand.PERMANENT);
    assertThat(child.stderr)
        .contains("instruction: cfill at byte offset " + rec.indexOf(fill(4)))
        .doesNotContain("OutOfMemoryError");
  }

  @Test
  void thePixelBudgetOptionIsTheBudget() throws Exception {
    Path guac = TestRecordings.recording("ssh-1-1024x768");

    int code = run(guac, dir.resolve("small.mp4"), "--pixel-budget", "1048576");

    assertThat(code).isEqualTo(ConvertCommand.PERMANENT);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("needs more memory than its pixel budget")
        .containsPattern(
            "of the budget of 1048576 pixels are in use; instruction: \\w+ at byte offset \\d+");
    assertThat(run(guac, dir.resolve("default.mp4"))).isEqualTo(ConvertCommand.OK);
    assertThat(run(guac, dir.resolve("x.mp4"), "--pixel-budget", "1000"))
        .isEqualTo(ConvertCommand.USAGE);
  }

  @Test
  void aDamagedRecordingConvertsInPartAndPrintsTheRangesSkipped() throws Exception {
    byte[] original = Files.readAllBytes(TestRecordings.recording("ssh-1-1024x768"));
    int at =
        new String(original, StandardCharsets.ISO_8859_1).indexOf(";4.sync,", original.length / 2)
            + 1;
    byte[] garbage = new byte[4000];
    new Random(21).nextBytes(garbage);
    garbage[0] = '!';
    ByteArrayOutputStream damaged = new ByteArrayOutputStream();
    damaged.write(original, 0, at);
    damaged.writeBytes(garbage);
    damaged.write(original, at, original.length - at);
    Path guac = Files.write(dir.resolve("damaged.guac"), damaged.toByteArray());
    Path mp4 = dir.resolve("damaged.mp4");

    int code = run(guac, mp4);

    assertThat(code).isEqualTo(ConvertCommand.PARTIAL);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("damaged bytes skipped: " + at + "-" + (at + 4000) + " (4000 bytes)")
        .contains("Converted in part");
    assertThat(mp4).isNotEmptyFile();
  }

  @Test
  void theSidecarOptionsWriteTheTrackAndPosterBesideTheMp4WithTheirPause() throws Exception {
    String rec =
        i("size", 0, 64, 48)
            + i("rect", 0, 0, 0, 64, 48)
            + i("cfill", 14, 0, 255, 0, 0, 255)
            + i("sync", 1000, 0)
            + i("rect", 0, 0, 0, 64, 48)
            + i("cfill", 14, 0, 0, 0, 255, 255)
            + i("sync", 1040, 0)
            + i("key", 97, 1, 2000)
            + i("key", 98, 1, 2600) // 0.6 s later: a new cue with --keystroke-pause 0.5
            + i("sync", 4000, 0);
    Path guac = Files.writeString(dir.resolve("k.guac"), rec);

    int code =
        run(guac, dir.resolve("k.mp4"), "--keystrokes", "--keystroke-pause", "0.5", "--poster");

    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ConvertCommand.OK);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("wrote " + dir.resolve("k.vtt"))
        .contains("wrote " + dir.resolve("k.jpg"));
    assertThat(Files.readString(dir.resolve("k.vtt")))
        .isEqualTo(
            """
            WEBVTT

            00:00:01.000 --> 00:00:01.500
            a

            00:00:01.600 --> 00:00:02.100
            b
            """);
    assertThat(dir.resolve("k.jpg")).isNotEmptyFile();

    assertThat(run(guac, dir.resolve("plain.mp4"))).isEqualTo(ConvertCommand.OK);
    assertThat(dir.resolve("plain.vtt")).doesNotExist();
    assertThat(dir.resolve("plain.jpg")).doesNotExist();
    assertThat(run(guac, dir.resolve("x.mp4"), "--keystroke-pause", "0"))
        .isEqualTo(ConvertCommand.USAGE);
    assertThat(run(guac, dir.resolve("x.mp4"), "--keystroke-pause", "soon"))
        .isEqualTo(ConvertCommand.USAGE);
  }

  @Test
  void libx264SearchesWholePixelsByDefaultAndTheOptionTakesThePresetBack() throws Exception {
    String rec =
        i("size", 0, 64, 48)
            + i("rect", 0, 0, 0, 64, 48)
            + i("cfill", 14, 0, 255, 0, 0, 255)
            + i("sync", 1000, 0)
            + i("rect", 0, 8, 8, 16, 16)
            + i("cfill", 14, 0, 0, 0, 255, 255)
            + i("sync", 1040, 0);
    Path guac = Files.writeString(dir.resolve("m.guac"), rec);

    assertThat(run(guac, dir.resolve("screen.mp4"))).isEqualTo(ConvertCommand.OK);
    assertThat(run(guac, dir.resolve("preset.mp4"), "--x264-params", ""))
        .isEqualTo(ConvertCommand.OK);
    assertThat(run(guac, dir.resolve("mixed.mp4"), "--x264-params", "me=dia:subme=1"))
        .isEqualTo(ConvertCommand.OK);

    // libx264 writes the options it ran with into the stream (an SEI message)
    assertThat(x264Options(dir.resolve("screen.mp4")))
        .contains(" me=dia ", " subme=0 ", " analyse=0x3:0x3 ", " rc_lookahead=5 ", " deblock=0:");
    assertThat(x264Options(dir.resolve("preset.mp4")))
        .contains(
            " me=hex ", " subme=2 ", " analyse=0x3:0x113 ", " rc_lookahead=10 ", " deblock=1:");
    assertThat(x264Options(dir.resolve("mixed.mp4"))).contains(" me=dia ", " subme=1 ");
    assertThat(run(guac, dir.resolve("x.mp4"), "--x264-params", "subme=0; rm -rf /"))
        .isEqualTo(ConvertCommand.USAGE);
    assertThat(run(guac, dir.resolve("x.mp4"), "--x264-params", "subme"))
        .isEqualTo(ConvertCommand.USAGE);
  }

  private static String x264Options(Path mp4) throws Exception {
    String bytes = new String(Files.readAllBytes(mp4), StandardCharsets.ISO_8859_1);
    int at = bytes.indexOf("options: ");
    assertThat(at).as("x264 options in " + mp4).isNotNegative();
    return " " + bytes.substring(at + 9, bytes.indexOf('\0', at)) + " ";
  }

  private int run(Path in, Path out, String... options) {
    String[] args = new String[options.length + 2];
    args[0] = in.toString();
    args[1] = out.toString();
    System.arraycopy(options, 0, args, 2, options.length);
    return ConvertCommand.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private record Child(int exit, String stderr) {}

  private static Child convertInChildJvm(String heap, Path in, Path out) throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "convert",
                in.toString(),
                out.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Child(p.exitValue(), stderr);
  }

  private static String manyLargeLayers(int layers, int side) {
    StringBuilder b = new StringBuilder(i("size", 0, 64, 48)).append(i("sync", 1000, 0));
    for (int layer = 1; layer <= layers; layer++) {
      b.append(i("size", layer, side, side));
    }
    for (int layer = 1; layer <= layers; layer++) {
      b.append(i("rect", layer, 0, 0, side, side)).append(fill(layer));
    }
    return b.append(i("sync", 2000, 0)).toString();
  }

  private static String fill(int layer) {
    return i("cfill", 14, layer, 255, 0, 0, 255);
  }

  private static String i(Object... parts) {
    StringBuilder b = new StringBuilder();
    for (int n = 0; n < parts.length; n++) {
      String s = String.valueOf(parts[n]);
      b.append(s.length()).append('.').append(s).append(n == parts.length - 1 ? ';' : ',');
    }
    return b.toString();
  }
}
