package io.recpipe.uploader.upload;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last permanent failure of each store (bad credentials, missing bucket), seen by uploads and
 * shown by the store's health indicator until an upload or an access check succeeds.
 */
public class StoreStatus {

  private final Map<String, String> problems = new ConcurrentHashMap<>();

  public void permanentFailure(String store, String message) {
    problems.put(store, message);
  }

  public void ok(String store) {
    problems.remove(store);
  }

  public Optional<String> problem(String store) {
    return Optional.ofNullable(problems.get(store));
  }
}
