package io.recpipe.converter.keys;

import java.util.Map;

/**
 * What an X11 keysym (the number in a {@code key} instruction) stands for: a character typed, a
 * named key, or a modifier. Shifted printable keys already arrive as the shifted character (Shift+a
 * is {@code A}), so Shift only shows on named keys and in shortcuts.
 */
final class Keysyms {

  /** A modifier whose state is tracked from its press and release. */
  enum Modifier {
    CTRL("Ctrl"),
    ALT("Alt"),
    META("Meta"),
    SUPER("Super"),
    SHIFT("Shift");

    final String label;

    Modifier(String label) {
      this.label = label;
    }
  }

  private static final Map<Integer, Modifier> MODIFIERS =
      Map.ofEntries(
          Map.entry(0xffe1, Modifier.SHIFT),
          Map.entry(0xffe2, Modifier.SHIFT),
          Map.entry(0xffe3, Modifier.CTRL),
          Map.entry(0xffe4, Modifier.CTRL),
          Map.entry(0xffe7, Modifier.META),
          Map.entry(0xffe8, Modifier.META),
          Map.entry(0xffe9, Modifier.ALT),
          Map.entry(0xffea, Modifier.ALT),
          Map.entry(0xffeb, Modifier.SUPER),
          Map.entry(0xffec, Modifier.SUPER),
          Map.entry(0xffed, Modifier.SUPER), // Hyper
          Map.entry(0xffee, Modifier.SUPER));

  /** Keys that only select characters (AltGr, Mode_switch): never shown. */
  private static final int ISO_LEVEL3_SHIFT = 0xfe03;

  private static final int MODE_SWITCH = 0xff7e;

  private static final Map<Integer, String> NAMED =
      Map.ofEntries(
          Map.entry(0xff08, "Backspace"),
          Map.entry(0xff09, "Tab"),
          Map.entry(0xfe20, "Tab"), // ISO_Left_Tab: Shift+Tab
          Map.entry(0xff89, "Tab"),
          Map.entry(0xff0d, "Enter"),
          Map.entry(0xff8d, "Enter"),
          Map.entry(0xff13, "Pause"),
          Map.entry(0xff14, "ScrollLock"),
          Map.entry(0xff1b, "Esc"),
          Map.entry(0xff50, "Home"),
          Map.entry(0xff95, "Home"),
          Map.entry(0xff51, "Left"),
          Map.entry(0xff96, "Left"),
          Map.entry(0xff52, "Up"),
          Map.entry(0xff97, "Up"),
          Map.entry(0xff53, "Right"),
          Map.entry(0xff98, "Right"),
          Map.entry(0xff54, "Down"),
          Map.entry(0xff99, "Down"),
          Map.entry(0xff55, "PageUp"),
          Map.entry(0xff9a, "PageUp"),
          Map.entry(0xff56, "PageDown"),
          Map.entry(0xff9b, "PageDown"),
          Map.entry(0xff57, "End"),
          Map.entry(0xff9c, "End"),
          Map.entry(0xff9d, "Begin"),
          Map.entry(0xff61, "PrintScreen"),
          Map.entry(0xff63, "Insert"),
          Map.entry(0xff9e, "Insert"),
          Map.entry(0xff67, "Menu"),
          Map.entry(0xff7f, "NumLock"),
          Map.entry(0xffe5, "CapsLock"),
          Map.entry(0xffff, "Delete"),
          Map.entry(0xff9f, "Delete"));

  private static final Map<Integer, Character> KEYPAD =
      Map.ofEntries(
          Map.entry(0xff80, ' '),
          Map.entry(0xffaa, '*'),
          Map.entry(0xffab, '+'),
          Map.entry(0xffac, ','),
          Map.entry(0xffad, '-'),
          Map.entry(0xffae, '.'),
          Map.entry(0xffaf, '/'),
          Map.entry(0xffbd, '='));

  private Keysyms() {}

  /** The modifier {@code keysym} is, or {@code null}. */
  static Modifier modifier(int keysym) {
    return MODIFIERS.get(keysym);
  }

  /** Whether {@code keysym} only selects characters and is never shown (AltGr). */
  static boolean silent(int keysym) {
    return keysym == ISO_LEVEL3_SHIFT || keysym == MODE_SWITCH;
  }

  /** The code point {@code keysym} types, or -1 when it types none. */
  static int codePoint(int keysym) {
    if ((keysym >= 0x20 && keysym <= 0x7e) || (keysym >= 0xa0 && keysym <= 0xff)) {
      return keysym; // Latin-1 keysyms are their code points
    }
    if (keysym >= 0x01000100 && keysym <= 0x0110ffff) {
      return keysym - 0x01000000; // Unicode keysyms
    }
    if (keysym >= 0xffb0 && keysym <= 0xffb9) {
      return '0' + keysym - 0xffb0; // KP_0..KP_9
    }
    Character keypad = KEYPAD.get(keysym);
    return keypad == null ? -1 : keypad;
  }

  /** The name of a key that types nothing: {@code Enter}, {@code F5}, {@code 0x1008ff13}. */
  static String name(int keysym) {
    if (keysym >= 0xffbe && keysym <= 0xffd5) {
      return "F" + (keysym - 0xffbe + 1);
    }
    String named = NAMED.get(keysym);
    return named != null ? named : "0x" + Integer.toHexString(keysym);
  }
}
