package io.recpipe.common.empowerid;

import io.recpipe.common.session.SessionId;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the polling answer {@code {"sessions":[{sessionId, sessionStatus, recordingStatus,
 * storageMode}]}}. Unknown fields are ignored. A malformed body or a missing {@code sessions},
 * {@code sessionId} or {@code sessionStatus} is a permanent {@link EmpowerIdException} for the
 * batch; a session with an unsafe id or an unknown session-status word is skipped with a WARN.
 * Returned ids are matched to the requested ones ignoring case (GUIDs may come back upper-case or
 * in braces), and the result is keyed by the requested id; a session not asked for is left out.
 */
final class PollingAnswer {

  private static final Logger log = LoggerFactory.getLogger(PollingAnswer.class);

  private final JsonMapper json;
  private final StatusWords statusWords;
  private final SessionWords sessionWords;

  PollingAnswer(JsonMapper json, StatusWords statusWords, SessionWords sessionWords) {
    this.json = json;
    this.statusWords = statusWords;
    this.sessionWords = sessionWords;
  }

  Map<SessionId, SessionInfo> read(byte[] body, Collection<SessionId> requested) {
    var byKey = new HashMap<String, SessionId>();
    requested.forEach(id -> byKey.put(id.value().toLowerCase(Locale.ROOT), id));
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      throw malformed("the body is not JSON");
    }
    JsonNode sessions = root == null ? null : root.get("sessions");
    if (sessions == null || !sessions.isArray()) {
      throw malformed("no sessions array");
    }
    var result = new LinkedHashMap<SessionId, SessionInfo>();
    for (JsonNode entry : sessions) {
      if (!entry.isObject()) {
        throw malformed("a sessions entry is not an object");
      }
      String rawId = requiredText(entry, "sessionId");
      String rawStatus = requiredText(entry, "sessionStatus");
      var parsed = SessionId.parse(rawId);
      if (parsed.isEmpty()) {
        log.warn(
            "EmpowerID returned a session id that is not safe, skipped. sessionId: {}",
            SessionId.describe(rawId));
        continue;
      }
      var id = Optional.ofNullable(byKey.get(parsed.get().value().toLowerCase(Locale.ROOT)));
      if (id.isEmpty()) {
        log.debug("EmpowerID returned a session not asked for, skipped. session: {}", parsed.get());
        continue;
      }
      var status = sessionWords.statusFor(rawStatus);
      if (status.isEmpty()) {
        log.warn(
            "EmpowerID returned an unknown session status, session skipped."
                + " session: {}, sessionStatus: {}",
            id.get(),
            SessionId.describe(rawStatus));
        continue;
      }
      String rawRecording = optionalText(entry, "recordingStatus");
      String rawStorage = optionalText(entry, "storageMode");
      result.put(
          id.get(),
          new SessionInfo(
              id.get(),
              status.get(),
              statusWords.stepFor(rawRecording).orElse(null),
              rawRecording,
              StorageMode.fromWire(rawStorage).orElse(null)));
    }
    return result;
  }

  private static String requiredText(JsonNode entry, String field) {
    JsonNode node = entry.get(field);
    if (node == null || !node.isString()) {
      throw malformed("a session has no " + field);
    }
    return node.asString();
  }

  private static String optionalText(JsonNode entry, String field) {
    JsonNode node = entry.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isString()) {
      throw malformed(field + " is not a string");
    }
    return node.asString();
  }

  private static EmpowerIdException malformed(String what) {
    return new EmpowerIdException(
        "EmpowerID polling answer is malformed, batch not used. problem: " + what, false);
  }
}
