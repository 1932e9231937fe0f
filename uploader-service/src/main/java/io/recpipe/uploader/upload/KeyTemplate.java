package io.recpipe.uploader.upload;

import io.recpipe.common.session.SessionId;
import io.recpipe.uploader.store.ObjectKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Turns a template such as {@code {prefix}/{yyyy}/{MM}/{dd}/{sessionId}.mp4} into an {@link
 * ObjectKey}. The date is the MP4's last-modified time in UTC, not the upload time: a retry after
 * midnight must produce the same key, or exactly-once would break. Empty segments (an empty prefix)
 * are dropped.
 */
public record KeyTemplate(String template) {

  public KeyTemplate {
    // Fails at startup on a template that cannot give a valid key.
    render(template, "p", SessionId.of("s"), Instant.EPOCH);
  }

  public ObjectKey render(String prefix, SessionId sessionId, Instant fileTime) {
    return render(template, prefix, sessionId, fileTime);
  }

  private static ObjectKey render(
      String template, String prefix, SessionId sessionId, Instant fileTime) {
    ZonedDateTime date = fileTime.atZone(ZoneOffset.UTC);
    String text =
        template
            .replace("{prefix}", prefix == null ? "" : prefix)
            .replace("{yyyy}", "%04d".formatted(date.getYear()))
            .replace("{MM}", "%02d".formatted(date.getMonthValue()))
            .replace("{dd}", "%02d".formatted(date.getDayOfMonth()))
            .replace("{sessionId}", sessionId.value());
    return new ObjectKey(
        Arrays.stream(text.split("/")).filter(s -> !s.isEmpty()).collect(Collectors.joining("/")));
  }
}
