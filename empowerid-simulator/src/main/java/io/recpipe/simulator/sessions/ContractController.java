package io.recpipe.simulator.sessions;

import io.recpipe.simulator.SimulatorProperties;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The two calls of the contract: polling in batches and the recording status update. */
@RestController
class ContractController {

  private final SessionRegistry registry;
  private final SimulatorProperties.Words words;

  ContractController(SessionRegistry registry, SimulatorProperties properties) {
    this.registry = registry;
    this.words = properties.words();
  }

  record PollingRequest(List<String> sessionIds) {}

  record PolledSession(
      String sessionId,
      SessionStatus sessionStatus,
      String recordingStatus,
      StorageMode storageMode) {}

  record PollingResponse(List<PolledSession> sessions) {}

  record StatusRequest(String recordingStatus, String processInstance, String detail) {}

  @PostMapping("${simulator.paths.polling}")
  ResponseEntity<?> poll(@RequestBody PollingRequest request) {
    if (request.sessionIds() == null) {
      return badRequest("sessionIds is required");
    }
    List<PolledSession> sessions =
        registry.known(request.sessionIds()).stream()
            .map(
                s ->
                    new PolledSession(
                        s.sessionId(), s.sessionStatus(), s.recordingStatus(), s.storageMode()))
            .toList();
    return ResponseEntity.ok(new PollingResponse(sessions));
  }

  @PutMapping("${simulator.paths.recording-status}")
  ResponseEntity<?> setStatus(
      @PathVariable("sessionId") String sessionId, @RequestBody StatusRequest request) {
    if (isBlank(request.recordingStatus()) || isBlank(request.processInstance())) {
      return badRequest("recordingStatus and processInstance are required");
    }
    if (!words.all().contains(request.recordingStatus())) {
      return badRequest("unknown recordingStatus, expected one of " + words.all());
    }
    if (!SafeIds.isSafe(sessionId)) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "unknown session"));
    }
    UpdateOutcome outcome =
        registry.update(
            sessionId, request.recordingStatus(), request.processInstance(), request.detail());
    if (outcome instanceof UpdateOutcome.Conflict) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .body(Map.of("error", "session owned by another process instance"));
    }
    if (outcome instanceof UpdateOutcome.Unknown) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "unknown session"));
    }
    return ResponseEntity.noContent().build();
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static ResponseEntity<Map<String, String>> badRequest(String message) {
    return ResponseEntity.badRequest().body(Map.of("error", message));
  }
}
