package io.recpipe.converter.render;

import io.recpipe.converter.parse.Instruction;
import io.recpipe.converter.parse.InstructionReader;
import io.recpipe.converter.testing.Protocol;
import io.recpipe.converter.testing.TestRecordings;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Builds small synthetic recordings and renders them, for tests. */
final class Recordings {

  private Recordings() {}

  /** One instruction in protocol form (see {@link Protocol#i}). */
  static String i(Object... parts) {
    return Protocol.i(parts);
  }

  /** Parses and draws a recording; returns the display. */
  static Display render(String recording) throws Exception {
    Anomalies anomalies = new Anomalies();
    Display display = new Display(Limits.defaults(), anomalies);
    Renderer renderer = new Renderer(display, new ImageDecoder(Limits.defaults()), anomalies);
    InstructionReader reader =
        new InstructionReader(new ByteArrayInputStream(recording.getBytes(StandardCharsets.UTF_8)));
    Instruction in;
    while ((in = reader.next()) != null) {
      renderer.apply(in);
    }
    return display;
  }

  /** The composed video frame (ARGB) of a display at the size of its layer 0. */
  static int[] frame(Display display) {
    Surface screen = display.existingLayer(0).surface;
    return new FrameComposer(screen.width(), screen.height()).compose(display).clone();
  }

  static int pixel(Display display, int index, int x, int y) {
    Surface s = display.surface(index, null);
    return s.pixels()[y * s.width() + x];
  }

  /** The folder of real recordings (see {@link TestRecordings#dir()}). */
  static Path shared() {
    return TestRecordings.dir();
  }

  /**
   * A real recording by name (no {@code .guac}); skips the test when only the small corpus is there
   * and lacks it (see {@link TestRecordings#recording}).
   */
  static Path recording(String name) {
    return TestRecordings.recording(name);
  }
}
