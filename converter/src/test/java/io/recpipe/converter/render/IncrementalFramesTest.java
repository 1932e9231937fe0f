package io.recpipe.converter.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.recpipe.converter.parse.Instruction;
import io.recpipe.converter.parse.InstructionReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Frames are drawn only where the screen changed (into reused buffers), and converted to I420 only
 * where they changed since the frame before. For every change in every shared recording, both must
 * give exactly what drawing and converting the whole frame gives.
 */
class IncrementalFramesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ssh-1-1024x768",
        "vnc-1-short-1024x768",
        "vnc-2-long-1024x768",
        "vnc-4-pngjpeg-1024x768",
        "rdp-1-1024x768",
        "vnc-5-idle-1024x768"
      })
  void incrementalFramesEqualWholeFrames(String name) throws Exception {
    Anomalies anomalies = new Anomalies();
    Display display = new Display(Limits.defaults(), anomalies);
    Renderer renderer = new Renderer(display, new ImageDecoder(Limits.defaults()), anomalies);
    Random random = new Random(name.hashCode());
    FrameComposer incremental = null;
    FrameComposer whole = null;
    int[][] buffers = null;
    int current = 0;
    Yuv420 yuv = null;
    Area changed = new Area();
    Area sinceEmitted = Area.all();
    int[] lastEmitted = null;
    int frames = 0;
    int partial = 0;
    try (InputStream in = Files.newInputStream(Recordings.recording(name))) {
      InstructionReader reader = new InstructionReader(in);
      Instruction ins;
      while ((ins = reader.next()) != null) {
        if (renderer.apply(ins) == Renderer.NO_TIME || !display.takeChanged(changed)) {
          continue;
        }
        Layer screen = display.existingLayer(0);
        if (incremental == null) {
          if (screen == null || screen.surface.width() == 0) {
            display.markChanged();
            continue;
          }
          int w = screen.surface.width();
          int h = screen.surface.height();
          incremental = new FrameComposer(w, h);
          whole = new FrameComposer(w, h);
          buffers = new int[4][w * h];
          yuv = new Yuv420(w, h);
        }
        // As the timeline does: mostly a new buffer, sometimes the pending one again.
        boolean pendingAgain = random.nextInt(4) == 0;
        if (!pendingAgain) {
          current = (current + 1) % buffers.length;
        }
        int[] target = buffers[current];
        if (incremental.composeInto(display, target, changed)) {
          sinceEmitted.setAll();
        } else {
          sinceEmitted.add(changed);
        }
        if (!changed.isAll()) {
          partial++;
        }
        int[] expected = whole.compose(display);
        assertThat(target)
            .as("%s frame %d (changed %s)", name, frames, changed)
            .isEqualTo(expected);
        if (!pendingAgain) {
          yuv.convert(target, lastEmitted, sinceEmitted);
          sinceEmitted.clear();
          lastEmitted = expected;
          Yuv420 full = new Yuv420(whole.width(), whole.height());
          full.convert(expected);
          assertThat(yuv.bytes()).as("%s I420 of frame %d", name, frames).isEqualTo(full.bytes());
        }
        frames++;
      }
    }
    assertThat(frames).isGreaterThan(10);
    assertThat(partial).as("frames that changed in part of the screen only").isPositive();
  }
}
