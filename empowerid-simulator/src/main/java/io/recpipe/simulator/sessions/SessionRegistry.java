package io.recpipe.simulator.sessions;

import io.recpipe.simulator.SimulatorProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The simulator's sessions, in memory. Ownership follows the contract: the instance that sets a
 * non-final word owns the session until it sets a final word, after which anyone may take the next
 * step. Like EmpowerID's watchdog, the simulator releases an owner that has not reported (no
 * update, no heartbeat) for the owner time-out: another instance's update is then accepted and
 * makes it the owner.
 */
@Component
public class SessionRegistry {

  private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);

  private final Map<String, Entry> sessions = new LinkedHashMap<>();
  private final Clock clock;
  private final SimulatorProperties.Words words;
  private final Duration ownerTimeout;

  public SessionRegistry(Clock clock, SimulatorProperties properties) {
    this.clock = clock;
    this.words = properties.words();
    this.ownerTimeout = properties.ownerTimeout();
  }

  /**
   * Adds a session, or changes the state and storage mode of a known one (its history and owner
   * stay).
   *
   * @param recordingStatus {@code null} for the usual: nothing while active, else the recorded word
   * @return whether the session is new
   */
  public synchronized boolean put(
      String id,
      SessionStatus status,
      String recordingStatus,
      StorageMode storageMode,
      String source) {
    requireSafe(id);
    String word =
        recordingStatus != null
            ? recordingStatus
            : status == SessionStatus.ACTIVE ? null : words.recorded();
    Entry known = sessions.get(id);
    if (known != null) {
      known.status = status;
      known.recordingStatus = word;
      known.storageMode = storageMode;
      log.info("Session changed. session: {}, status: {}, recording: {}", id, status, word);
      return false;
    }
    sessions.put(id, new Entry(id, status, word, storageMode, source, Instant.now(clock)));
    log.info("Session added. session: {}, status: {}, source: {}", id, status, source);
    return true;
  }

  public synchronized boolean contains(String id) {
    return sessions.containsKey(id);
  }

  public synchronized Optional<SessionView> find(String id) {
    return Optional.ofNullable(sessions.get(id)).map(Entry::view);
  }

  public synchronized List<SessionView> all() {
    return sessions.values().stream().map(Entry::view).toList();
  }

  /** The known sessions among {@code ids}, in the order asked, each once. */
  public synchronized List<SessionView> known(Collection<String> ids) {
    Set<String> unique = new LinkedHashSet<>(ids);
    return unique.stream().map(sessions::get).filter(e -> e != null).map(Entry::view).toList();
  }

  /**
   * Applies a recording status update, unless the session is unknown or owned by another instance
   * that reported within the owner time-out. Every accepted update, a heartbeat repeating the
   * current word included, refreshes the session's {@code lastReported}.
   */
  public synchronized UpdateOutcome update(
      String id, String word, String processInstance, String detail) {
    Entry entry = sessions.get(id);
    if (entry == null) {
      return new UpdateOutcome.Unknown();
    }
    Instant now = Instant.now(clock);
    if (entry.owner != null && !entry.owner.equals(processInstance)) {
      Instant released = entry.lastReported.plus(ownerTimeout);
      if (released.isAfter(now)) {
        log.info(
            "Update refused, session owned by another instance. session: {}, owner: {}, caller:"
                + " {}, word: {}, owner released at: {}",
            id,
            entry.owner,
            processInstance,
            word,
            released);
        return new UpdateOutcome.Conflict(entry.owner);
      }
      log.info(
          "Owner taken over after going quiet. session: {}, old owner: {}, new owner: {},"
              + " quiet seconds: {}",
          id,
          entry.owner,
          processInstance,
          Duration.between(entry.lastReported, now).toSeconds());
    }
    entry.recordingStatus = word;
    entry.owner = words.finalWords().contains(word) ? null : processInstance;
    entry.lastReported = now;
    entry.history.add(new StatusChange(word, processInstance, detail, now));
    log.info(
        "Recording status set. session: {}, word: {}, instance: {}", id, word, processInstance);
    return new UpdateOutcome.Updated(entry.view());
  }

  public synchronized void clear() {
    sessions.clear();
    log.info("All sessions forgotten.");
  }

  private static void requireSafe(String id) {
    if (!SafeIds.isSafe(id)) {
      throw new IllegalArgumentException("Not a safe session id: " + id);
    }
  }

  private static final class Entry {
    private final String id;
    private final String source;
    private final Instant createdAt;
    private final List<StatusChange> history = new ArrayList<>();
    private SessionStatus status;
    private String recordingStatus;
    private StorageMode storageMode;
    private String owner;
    private Instant lastReported;

    private Entry(
        String id,
        SessionStatus status,
        String recordingStatus,
        StorageMode storageMode,
        String source,
        Instant createdAt) {
      this.id = id;
      this.status = status;
      this.recordingStatus = recordingStatus;
      this.storageMode = storageMode;
      this.source = source;
      this.createdAt = createdAt;
    }

    private SessionView view() {
      return new SessionView(
          id,
          status,
          recordingStatus,
          storageMode,
          owner,
          lastReported,
          source,
          createdAt,
          List.copyOf(history));
    }
  }
}
