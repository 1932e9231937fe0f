package io.recpipe.common.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.common.session.SessionId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VideoSourceTest {

  static final SessionId ID = SessionId.of("s-1");
  static final VideoSource.Link LINK =
      new VideoSource.Link(
          URI.create("https://bucket.s3.amazonaws.com/r/s-1.mp4?X-Amz-Signature=secret123"),
          Instant.parse("2026-03-04T10:20:00Z"));

  @Test
  void aLinkNeverShowsItsSignature() {
    assertThat(LINK.toString())
        .doesNotContain("secret123")
        .contains("https://bucket.s3.amazonaws.com/r/s-1.mp4")
        .contains("2026-03-04T10:20:00Z");
  }

  @Test
  void theLocalFileComesFirstAndTheStoreOnlyWhenItIsGone() {
    Path file = Path.of("/recording/s-1.mp4");

    assertThat(admin(id -> Optional.of(file)).video(ID)).contains(new VideoSource.LocalFile(file));
    assertThat(admin(id -> Optional.empty()).video(ID)).contains(LINK);
  }

  @Test
  void aServiceWithoutStoredVideosHasNoneOnceTheFileIsGone() {
    JobAdmin admin =
        new JobAdmin("encoder", null, null, null, null, id -> Optional.empty(), Clock.systemUTC());

    assertThat(admin.video(ID)).isEmpty();
  }

  private static JobAdmin admin(LocalVideos local) {
    return new JobAdmin(
        "uploader", null, null, null, null, local, id -> Optional.of(LINK), Clock.systemUTC());
  }
}
