package io.recpipe.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recpipe.converter.render.NativeConverter;
import io.recpipe.converter.render.NativeSettings;
import io.recpipe.converter.testing.TestRecordings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-process MP4 check against ffprobe on videos the native converter wrote from real
 * recordings, and on those videos damaged in the ways a failed write leaves them.
 */
class Mp4FactsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir static Path dir;

  private static Path idle;

  @BeforeAll
  static void convertOne() {
    idle = convert("vnc-5-idle-1024x768");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ssh-1-1024x768", "vnc-5-idle-1024x768"})
  void seesWhatFfprobeSeesInAConvertedRecording(String name) {
    Path mp4 = name.startsWith("vnc-5") ? idle : convert(name);

    Mp4Facts.Video facts = Mp4Facts.read(mp4);
    VideoProbe.Video probe =
        VideoProbe.probePackets(FfmpegTools.onPath().ffprobeExecutable(), Map.of(), mp4, TIMEOUT);

    assertThat(facts.codec()).isEqualTo("avc1");
    assertThat(probe.codec()).isEqualTo("h264");
    assertThat(facts.samples()).isEqualTo(probe.frames()).isPositive();
    assertThat(facts.duration()).isEqualTo(probe.duration());
  }

  @Test
  void aVideoCutShortIsRefusedNamingTheBoxThatOverruns() throws Exception {
    byte[] whole = Files.readAllBytes(idle);
    Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(whole, whole.length - 1000));

    assertThatThrownBy(() -> Mp4Facts.read(cut))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("mdat")
        .hasMessageContaining("the file ends first");
  }

  @Test
  void aVideoWithoutItsIndexOrWithTrailingBytesIsRefused() throws Exception {
    byte[] whole = Files.readAllBytes(idle);
    int moov = indexOf(whole, "moov") - 4;
    int moovSize = ByteBuffer.wrap(whole).getInt(moov);
    byte[] noMoov = new byte[whole.length];
    System.arraycopy(whole, 0, noMoov, 0, whole.length);
    noMoov[moov + 4] = 'f';
    noMoov[moov + 5] = 'r';
    noMoov[moov + 6] = 'e';
    noMoov[moov + 7] = 'e'; // the index turned into padding
    Path lost = Files.write(dir.resolve("no-moov.mp4"), noMoov);
    byte[] longer = Arrays.copyOf(whole, whole.length + 5);
    Path trailing = Files.write(dir.resolve("trailing.mp4"), longer);
    Path empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);

    assertThat(moovSize).isGreaterThan(8);
    assertThatThrownBy(() -> Mp4Facts.read(lost)).hasMessageContaining("no moov box");
    assertThatThrownBy(() -> Mp4Facts.read(trailing)).hasMessageContaining("cut short");
    assertThatThrownBy(() -> Mp4Facts.read(empty)).hasMessageContaining("no moov box");
    assertThatThrownBy(() -> Mp4Facts.read(dir.resolve("absent.mp4")))
        .isInstanceOf(ConversionException.class)
        .hasMessageContaining("not a readable MP4");
  }

  @Test
  void aSampleTableThatPointsPastTheMediaDataIsRefused() throws Exception {
    byte[] whole = Files.readAllBytes(idle);
    int stsz = indexOf(whole, "stsz") + 4; // payload: version/flags, sample_size, sample_count
    ByteBuffer b = ByteBuffer.wrap(whole);
    int firstSize = b.getInt(stsz + 12);
    b.putInt(stsz + 12, firstSize + whole.length); // one sample larger than the whole file
    Path bad = Files.write(dir.resolve("bad-sizes.mp4"), whole);

    assertThatThrownBy(() -> Mp4Facts.read(bad))
        .hasMessageContaining("the video's samples take")
        .hasMessageContaining("mdat holds");
  }

  private static Path convert(String name) {
    Path mp4 = dir.resolve(name + ".mp4");
    new NativeConverter(NativeSettings.defaults(), FfmpegTools.onPath(), Clock.systemUTC())
        .convert(TestRecordings.recording(name), mp4, ConversionProgress.NONE);
    return mp4;
  }

  private static int indexOf(byte[] bytes, String fourcc) {
    byte[] f = fourcc.getBytes(StandardCharsets.ISO_8859_1);
    outer:
    for (int i = 0; i + 4 <= bytes.length; i++) {
      for (int k = 0; k < 4; k++) {
        if (bytes[i + k] != f[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError(fourcc + " not found");
  }
}
