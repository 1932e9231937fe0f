package io.recpipe.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one way converters run guacenc, ffmpeg and ffprobe. */
class ToolProcessTest {

  @TempDir Path tmp;

  @Test
  void runMergesStdoutAndStderrAndKeepsTheExitCode() {
    var result =
        ToolProcess.run(
            List.of("sh", "-c", "echo to-out; echo to-err >&2; exit 3"),
            tmp,
            Duration.ofSeconds(30));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.output()).contains("to-out", "to-err");
  }

  @Test
  void aTimeOutKillsTheWholeProcessTree() throws Exception {
    Path pidFile = tmp.resolve("child.pid");
    assertThatThrownBy(
            () ->
                ToolProcess.run(
                    List.of("sh", "-c", "sleep 600 & echo $! > " + pidFile + "; wait"),
                    tmp,
                    Duration.ofSeconds(2)))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("timed out")
        .satisfies(e -> assertThat(((ConversionException) e).isPermanent()).isFalse());

    long childPid = Long.parseLong(Files.readString(pidFile).strip());
    var child = ProcessHandle.of(childPid);
    if (child.isPresent()) {
      child.get().onExit().get(5, TimeUnit.SECONDS);
    }
    assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive))
        .isNotEqualTo(Optional.of(true));
  }

  @Test
  void aStartedToolKeepsItsStderrTailApartFromStdout() throws Exception {
    try (ToolProcess tool =
        ToolProcess.start(
            List.of("sh", "-c", "echo data; echo \"oops $EXTRA\" >&2; exit 1"),
            Map.of("EXTRA", "set"))) {
      String out = new String(tool.stdout().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(tool.await(30_000)).hasValue(1);
      assertThat(out.strip()).isEqualTo("data");
      assertThat(tool.stderrTail()).isEqualTo("oops set");
    }
  }

  @Test
  void aMissingExecutableIsATransientError() {
    assertThatThrownBy(
            () ->
                ToolProcess.run(
                    List.of(tmp.resolve("nope").toString()), tmp, Duration.ofSeconds(5)))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("Could not start");
  }

  @Test
  void theVariablesGivenAreAddedToTheChildsEnvironment() throws Exception {
    Map<String, String> tag = Map.of("RECPIPE_PARENT_INSTANCE", "encoder-tagged");

    var result =
        ToolProcess.run(
            List.of("sh", "-c", "echo \"tag=$RECPIPE_PARENT_INSTANCE\""),
            tag,
            tmp,
            Duration.ofSeconds(30));
    String started;
    try (ToolProcess tool =
        ToolProcess.start(List.of("sh", "-c", "echo \"tag=$RECPIPE_PARENT_INSTANCE\""), tag)) {
      started = new String(tool.stdout().readAllBytes(), StandardCharsets.UTF_8);
      tool.await(30_000);
    }

    assertThat(result.output()).contains("tag=encoder-tagged");
    assertThat(started).contains("tag=encoder-tagged");
  }

  @Test
  void anInterruptedThreadStartsNothingAndKeepsItsFlag() {
    Path marker = tmp.resolve("started");
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(
              () ->
                  ToolProcess.run(List.of("touch", marker.toString()), tmp, Duration.ofSeconds(30)))
          .isInstanceOf(ConversionException.class)
          .hasMessageContaining("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(marker).doesNotExist();
  }

  @Test
  void lastKeepsTheEndOfLongOutput() {
    String output = "x".repeat(1000) + "the end";
    assertThat(ToolProcess.last(output)).hasSize(501).startsWith("…").endsWith("the end");
    assertThat(ToolProcess.last("  short \n")).isEqualTo("short");
  }
}
