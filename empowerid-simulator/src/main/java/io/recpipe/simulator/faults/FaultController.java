package io.recpipe.simulator.faults;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Arms, lists and clears faults for rehearsing outages; not part of the contract. */
@RestController
@RequestMapping("/faults")
class FaultController {

  private final FaultInjector injector;

  FaultController(FaultInjector injector) {
    this.injector = injector;
  }

  @PostMapping
  ResponseEntity<?> add(@RequestBody FaultSpec spec) {
    List<String> problems = spec.problems();
    if (!problems.isEmpty()) {
      return ResponseEntity.badRequest().body(Map.of("error", String.join("; ", problems)));
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(injector.add(spec));
  }

  @GetMapping
  List<FaultInjector.ActiveFault> list() {
    return injector.list();
  }

  @DeleteMapping
  ResponseEntity<Void> clear() {
    injector.clear();
    return ResponseEntity.noContent().build();
  }
}
