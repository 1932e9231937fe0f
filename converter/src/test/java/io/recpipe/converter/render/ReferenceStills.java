package io.recpipe.converter.render;

import io.recpipe.converter.testing.TestRecordings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * guacenc's picture without its videos: on the small corpus the fidelity tests compare with stills
 * cut from guacenc's reference videos ({@code reference/stills/RECORDING/WxH/NNNNN.png}, frame
 * indexes at 25 fps; {@code testdata/cut.sh} makes them), on the full corpus with the videos.
 */
final class ReferenceStills {

  private ReferenceStills() {}

  /** Whether the tests compare with stills (small corpus) rather than whole videos. */
  static boolean inUse() {
    return !TestRecordings.fullCorpus();
  }

  /**
   * Copies the stills of the frames, in list order (repeating where the list does), to {@code
   * out/f_0001.png}, {@code f_0002.png}, ...
   */
  static Path copy(String recording, String size, List<Integer> frames, Path out)
      throws IOException {
    Files.createDirectories(out);
    List<Path> stills = stills(recording, size, frames);
    for (int k = 0; k < stills.size(); k++) {
      Files.copy(stills.get(k), out.resolve(String.format(Locale.ROOT, "f_%04d.png", k + 1)));
    }
    return out;
  }

  /** The stills of the frames; fails with the command that cuts them when one is missing. */
  static List<Path> stills(String recording, String size, List<Integer> frames) {
    Path dir = TestRecordings.dir().resolve("reference/stills").resolve(recording).resolve(size);
    List<Path> stills =
        frames.stream().map(n -> dir.resolve(String.format(Locale.ROOT, "%05d.png", n))).toList();
    List<Integer> missing =
        frames.stream()
            .distinct()
            .filter(n -> !Files.isRegularFile(stills.get(frames.indexOf(n))))
            .sorted()
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Stills of guacenc's picture missing in "
              + dir
              + "; cut them from the full corpus with: testdata/cut.sh stills "
              + recording
              + " "
              + size
              + " "
              + missing.stream().map(String::valueOf).collect(Collectors.joining(" ")));
    }
    return stills;
  }
}
