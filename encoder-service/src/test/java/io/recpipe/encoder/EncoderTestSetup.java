package io.recpipe.encoder;

import io.recpipe.encoder.support.StandInGuacenc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Settings and directories shared by the encoder's context tests. */
final class EncoderTestSetup {

  /** The converter the context tests run: guacenc (stand-in + real ffmpeg) unless told. */
  static final String CONVERTER = System.getProperty("recpipe.test.converter", "guacenc");

  private EncoderTestSetup() {}

  static Path tempRoot(String prefix) {
    try {
      Path root = Files.createTempDirectory(prefix);
      for (String dir : List.of("recordings", "output", "data", "bin")) {
        Files.createDirectories(root.resolve(dir));
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void register(DynamicPropertyRegistry registry, Path root, String empowerIdUrl) {
    Path guacenc = StandInGuacenc.install(StandInGuacenc.WORKING, root.resolve("bin"));
    registry.add("encoder.recordings-dir", () -> root.resolve("recordings").toString());
    registry.add("encoder.output-dir", () -> root.resolve("output").toString());
    registry.add("encoder.data-dir", () -> root.resolve("data").toString());
    registry.add("encoder.converter", () -> CONVERTER);
    registry.add("encoder.guacenc.path", guacenc::toString);
    registry.add("encoder.guacenc.preset", () -> "ultrafast");
    registry.add("encoder.scheduling.enabled", () -> "false");
    registry.add("encoder.scan.stable-check", () -> "0s");
    registry.add("encoder.parallelism", () -> "2");
    registry.add("empowerid.base-url", () -> empowerIdUrl);
    registry.add("empowerid.api-key", () -> "test-api-key");
    registry.add("empowerid.client-id", () -> "encoder-test");
    registry.add("empowerid.client-secret", () -> "test-secret");
    registry.add("empowerid.retry.max-attempts", () -> "1");
    registry.add("empowerid.circuit.failure-threshold", () -> "3");
    registry.add("empowerid.circuit.open-duration", () -> "1m");
  }

  static void emptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    }
  }

  static List<String> names(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
