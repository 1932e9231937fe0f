package io.recpipe.converter.keys;

import static io.recpipe.converter.testing.Protocol.i;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What was typed, read from recordings this test writes with known keys and times. */
class KeystrokesTest {

  private static final Duration PAUSE = Duration.ofSeconds(2);
  private static final int SHIFT = 0xffe1;
  private static final int CTRL = 0xffe3;
  private static final int ALT = 0xffe9;
  private static final int ENTER = 0xff0d;

  @TempDir Path dir;

  /** A press and release of {@code keysym} at {@code time}. */
  private static String tap(int keysym, long time) {
    return i("key", keysym, 1, time) + i("key", keysym, 0, time + 5);
  }

  private static String typed(String text, long from, long every) {
    StringBuilder b = new StringBuilder();
    for (int n = 0; n < text.length(); n++) {
      b.append(tap(text.charAt(n), from + n * every));
    }
    return b.toString();
  }

  private List<Cue> read(String recording) throws Exception {
    return Keystrokes.read(Files.writeString(dir.resolve("k.guac"), recording), PAUSE);
  }

  @Test
  void textIsGroupedByLineAtItsTimeFromTheFirstMoment() throws Exception {
    String rec =
        i("size", 0, 64, 48)
            + i("sync", 10_000, 0) // the video's time 0
            + typed("ls -l", 11_000, 100) // 1.0 s .. 1.4 s
            + tap(ENTER, 11_500)
            + typed("pwd", 12_000, 100) // 0.5 s after Enter: a new line all the same
            + tap(ENTER, 12_300)
            + i("sync", 30_000, 0);

    assertThat(read(rec))
        .containsExactly(
            new Cue(1_000, 2_000, "ls -l<Enter>"), // until the next cue starts
            new Cue(2_000, 4_300, "pwd<Enter>")); // the pause after its last key
  }

  @Test
  void aPauseLongerThanTheSettingStartsANewCue() throws Exception {
    String rec =
        i("sync", 0, 0)
            + typed("abc", 1_000, 100) // last key at 1.2 s
            + typed("de", 3_201, 100) // 2.001 s later: a new cue
            + typed("f", 5_301, 0) // exactly 2 s after e: the same cue
            + i("sync", 6_000, 0);

    assertThat(read(rec))
        .containsExactly(new Cue(1_000, 3_200, "abc"), new Cue(3_201, 6_000, "def"));
  }

  @Test
  void specialKeysAndShortcutsAreNamedWithTheirModifiers() throws Exception {
    String rec =
        i("sync", 0, 0)
            + tap('a', 100)
            + i("key", SHIFT, 1, 200)
            + tap('B', 210) // shifted: already the shifted character
            + tap(0xff09, 220) // Shift+Tab as sent by X (ISO_Left_Tab is 0xfe20)
            + i("key", SHIFT, 0, 230)
            + tap(0xff08, 300)
            + i("key", CTRL, 1, 400)
            + tap('c', 410)
            + i("key", SHIFT, 1, 420)
            + tap('T', 430)
            + i("key", SHIFT, 0, 440)
            + i("key", CTRL, 0, 450)
            + i("key", ALT, 1, 500)
            + tap(0xffc1, 510) // F4
            + i("key", ALT, 0, 520)
            + tap(0xff1b, 600)
            + tap(0xffff, 700)
            + tap(0x20ac, 800) // € as a legacy keysym is not Latin-1: named by number
            + tap(0x010020ac, 900) // € as a Unicode keysym
            + tap(0xfe03, 950) // AltGr alone shows nothing
            + tap(0xffb7, 1000) // keypad 7
            + i("sync", 2_000, 0);

    assertThat(read(rec))
        .singleElement()
        .extracting(Cue::text)
        .isEqualTo("aB<Shift+Tab><Backspace><Ctrl+C><Ctrl+Shift+T><Alt+F4><Esc><Delete><0x20ac>€7");
  }

  @Test
  void keysBeforeTheFirstMomentAreAtTimeZeroAndCuesEndWithTheSession() throws Exception {
    String rec =
        tap('x', 4_000) // before the first sync
            + i("sync", 5_000, 0)
            + i("mouse", 1, 1, 0, 5_500) // a timestamped mouse is a moment too
            + tap('y', 8_000)
            + i("key", (int) 'z', 1) // no timestamp: the latest moment (0.5 s), same cue
            + i("sync", 8_500, 0)
            + i("sync", 7_000, 0); // backwards: ignored, as the video ignores it

    assertThat(read(rec)).containsExactly(new Cue(0, 2_000, "x"), new Cue(3_000, 3_500, "yz"));
  }

  @Test
  void aRecordingWithoutKeysHasNoCues() throws Exception {
    assertThat(read(i("sync", 1, 0) + i("sync", 900, 0))).isEmpty();
  }
}
