package io.recpipe.simulator.sessions;

import io.recpipe.simulator.SimulatorProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells the simulator about sessions and shows what it knows; not part of the contract. */
@RestController
@RequestMapping("/sessions")
class SessionAdminController {

  private final SessionRegistry registry;
  private final StorageMode defaultStorageMode;

  SessionAdminController(SessionRegistry registry, SimulatorProperties properties) {
    this.registry = registry;
    this.defaultStorageMode = properties.defaultStorageMode();
  }

  record AddSession(
      String sessionId, String sessionStatus, String storageMode, String recordingStatus) {}

  @PostMapping
  ResponseEntity<?> add(@RequestBody AddSession request) {
    if (!SafeIds.isSafe(request.sessionId())) {
      return badRequest("sessionId must match [A-Za-z0-9_-]{1,128}");
    }
    Optional<SessionStatus> status =
        request.sessionStatus() == null
            ? Optional.of(SessionStatus.CLOSED)
            : SessionStatus.fromWire(request.sessionStatus());
    if (status.isEmpty()) {
      return badRequest("sessionStatus must be Active, Closed or Terminated");
    }
    Optional<StorageMode> storage =
        request.storageMode() == null
            ? Optional.of(defaultStorageMode)
            : StorageMode.fromWire(request.storageMode());
    if (storage.isEmpty()) {
      return badRequest("storageMode must be AWS, Azure or File");
    }
    boolean created =
        registry.put(
            request.sessionId(), status.get(), request.recordingStatus(), storage.get(), "api");
    SessionView view = registry.find(request.sessionId()).orElseThrow();
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(view);
  }

  @GetMapping
  List<SessionView> all() {
    return registry.all();
  }

  @GetMapping("/{sessionId}")
  ResponseEntity<?> one(@PathVariable("sessionId") String sessionId) {
    return registry
        .find(sessionId)
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(
            () ->
                ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("error", "unknown session")));
  }

  @DeleteMapping
  ResponseEntity<Void> clear() {
    registry.clear();
    return ResponseEntity.noContent().build();
  }

  private static ResponseEntity<Map<String, String>> badRequest(String message) {
    return ResponseEntity.badRequest().body(Map.of("error", message));
  }
}
