package io.recpipe.uploader.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectKeyTest {

  static final String SHA = "0123456789abcdef".repeat(4);

  @Test
  void aSidecarKeyIsTheMp4KeyWithItsExtension() {
    ObjectKey mp4 = new ObjectKey("recordings/2026/03/04/s-1.mp4");

    assertThat(mp4.sibling(ContentType.WEBVTT).value()).isEqualTo("recordings/2026/03/04/s-1.vtt");
    assertThat(mp4.sibling(ContentType.JPEG).value()).isEqualTo("recordings/2026/03/04/s-1.jpg");
    assertThat(mp4.sibling(ContentType.MP4)).isEqualTo(mp4);
  }

  @Test
  void aKeyWithoutOurExtensionGetsTheSidecarsAdded() {
    // A template of {sessionId} alone, with a dot in the id: "a.b" and "a.c" must stay apart.
    assertThat(new ObjectKey("v/a.b").sibling(ContentType.WEBVTT).value()).isEqualTo("v/a.b.vtt");
    assertThat(new ObjectKey("v/a.c").sibling(ContentType.WEBVTT).value()).isEqualTo("v/a.c.vtt");
  }

  @Test
  void aConflictKeyKeepsTheExtension() {
    assertThat(new ObjectKey("p/s.mp4").conflictKey(SHA).value())
        .isEqualTo("p/s.conflict-01234567.mp4");
    assertThat(new ObjectKey("p/s.vtt").conflictKey(SHA).value())
        .isEqualTo("p/s.conflict-01234567.vtt");
    assertThat(new ObjectKey("p/s.jpg").conflictKey(SHA).value())
        .isEqualTo("p/s.conflict-01234567.jpg");
    assertThat(new ObjectKey("p/s").conflictKey(SHA).value())
        .isEqualTo("p/s.conflict-01234567.mp4");
  }
}
