package io.recpipe.common.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialFilesTest {

  @TempDir Path dir;

  @Test
  void aPartialIsHiddenNeverEndsInMp4AndNamesItsFinalFileAndWriter() {
    String name = PartialFiles.newPartial(dir, "s-1.mp4", "encoder-a").getFileName().toString();

    assertThat(name).startsWith(".s-1.mp4.").endsWith(".part").doesNotEndWith(".mp4");
    assertThat(PartialFiles.isPartial(name)).isTrue();
    assertThat(PartialFiles.isPartialOf(name, "s-1.mp4")).isTrue();
    assertThat(PartialFiles.isPartialOf(name, "s-2.mp4")).isFalse();
    assertThat(PartialFiles.isOwnedBy(name, "encoder-a")).isTrue();
    assertThat(PartialFiles.isOwnedBy(name, "encoder-b")).isFalse();
  }

  @Test
  void anInstanceWhoseNameEndsAnotherInstancesNameNeverTakesItsFiles() throws Exception {
    // Host names with dots: "b.example" is a dotted tail of "enc.b.example".
    Path mine = Files.write(PartialFiles.newPartial(dir, "s.1.mp4", "b.example"), new byte[3]);
    Path theirs =
        Files.write(PartialFiles.newPartial(dir, "s.2.mp4", "enc.b.example"), new byte[3]);

    assertThat(PartialFiles.isOwnedBy(theirs.getFileName().toString(), "b.example")).isFalse();
    assertThat(PartialFiles.isOwnedBy(mine.getFileName().toString(), "enc.b.example")).isFalse();
    assertThat(PartialFiles.removeOwnedBy(dir, "b.example")).isEqualTo(1);
    assertThat(mine).doesNotExist();
    assertThat(theirs).exists();
  }

  @Test
  void removeForTakesEverySessionsPartialWhoeverWroteItAndNothingElse() throws Exception {
    Files.write(PartialFiles.newPartial(dir, "s.mp4", "a"), new byte[1]);
    Files.createDirectory(PartialFiles.newPartial(dir, "s.mp4", "b"));
    Path other = Files.write(PartialFiles.newPartial(dir, "t.mp4", "a"), new byte[1]);
    Path done = Files.write(dir.resolve("s.mp4"), new byte[1]);

    assertThat(PartialFiles.removeFor(dir, "s.mp4")).isEqualTo(2);
    assertThat(other).exists();
    assertThat(done).exists();
  }

  @Test
  void unsafeNamesAreRefused() {
    assertThatThrownBy(() -> PartialFiles.newPartial(dir, "../x.mp4", "a"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PartialFiles.newPartial(dir, "x.mp4", "a/b"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
