package io.recpipe.encoder.convert.guacenc;

import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.RecordingConverter;
import io.recpipe.converter.testing.RecordingConverterContract;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * guacenc keeps the {@link RecordingConverter} contract: the real guacenc on {@code PATH}, else
 * skipped. Not the stand-in script of {@link GuacencConverterTest}: it copies guacenc's recorded
 * output by file name instead of drawing, so it would not say whether guacenc keeps the contract.
 */
class GuacencConverterContractTest extends RecordingConverterContract {

  private Path guacenc;

  @BeforeEach
  void findGuacenc() {
    Optional<Path> found = onPath("guacenc");
    Assumptions.assumeTrue(found.isPresent(), "guacenc is not on PATH");
    guacenc = found.get();
  }

  @Override
  protected RecordingConverter converter() {
    return new GuacencConverter(
        new GuacencSettings(guacenc.toString(), 2_000_000, Duration.ofMinutes(30), "veryfast"),
        FfmpegTools.onPath());
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, name))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
