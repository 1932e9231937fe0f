package io.recpipe.uploader.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recpipe.common.session.SessionId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyTemplateTest {

  static final KeyTemplate DEFAULT = new KeyTemplate("{prefix}/{yyyy}/{MM}/{dd}/{sessionId}.mp4");

  @Test
  void fillsPrefixDateInUtcAndSession() {
    assertThat(
            DEFAULT
                .render("recordings", SessionId.of("abc-1"), Instant.parse("2026-01-02T23:30:00Z"))
                .value())
        .isEqualTo("recordings/2026/01/02/abc-1.mp4");
  }

  @Test
  void anEmptyPrefixLeavesNoEmptySegment() {
    assertThat(DEFAULT.render("", SessionId.of("abc"), Instant.EPOCH).value())
        .isEqualTo("1970/01/01/abc.mp4");
  }

  @Test
  void aTemplateThatCannotGiveASafeKeyFailsAtOnce() {
    assertThatThrownBy(() -> new KeyTemplate("../{sessionId}.mp4"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
