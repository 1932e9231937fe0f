package io.recpipe.encoder.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recpipe.common.job.Claim;
import io.recpipe.common.job.Job;
import io.recpipe.common.job.JobProgress;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.WorkResult;
import io.recpipe.common.session.SessionId;
import io.recpipe.converter.FfmpegTools;
import io.recpipe.converter.render.NativeConverter;
import io.recpipe.converter.render.NativeSettings;
import io.recpipe.converter.sidecar.SidecarConverter;
import io.recpipe.converter.sidecar.SidecarSettings;
import io.recpipe.encoder.recording.Quarantine;
import io.recpipe.encoder.recording.RecordingDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * The sidecars a job publishes beside its MP4, with the real native converter and ffmpeg, watched
 * in the output directory as the uploader would see them appear (inotify, through the JDK's
 * WatchService: a rename into the directory is a create).
 */
class RecordingProcessorSidecarsTest {

  private static final SessionId ID = SessionId.of("s-1");

  @TempDir Path root;

  private Path output;

  private RecordingProcessor processor(SidecarSettings sidecars) throws Exception {
    Path recordings = Files.createDirectories(root.resolve("recordings"));
    output = Files.createDirectories(root.resolve("output"));
    Files.writeString(recordings.resolve("s-1.guac"), recording(), StandardCharsets.UTF_8);
    var converter =
        new NativeConverter(NativeSettings.defaults(), FfmpegTools.onPath(), Clock.systemUTC());
    return new RecordingProcessor(
        new SidecarConverter(converter, sidecars, FfmpegTools.onPath()),
        new RecordingDirectory(recordings),
        new Mp4Output(output, "enc-a"),
        new Quarantine(root.resolve("quarantine")),
        DataSize.ofBytes(0),
        new SimpleMeterRegistry(),
        "enc-a");
  }

  @Test
  void theSidecarsArePublishedBeforeTheMp4() throws Exception {
    RecordingProcessor processor =
        processor(SidecarSettings.none().withKeystrokes(true).withPoster(true));

    List<String> appeared = new ArrayList<>();
    WorkResult result;
    try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
      WatchKey key = output.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
      result = processor.run(claim(), new JobProgress(""));
      WatchKey ready;
      while ((ready = watcher.poll(1, TimeUnit.SECONDS)) != null) {
        for (WatchEvent<?> event : ready.pollEvents()) {
          String name = event.context().toString();
          if (!name.startsWith(".")) {
            appeared.add(name);
          }
        }
        ready.reset();
      }
      key.cancel();
    }

    assertThat(result).isInstanceOf(WorkResult.Done.class);
    assertThat(appeared).containsExactly("s-1.vtt", "s-1.jpg", "s-1.mp4");
    assertThat(names()).containsExactlyInAnyOrder("s-1.vtt", "s-1.jpg", "s-1.mp4");
    assertThat(Files.readString(output.resolve("s-1.vtt"))).contains("ls&lt;Enter&gt;");
  }

  @Test
  void withTheSettingsOffThereAreNoSidecars() throws Exception {
    RecordingProcessor processor = processor(SidecarSettings.none());

    WorkResult result = processor.run(claim(), new JobProgress(""));

    assertThat(result).isInstanceOf(WorkResult.Done.class);
    assertThat(names()).containsExactly("s-1.mp4");
  }

  @Test
  void aReclaimedJobLosesTheDeadOwnersPartialSidecars() throws Exception {
    RecordingProcessor processor = processor(SidecarSettings.none());
    Path theirs = new Mp4Output(output, "enc-b").tempFile(ID);
    String stem = theirs.getFileName().toString().replace(".part", "");
    Files.writeString(theirs, "mp4");
    Files.writeString(theirs.resolveSibling(stem + "-vtt.part"), "WEBVTT");
    Files.writeString(theirs.resolveSibling(stem + "-jpg.part"), "jpg");

    processor.prepare(new Claim(job(), JobState.RUNNING));

    assertThat(names()).isEmpty();
  }

  private static Claim claim() {
    return new Claim(job(), JobState.QUEUED);
  }

  private static Job job() {
    return new Job(
        ID,
        JobState.RUNNING,
        1,
        null,
        null,
        "enc-a",
        null,
        null,
        null,
        0,
        Instant.EPOCH,
        Instant.EPOCH,
        null,
        0,
        null,
        null);
  }

  private List<String> names() throws Exception {
    try (Stream<Path> files = Files.list(output)) {
      return files.map(p -> p.getFileName().toString()).toList();
    }
  }

  /** 3.7 s of two colours, with "ls" and Enter typed at 1 s. */
  private static String recording() {
    return i("size", 0, 160, 120)
        + i("rect", 0, 0, 0, 160, 120)
        + i("cfill", 12, 0, 200, 0, 0, 255)
        + i("sync", 1000, 0)
        + i("rect", 0, 0, 0, 160, 120)
        + i("cfill", 12, 0, 0, 200, 0, 255)
        + i("sync", 1040, 0)
        + i("key", 108, 1, 2000)
        + i("key", 108, 0, 2010)
        + i("key", 115, 1, 2100)
        + i("key", 115, 0, 2110)
        + i("key", 0xff0d, 1, 2200)
        + i("key", 0xff0d, 0, 2210)
        + i("sync", 4700, 0);
  }

  private static String i(Object... parts) {
    StringBuilder b = new StringBuilder();
    for (int n = 0; n < parts.length; n++) {
      String s = String.valueOf(parts[n]);
      b.append(s.length()).append('.').append(s).append(n == parts.length - 1 ? ';' : ',');
    }
    return b.toString();
  }
}
