package io.recpipe.encoder.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recpipe.common.files.PartialFiles;
import io.recpipe.common.session.SessionId;
import io.recpipe.converter.Sidecar;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output directory's one naming rule for partial MP4s, on real files. */
class Mp4OutputTest {

  private static final SessionId ID = SessionId.of("s-1");

  @TempDir Path dir;

  @Test
  void aTempFileIsAHiddenPartialOfTheFinalNameNeverEndingInMp4() {
    Path temp = new Mp4Output(dir, "encoder-a").tempFile(ID);

    String name = temp.getFileName().toString();
    assertThat(temp.getParent()).isEqualTo(dir);
    assertThat(name).startsWith(".").doesNotEndWith(".mp4");
    assertThat(PartialFiles.isPartialOf(name, "s-1.mp4")).isTrue();
    assertThat(PartialFiles.isOwnedBy(name, "encoder-a")).isTrue();
    assertThat(new Mp4Output(dir, "encoder-a").tempFile(ID)).isNotEqualTo(temp);
  }

  @Test
  void publishRenamesTheTempFileToTheFinalName() throws Exception {
    Mp4Output output = new Mp4Output(dir, "encoder-a");
    Path temp = Files.writeString(output.tempFile(ID), "video");

    Path published = output.publish(temp, ID);

    assertThat(published).isEqualTo(dir.resolve("s-1.mp4")).hasContent("video");
    assertThat(names()).containsExactly("s-1.mp4");
  }

  @Test
  void sidecarsArePublishedUnderTheirNamesWithTheMp4() throws Exception {
    Mp4Output output = new Mp4Output(dir, "encoder-a");
    Path temp = Files.writeString(output.tempFile(ID), "video");
    Path vtt = Files.writeString(sibling(temp, "vtt"), "WEBVTT");
    Path jpg = Files.writeString(sibling(temp, "jpg"), "jpeg");

    output.publish(
        temp,
        ID,
        List.of(new Sidecar(Sidecar.Kind.KEYSTROKES, vtt), new Sidecar(Sidecar.Kind.POSTER, jpg)));

    assertThat(dir.resolve("s-1.vtt")).hasContent("WEBVTT");
    assertThat(dir.resolve("s-1.jpg")).hasContent("jpeg");
    assertThat(names()).containsExactlyInAnyOrder("s-1.mp4", "s-1.vtt", "s-1.jpg");
  }

  @Test
  void whenTheMp4CannotBePublishedItsSidecarsAreTakenBack() throws Exception {
    Mp4Output output = new Mp4Output(dir, "encoder-a");
    Path missing = output.tempFile(ID);
    Path vtt = Files.writeString(sibling(missing, "vtt"), "WEBVTT");

    assertThatThrownBy(
            () -> output.publish(missing, ID, List.of(new Sidecar(Sidecar.Kind.KEYSTROKES, vtt))))
        .isInstanceOf(NoSuchFileException.class);

    assertThat(names()).isEmpty();
  }

  private static Path sibling(Path partial, String purpose) {
    String name = partial.getFileName().toString();
    return partial.resolveSibling(name.replace(".part", "-" + purpose + ".part"));
  }

  @Test
  void removePartialRemovesTheSessionsPartialsWhoeverWroteThem() throws Exception {
    Mp4Output mine = new Mp4Output(dir, "encoder-a");
    Files.writeString(mine.tempFile(ID), "a");
    Path theirWork = Files.createDirectories(new Mp4Output(dir, "encoder-b").tempFile(ID));
    Files.writeString(theirWork.resolve("a.guac.m4v"), "work");
    Path other = Files.writeString(mine.tempFile(SessionId.of("s-2")), "other session");
    Files.writeString(dir.resolve("s-1.mp4"), "published");

    assertThat(mine.removePartial(ID)).isEqualTo(2);

    assertThat(names()).containsExactlyInAnyOrder("s-1.mp4", other.getFileName().toString());
  }

  @Test
  void removeOwnPartialsLeavesOtherInstancesAndFinalFilesAlone() throws Exception {
    Mp4Output mine = new Mp4Output(dir, "encoder-a");
    Files.writeString(mine.tempFile(ID), "a");
    Path workDir = Files.createDirectories(mine.tempFile(SessionId.of("s-2")));
    Files.writeString(workDir.resolve("s-2.guac.m4v"), "work");
    Path theirs = Files.writeString(new Mp4Output(dir, "encoder-b").tempFile(ID), "b");
    Files.writeString(dir.resolve("s-3.mp4"), "published");

    assertThat(mine.removeOwnPartials()).isEqualTo(2);

    assertThat(names()).containsExactlyInAnyOrder("s-3.mp4", theirs.getFileName().toString());
  }

  private List<String> names() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }
}
