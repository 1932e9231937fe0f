package io.recpipe.converter.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipeBufferTest {

  @TempDir Path dir;

  @Test
  void enlargesThePipeToAChildsStdinAndLeavesOtherPipesAlone() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux /proc");
    Process enlarged = new ProcessBuilder("cat").redirectOutput(dir.resolve("a").toFile()).start();
    Process other = new ProcessBuilder("cat").redirectOutput(dir.resolve("b").toFile()).start();
    try {
      OptionalInt before = PipeBuffer.size(enlarged.pid());
      assertThat(before).hasValue(65536); // Linux's default

      assertThat(PipeBuffer.enlarge(enlarged.pid())).hasValue(PipeBuffer.WANTED_BYTES);
      assertThat(PipeBuffer.size(enlarged.pid())).hasValue(PipeBuffer.WANTED_BYTES);
      assertThat(PipeBuffer.size(other.pid())).hasValue(65536);

      // The pipe still carries data, and more of it than the old size without a reader.
      byte[] block = new byte[512 * 1024];
      block[block.length - 1] = 7;
      enlarged.getOutputStream().write(block);
      enlarged.getOutputStream().close();
      assertThat(enlarged.waitFor()).isZero();
      assertThat(Files.size(dir.resolve("a"))).isEqualTo(block.length);
    } finally {
      enlarged.destroyForcibly();
      other.destroyForcibly();
    }
  }

  @Test
  void thePipeEnlargedAndOpenedAgainAsAChannelCarriesDirectBuffersAndItsCloseEndsTheInput()
      throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux /proc");
    Process cat = new ProcessBuilder("cat").redirectOutput(dir.resolve("c").toFile()).start();
    try {
      FileChannel channel = PipeBuffer.enlargeAndOpen(cat.pid()).orElseThrow();
      assertThat(PipeBuffer.size(cat.pid())).hasValue(PipeBuffer.WANTED_BYTES);
      cat.getOutputStream().close(); // the channel is now the only writer
      ByteBuffer block = ByteBuffer.allocateDirect(300_000);
      for (int i = 0; i < block.capacity(); i++) {
        block.put(i, (byte) i);
      }
      while (block.hasRemaining()) {
        channel.write(block);
      }
      assertThat(cat.waitFor(200, TimeUnit.MILLISECONDS)).as("still open: cat waits").isFalse();
      channel.close();
      assertThat(cat.waitFor(30, TimeUnit.SECONDS)).isTrue();
      byte[] got = Files.readAllBytes(dir.resolve("c"));
      assertThat(got).hasSize(300_000);
      assertThat(got[299_999]).isEqualTo((byte) 299_999);
    } finally {
      cat.destroyForcibly();
    }
    assertThat(PipeBuffer.enlargeAndOpen(-1)).isEmpty();
  }

  @Test
  void theVideoEncoderFeedsFfmpegThroughTheLargerPipe() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux /proc");
    String ffmpeg = FfmpegLocator.resolve("", "ffmpeg");
    try (VideoEncoder encoder =
        VideoEncoder.start(
            ffmpeg, Map.of(), dir.resolve("out.mp4"), 64, 48, NativeSettings.defaults())) {
      assertThat(PipeBuffer.size(encoder.pid())).hasValue(PipeBuffer.WANTED_BYTES);
    }
  }

  @Test
  void aProcessThatIsGoneIsNotAnError() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    assertThat(PipeBuffer.enlarge(gone.pid())).isEmpty();
    assertThat(PipeBuffer.enlarge(-1)).isEmpty();
  }
}
