package io.recpipe.converter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ffprobe read back with the real ffmpeg and ffprobe. */
class VideoProbeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void readsCodecDurationAndDecodedFrames() {
    Path mp4 = tmp.resolve("two-seconds.mp4");
    var made =
        ToolProcess.run(
            List.of(
                FfmpegTools.onPath().ffmpegExecutable(),
                "-nostdin",
                "-v",
                "error",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=64x48:rate=10:duration=2",
                "-c:v",
                "libx264",
                "-pix_fmt",
                "yuv420p",
                mp4.toString()),
            tmp,
            TIMEOUT);
    assertThat(made.exitCode()).as(made.output()).isZero();

    VideoProbe.Video video =
        VideoProbe.probe(FfmpegTools.onPath().ffprobeExecutable(), mp4, TIMEOUT);

    assertThat(video.codec()).isEqualTo("h264");
    assertThat(video.frames()).isEqualTo(20);
    assertThat(video.duration()).isBetween(Duration.ofMillis(1900), Duration.ofMillis(2100));

    VideoProbe.Video packets =
        VideoProbe.probePackets(FfmpegTools.onPath().ffprobeExecutable(), Map.of(), mp4, TIMEOUT);
    assertThat(packets).as("counting packets sees the same video").isEqualTo(video);
  }

  @Test
  void aFileThatIsNoVideoIsATransientErrorCarryingFfprobesOutput() throws Exception {
    Path junk = Files.writeString(tmp.resolve("junk.mp4"), "not a video at all");

    assertThatThrownBy(
            () -> VideoProbe.probe(FfmpegTools.onPath().ffprobeExecutable(), junk, TIMEOUT))
        .isInstanceOfSatisfying(
            ConversionException.class, e -> assertThat(e.isPermanent()).isFalse())
        .hasMessageStartingWith("ffprobe cannot read the video: ")
        .hasMessageContaining("junk.mp4");
  }
}
