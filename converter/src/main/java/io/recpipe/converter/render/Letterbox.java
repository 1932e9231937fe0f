package io.recpipe.converter.render;

import java.util.Arrays;

/** Scales a picture into a frame of another size, keeping its aspect ratio, bars in black. */
final class Letterbox {

  private Letterbox() {}

  static void scaleInto(Surface picture, int[] frame, int frameWidth, int frameHeight) {
    Arrays.fill(frame, 0);
    int pw = picture.width();
    int ph = picture.height();
    double scale = Math.min((double) frameWidth / pw, (double) frameHeight / ph);
    int w = Math.max(1, (int) Math.round(pw * scale));
    int h = Math.max(1, (int) Math.round(ph * scale));
    w = Math.min(w, frameWidth);
    h = Math.min(h, frameHeight);
    int ox = (frameWidth - w) / 2;
    int oy = (frameHeight - h) / 2;
    int[] src = picture.pixels();
    int[] columns = new int[w];
    for (int x = 0; x < w; x++) {
      columns[x] = Math.min(pw - 1, (int) ((x + 0.5) * pw / w));
    }
    for (int y = 0; y < h; y++) {
      int sy = Math.min(ph - 1, (int) ((y + 0.5) * ph / h));
      int srow = sy * pw;
      int drow = (oy + y) * frameWidth + ox;
      for (int x = 0; x < w; x++) {
        frame[drow + x] = src[srow + columns[x]];
      }
    }
  }
}
