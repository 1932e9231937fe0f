package io.recpipe.converter.keys;

import io.recpipe.converter.parse.Instruction;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the cues of what was typed from a recording's instructions, in order. Times come from the
 * same moments the video's clock uses ({@code sync} and timestamped {@code mouse}: the first is
 * time 0, a backwards one is ignored); a {@code key} carries its own timestamp as its last argument
 * (without one, the latest moment counts). A cue ends with Enter, after a pause longer than {@code
 * pause} or at {@link #MAX_CUE_CHARS}, and shows from its first key until {@code pause} after its
 * last one (at most until the next cue or the session's end).
 */
final class KeyLog {

  /** A cue longer than this is split (a screen line). */
  static final int MAX_CUE_CHARS = 200;

  private final long pauseMillis;
  private final Set<Integer> heldModifiers = new HashSet<>();
  private final List<long[]> times = new ArrayList<>(); // raw {first key, last key} per cue
  private final List<String> texts = new ArrayList<>();
  private StringBuilder open;
  private long openFirst;
  private long openLast;
  private long first = Long.MIN_VALUE;
  private long last = Long.MIN_VALUE;
  private long skipped;

  KeyLog(long pauseMillis) {
    this.pauseMillis = pauseMillis;
  }

  void accept(Instruction in) {
    try {
      switch (in.opcode()) {
        case "sync" -> moment(in.longArg(0));
        case "mouse" -> {
          if (in.argCount() >= 4) {
            moment(in.longArg(3));
          }
        }
        case "key" -> key(in);
        default -> {
          // draws or says nothing typed
        }
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      skipped++;
    }
  }

  /** Instructions that looked like a moment or a key but could not be read. */
  long skipped() {
    return skipped;
  }

  private void moment(long timestamp) {
    if (first == Long.MIN_VALUE) {
      first = timestamp;
      last = timestamp;
    } else if (timestamp >= last) {
      last = timestamp;
    }
  }

  private void key(Instruction in) {
    int keysym = (int) Long.parseLong(in.args()[0]);
    boolean pressed = !"0".equals(in.args()[1]);
    // Without a timestamp of its own, a key happened at the latest moment (0: before any).
    long time = in.argCount() >= 3 ? in.longArg(2) : Math.max(0, last);
    if (Keysyms.modifier(keysym) != null) {
      if (pressed) {
        heldModifiers.add(keysym);
      } else {
        heldModifiers.remove(keysym);
      }
      return;
    }
    if (!pressed || Keysyms.silent(keysym)) {
      return;
    }
    type(token(keysym), time, Keysyms.name(keysym).equals("Enter"));
  }

  private String token(int keysym) {
    EnumSet<Keysyms.Modifier> held = EnumSet.noneOf(Keysyms.Modifier.class);
    heldModifiers.forEach(k -> held.add(Keysyms.modifier(k)));
    boolean shortcut = held.stream().anyMatch(m -> m != Keysyms.Modifier.SHIFT);
    int codePoint = Keysyms.codePoint(keysym);
    if (codePoint >= 0 && !shortcut) {
      return Character.toString(codePoint);
    }
    StringBuilder b = new StringBuilder("<");
    held.forEach(m -> b.append(m.label).append('+'));
    if (codePoint == ' ') {
      b.append("Space");
    } else if (codePoint >= 0) {
      b.append(Character.toString(Character.toUpperCase(codePoint)));
    } else {
      b.append(Keysyms.name(keysym));
    }
    return b.append('>').toString();
  }

  private void type(String token, long time, boolean endsLine) {
    if (open != null && (time - openLast > pauseMillis || open.length() >= MAX_CUE_CHARS)) {
      close();
    }
    if (open == null) {
      open = new StringBuilder();
      openFirst = time;
      openLast = time;
    }
    open.append(token);
    openLast = Math.max(openLast, time);
    if (endsLine) {
      close();
    }
  }

  private void close() {
    times.add(new long[] {openFirst, openLast});
    texts.add(open.toString());
    open = null;
  }

  /** The cues so far, in the video's clock (ms from its first moment). */
  List<Cue> cues() {
    if (open != null) {
      close();
    }
    long zero = first != Long.MIN_VALUE ? first : times.isEmpty() ? 0 : times.get(0)[0];
    long end = first != Long.MIN_VALUE ? last - zero : Long.MAX_VALUE;
    List<Cue> cues = new ArrayList<>(texts.size());
    for (int n = 0; n < texts.size(); n++) {
      long start = clamp(times.get(n)[0] - zero, end);
      long stop = clamp(times.get(n)[1] - zero, end) + pauseMillis;
      if (n + 1 < texts.size()) {
        stop = Math.min(stop, clamp(times.get(n + 1)[0] - zero, end));
      }
      stop = Math.min(stop, end);
      cues.add(new Cue(start, Math.max(stop, start + 1), texts.get(n)));
    }
    return cues;
  }

  private static long clamp(long value, long max) {
    return Math.max(0, Math.min(value, max));
  }
}
