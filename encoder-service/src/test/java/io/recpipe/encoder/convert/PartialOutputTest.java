package io.recpipe.encoder.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recpipe.common.files.PartialFiles;
import io.recpipe.converter.PartialOutput;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Names the converter module writes under, all by the one rule of {@link PartialFiles} (which that
 * module cannot import: common brings Spring).
 */
class PartialOutputTest {

  private final Path dir = Path.of("/out").toAbsolutePath();

  @Test
  void aPartialFileGivenIsWrittenAsIs() {
    Path given = PartialFiles.newPartial(dir, "s-1.mp4", "enc-a");

    assertThat(PartialOutput.fileFor(given)).isEqualTo(given);
  }

  @Test
  void aWorkSiblingBelongsToTheSameFinalFileAndInstance() {
    Path given = PartialFiles.newPartial(dir, "s-1.mp4", "enc.a");

    String work = PartialOutput.sibling(given, "work").getFileName().toString();

    assertThat(work).isNotEqualTo(given.getFileName().toString());
    assertThat(PartialFiles.isPartialOf(work, "s-1.mp4")).isTrue();
    assertThat(PartialFiles.isOwnedBy(work, "enc.a")).isTrue();
  }

  @Test
  void aFinalNameGetsANewPartialBesideIt() {
    Path file = PartialOutput.fileFor(dir.resolve("my video.mp4"));

    assertThat(file.getParent()).isEqualTo(dir);
    assertThat(PartialFiles.isPartialOf(file.getFileName().toString(), "my_video.mp4")).isTrue();
    assertThat(PartialFiles.isOwnedBy(file.getFileName().toString(), "local")).isTrue();
    assertThat(PartialOutput.isPartial(file)).isTrue();
  }

  @Test
  void whatPartialFilesCallsPartialTheConverterDoesAndNothingElse() {
    Path given = PartialFiles.newPartial(dir, "s-1.mp4", "enc-a");

    assertThat(PartialOutput.isPartial(given)).isTrue();
    assertThat(PartialOutput.isPartial(dir.resolve("s-1.mp4"))).isFalse();
    assertThat(PartialOutput.isPartial(dir.resolve(".part"))).isFalse();
    assertThat(PartialFiles.isPartial(".part")).isFalse();
  }

  @Test
  void onlyAPartialFileHasSiblingsAndOnlyForAPlainWord() {
    assertThatThrownBy(() -> PartialOutput.sibling(dir.resolve("s.mp4"), "work"))
        .isInstanceOf(IllegalArgumentException.class);
    Path given = PartialFiles.newPartial(dir, "s-1.mp4", "enc-a");
    assertThatThrownBy(() -> PartialOutput.sibling(given, "a.b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
