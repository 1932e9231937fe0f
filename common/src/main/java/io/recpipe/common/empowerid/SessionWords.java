package io.recpipe.common.empowerid;

import jakarta.validation.constraints.NotBlank;
import java.util.Optional;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The session-status words on the wire.
 *
 * @param active the session is still open
 * @param closed the session ended normally
 * @param terminated the session was ended by force
 */
public record SessionWords(
    @DefaultValue("Active") @NotBlank String active,
    @DefaultValue("Closed") @NotBlank String closed,
    @DefaultValue("Terminated") @NotBlank String terminated) {

  /** The seed's words. */
  public static SessionWords seed() {
    return new SessionWords("Active", "Closed", "Terminated");
  }

  /** The status a received word stands for, ignoring case; empty for an unknown word or null. */
  public Optional<SessionStatus> statusFor(String word) {
    if (word == null) {
      return Optional.empty();
    }
    String wanted = word.trim();
    if (wanted.equalsIgnoreCase(active.trim())) {
      return Optional.of(SessionStatus.ACTIVE);
    }
    if (wanted.equalsIgnoreCase(closed.trim())) {
      return Optional.of(SessionStatus.CLOSED);
    }
    if (wanted.equalsIgnoreCase(terminated.trim())) {
      return Optional.of(SessionStatus.TERMINATED);
    }
    return Optional.empty();
  }
}
