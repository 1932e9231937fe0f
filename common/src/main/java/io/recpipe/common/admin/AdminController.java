package io.recpipe.common.admin;

import io.recpipe.common.admin.AdminViews.Activity;
import io.recpipe.common.admin.AdminViews.Claiming;
import io.recpipe.common.admin.AdminViews.Forgot;
import io.recpipe.common.admin.AdminViews.JobPage;
import io.recpipe.common.admin.AdminViews.RequeueAnswer;
import io.recpipe.common.admin.AdminViews.Summary;
import io.recpipe.common.admin.AdminViews.Timeline;
import io.recpipe.common.job.JdbcJobStore.Forgetting;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.WaitReason;
import io.recpipe.common.session.SessionId;
import java.time.Instant;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The admin API ({@code /admin/**}, JSON) over a service's {@link JobAdmin}. */
@RestController
@RequestMapping("/admin")
class AdminController {

  /** A requeue request: the sessions named, or every failed job. */
  record RequeueRequest(List<String> sessions, Boolean allFailed) {}

  private final JobAdmin admin;

  AdminController(JobAdmin admin) {
    this.admin = admin;
  }

  @GetMapping("/summary")
  Summary summary() {
    return admin.summary();
  }

  @GetMapping("/jobs")
  JobPage jobs(
      @RequestParam(required = false) JobState state,
      @RequestParam(required = false) WaitReason reason,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    return admin.page(state, reason, page, size);
  }

  @GetMapping("/jobs/{session}")
  Timeline timeline(@PathVariable String session) {
    return admin
        .timeline(id(session))
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such session"));
  }

  /**
   * Where the console's player finds a session's video: a URL ({@code source} {@code local} or
   * {@code store}) and, for a link, its expiry; or why there is none ({@code reason}, with 409).
   */
  record VideoLink(String url, Instant expiresAt, String source, String reason) {

    static ResponseEntity<VideoLink> refused(String reason) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .body(new VideoLink(null, null, null, reason));
    }
  }

  /**
   * The session's MP4: from this service's disk (or the file store) in ranges (206), so a browser
   * can seek; a redirect (302) to a short-lived link when it is in S3 or Azure; 409 with the reason
   * when the store cannot make a link; 404 when there is none.
   */
  @GetMapping("/jobs/{session}/video")
  ResponseEntity<?> video(@PathVariable String session) {
    VideoSource source = source(session);
    if (source instanceof VideoSource.LocalFile local) {
      return ResponseEntity.ok()
          .contentType(MediaType.parseMediaType("video/mp4"))
          .body(new FileSystemResource(local.file()));
    }
    if (source instanceof VideoSource.Link link) {
      return ResponseEntity.status(HttpStatus.FOUND)
          .location(link.url())
          .cacheControl(CacheControl.noStore())
          .build();
    }
    return VideoLink.refused(((VideoSource.Unavailable) source).reason());
  }

  /**
   * What the console's player uses as its source: this API's video path for a local file, or the
   * stored object's short-lived link with its expiry.
   */
  @GetMapping("/jobs/{session}/video/link")
  ResponseEntity<VideoLink> videoLink(@PathVariable String session) {
    VideoSource source = source(session);
    if (source instanceof VideoSource.LocalFile) {
      return noStore(
          new VideoLink("/admin/jobs/" + id(session).value() + "/video", null, "local", null));
    }
    if (source instanceof VideoSource.Link link) {
      return noStore(new VideoLink(link.url().toString(), link.expiresAt(), "store", null));
    }
    return VideoLink.refused(((VideoSource.Unavailable) source).reason());
  }

  private static ResponseEntity<VideoLink> noStore(VideoLink link) {
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(link);
  }

  private VideoSource source(String session) {
    return admin
        .video(id(session))
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no video on disk or stored"));
  }

  @PostMapping("/jobs/{session}/requeue")
  ResponseEntity<RequeueAnswer> requeueOne(@PathVariable String session) {
    RequeueAnswer answer = admin.requeue(List.of(id(session).value()));
    return ResponseEntity.status(answer.requeued() == 1 ? HttpStatus.OK : HttpStatus.CONFLICT)
        .body(answer);
  }

  @PostMapping("/jobs/requeue")
  RequeueAnswer requeue(@RequestBody RequeueRequest request) {
    if (Boolean.TRUE.equals(request.allFailed())) {
      return admin.requeueAllFailed();
    }
    if (request.sessions() == null || request.sessions().isEmpty()) {
      throw new ResponseStatusException(
          HttpStatus.BAD_REQUEST, "name sessions, or set allFailed to true");
    }
    return admin.requeue(request.sessions());
  }

  @DeleteMapping("/jobs/{session}")
  ResponseEntity<Forgot> forget(@PathVariable String session) {
    Forgot forgot = admin.forget(id(session));
    HttpStatus status =
        switch (Forgetting.valueOf(forgot.result())) {
          case FORGOTTEN -> HttpStatus.OK;
          case NO_JOB -> HttpStatus.NOT_FOUND;
          case RUNNING, CHANGED -> HttpStatus.CONFLICT;
        };
    return ResponseEntity.status(status).body(forgot);
  }

  @GetMapping("/claiming")
  Claiming claiming() {
    return admin.claiming();
  }

  @PostMapping("/claiming/pause")
  Claiming pause() {
    return admin.pause();
  }

  @PostMapping("/claiming/resume")
  Claiming resume() {
    return admin.resume();
  }

  @GetMapping("/activity")
  Activity activity(@RequestParam(defaultValue = "24") int hours) {
    return admin.activity(hours);
  }

  private static SessionId id(String raw) {
    return SessionId.parse(raw)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a session id"));
  }
}
