package io.recpipe.converter.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WebVTT file: times, escaping, an empty track. */
class WebVttTest {

  @TempDir Path dir;

  @Test
  void cuesAreWrittenWithTheirTimesAndTextEscaped() throws Exception {
    Path vtt = dir.resolve("k.vtt");

    WebVtt.write(
        List.of(
            new Cue(1_000, 2_500, "a && b <Enter>"),
            new Cue(3_723_004, 3_723_005, "x --> y <Ctrl+C>")),
        vtt);

    assertThat(Files.readString(vtt))
        .isEqualTo(
            """
            WEBVTT

            00:00:01.000 --> 00:00:02.500
            a &amp;&amp; b &lt;Enter&gt;

            01:02:03.004 --> 01:02:03.005
            x --&gt; y &lt;Ctrl+C&gt;
            """);
  }

  @Test
  void noCuesMakeAHeaderOnly() throws Exception {
    Path vtt = dir.resolve("k.vtt");

    WebVtt.write(List.of(), vtt);

    assertThat(Files.readString(vtt)).isEqualTo("WEBVTT\n");
  }
}
