package io.recpipe.simulator.sessions;

import java.util.regex.Pattern;

/** The session ids the simulator accepts: the same safe alphabet as the services. */
public final class SafeIds {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

  private SafeIds() {}

  public static boolean isSafe(String id) {
    return id != null && SAFE.matcher(id).matches();
  }
}
