package io.recpipe.common.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionIdTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "3f2a9b1c-0d4e-4f5a-8b6c-7d8e9f0a1b2c",
        "3F2A9B1C-0D4E-4F5A-8B6C-7D8E9F0A1B2C",
        "session_42",
        "a",
        "A-b_C-9"
      })
  void acceptsSafeIdsAsTheyAre(String raw) {
    assertThat(SessionId.parse(raw)).contains(new SessionId(raw));
    assertThat(SessionId.of(raw).value()).isEqualTo(raw);
    assertThat(SessionId.of(raw).toString()).isEqualTo(raw);
  }

  @Test
  void dropsTheBracesOfABracedGuid() {
    assertThat(SessionId.parse("{3f2a9b1c-0d4e-4f5a-8b6c-7d8e9f0a1b2c}"))
        .contains(new SessionId("3f2a9b1c-0d4e-4f5a-8b6c-7d8e9f0a1b2c"));
  }

  @Test
  void acceptsExactly128CharactersAndNoMore() {
    assertThat(SessionId.parse("x".repeat(128))).isPresent();
    assertThat(SessionId.parse("x".repeat(129))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "../x",
        "..",
        "a/b",
        "a\\\\b",
        "with space",
        " leading",
        "trailing ",
        "a;rm -rf",
        "a$(id)",
        "a`id`",
        "a|b",
        "a&b",
        "name.guac",
        "{not-a-guid}",
        "{3f2a9b1c-0d4e-4f5a-8b6c-7d8e9f0a1b2c",
        "sessión",
        "会话",
        "a\u0000b",
        "line\nbreak",
        "emoji\uD83D\uDE00"
      })
  void refusesUnsafeNames(String raw) {
    assertThat(SessionId.parse(raw)).isEmpty();
    assertThatThrownBy(() -> SessionId.of(raw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Not a safe session id");
    assertThatThrownBy(() -> new SessionId(raw)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNull() {
    assertThat(SessionId.parse(null)).isEmpty();
    assertThatThrownBy(() -> SessionId.of(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theConstructorDoesNotStripBraces() {
    assertThatThrownBy(() -> new SessionId("{3f2a9b1c-0d4e-4f5a-8b6c-7d8e9f0a1b2c}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void describeQuotesEscapesAndShortensUntrustedNames() {
    assertThat(SessionId.describe(null)).isEqualTo("null");
    assertThat(SessionId.describe("a\nb\"c")).isEqualTo("\"a\\u000ab\\u0022c\"");
    String described = SessionId.describe("y".repeat(500));
    assertThat(described).startsWith("\"yyy").endsWith("…\"").hasSize(1 + 200 + 1 + 1);
  }

  @Test
  void ordersByValue() {
    assertThat(SessionId.of("a").compareTo(SessionId.of("b"))).isNegative();
    assertThat(SessionId.of("b")).isEqualByComparingTo(SessionId.of("b"));
  }
}
