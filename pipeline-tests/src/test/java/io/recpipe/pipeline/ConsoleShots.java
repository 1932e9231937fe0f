package io.recpipe.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Screenshots of both consoles from a real run, for the README: the encoder's with its failed
 * session listed and that session's timeline open, the uploader's with a finished session's
 * timeline. Written to {@code target/console/} and, with {@code -Dscreenshot.dir=DIR} (e.g. the
 * repository's docs/), copied there as {@code console.png} and {@code console-uploader.png}.
 * Skipped (with a line on stderr) where Chromium is not installed.
 */
final class ConsoleShots {

  private static final Path TARGET = Path.of("target", "console");

  private ConsoleShots() {}

  static void take(Management encoder, Management uploader, String failed, List<String> done)
      throws IOException {
    if (!ConsoleBrowser.available()) {
      System.err.println("No console screenshots: Chromium missing at " + ConsoleBrowser.CHROMIUM);
      return;
    }
    try (ConsoleBrowser browser = ConsoleBrowser.start()) {
      browser.open(encoder);
      assertThat(browser.failedSessions()).containsExactly(failed);
      assertThat(browser.tile("FAILED")).isEqualTo("1");
      assertThat(browser.tile("DONE")).isEqualTo(Integer.toString(done.size()));
      assertThat(browser.timeline(failed, "FAILED")).contains("RETRY_WAIT");
      save(browser, "console.png");

      browser.open(uploader);
      assertThat(browser.tile("DONE")).isEqualTo(Integer.toString(done.size()));
      browser.timeline(done.get(0), "DONE");
      save(browser, "console-uploader.png");
    }
  }

  private static void save(ConsoleBrowser browser, String name) throws IOException {
    Path shot = TARGET.resolve(name);
    browser.screenshot(shot);
    String dir = System.getProperty("screenshot.dir", "");
    if (!dir.isBlank()) {
      Path copy = Files.createDirectories(Path.of(dir)).resolve(name);
      Files.copy(shot, copy, StandardCopyOption.REPLACE_EXISTING);
      System.err.println("Console screenshot written to " + copy.toAbsolutePath());
    }
  }
}
