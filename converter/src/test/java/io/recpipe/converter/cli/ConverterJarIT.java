package io.recpipe.converter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.converter.testing.Ffprobe;
import io.recpipe.converter.testing.TestRecordings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The executable jar as a user runs it, alone: {@code java -jar converter-<version>.jar convert
 * IN.guac OUT.mp4} on real recordings, the MP4 checked with ffprobe. Runs after {@code package}
 * (failsafe), which names the jar in {@code converter.jar}.
 */
class ConverterJarIT {

  @TempDir Path dir;

  private static Path jar() {
    return Path.of(System.getProperty("converter.jar"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh-1-1024x768", "vnc-1-short-1024x768"})
  void convertsARealRecordingToAnH264Mp4(String name) throws Exception {
    Path guac = TestRecordings.recording(name);
    Path mp4 = dir.resolve(name + ".mp4");

    Run run = java("convert", guac.toString(), mp4.toString());

    assertThat(run.exit).as(run.stderr).isEqualTo(ConvertCommand.OK);
    Ffprobe.Info info = Ffprobe.probe(mp4);
    assertThat(info.codec()).isEqualTo("h264");
    assertThat(info.pixelFormat()).isEqualTo("yuv420p");
    assertThat(info.frames()).isPositive();
    assertThat(info.seconds()).isPositive();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no partial file left")
          .containsExactly(name + ".mp4");
    }
  }

  @Test
  void aDamagedRecordingExits6AndNamesTheRanges() throws Exception {
    byte[] whole = Files.readAllBytes(TestRecordings.recording("ssh-1-1024x768"));
    Path guac = dir.resolve("damaged.guac");
    int at = whole.length / 2;
    byte[] damaged = whole.clone();
    for (int i = at; i < at + 2000 && i < damaged.length; i++) {
      damaged[i] = (byte) 0xFF;
    }
    Files.write(guac, damaged);

    Run run = java("convert", guac.toString(), dir.resolve("damaged.mp4").toString());

    assertThat(run.exit).as(run.stderr).isEqualTo(ConvertCommand.PARTIAL);
    assertThat(run.stderr).contains("damaged");
    assertThat(Ffprobe.probe(dir.resolve("damaged.mp4")).codec()).isEqualTo("h264");
  }

  @Test
  void wrongUsageExits2WithTheHelp() throws Exception {
    Run none = java();
    Run unknown = java("render", "a.guac");

    assertThat(none.exit).isEqualTo(ConvertCommand.USAGE);
    assertThat(unknown.exit).isEqualTo(ConvertCommand.USAGE);
    assertThat(unknown.stderr).contains("unknown command render").contains("Exit codes:");
  }

  @Test
  void theJarHoldsNoSpringAndNoEncoder() throws IOException {
    try (JarFile jar = new JarFile(jar().toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(Main.class.getName());
      List<String> names = jar.stream().map(e -> e.getName()).toList();
      assertThat(names).contains("io/recpipe/converter/render/NativeConverter.class");
      assertThat(names)
          .noneMatch(n -> n.startsWith("org/springframework/"))
          .noneMatch(n -> n.startsWith("io/recpipe/encoder/"))
          .noneMatch(n -> n.startsWith("io/recpipe/common/"));
    }
  }

  private record Run(int exit, String stderr) {}

  private Run java(String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar().toString()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String stderr = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    return new Run(p.exitValue(), stderr);
  }
}
