package io.recpipe.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.recpipe.common.job.JdbcJobStore;
import io.recpipe.common.job.JobState;
import io.recpipe.common.job.WaitReason;
import io.recpipe.common.session.SessionId;
import io.recpipe.encoder.support.EmpowerIdStub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in a real headless Chromium (Debian's chromium and chromium-driver): the page loads
 * with real jobs in the encoder's store behind it, a click requeues a failed one (checked on the
 * page and in the store), a session's timeline shows and its MP4 plays from the local disk. Skipped
 * only where {@code /usr/bin/chromium} is missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  /** Debian's chromium-driver; elsewhere (a GitHub runner) the one CHROMEWEBDRIVER names. */
  static final Path CHROMEDRIVER =
      Files.isExecutable(Path.of("/usr/bin/chromedriver"))
              || System.getenv("CHROMEWEBDRIVER") == null
          ? Path.of("/usr/bin/chromedriver")
          : Path.of(System.getenv("CHROMEWEBDRIVER"), "chromedriver");

  static final Path ROOT = EncoderTestSetup.tempRoot("encoder-console-");
  static final EmpowerIdStub EMPOWERID = new EmpowerIdStub();
  static final Path VIDEO =
      Path.of(
          System.getProperty("recpipe.recordings", "../testdata/recordings"),
          "reference",
          "vnc-5-idle-1024x768.guacenc-x264.mp4");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    EncoderTestSetup.register(registry, ROOT, EMPOWERID.baseUrl());
    registry.add("recpipe.admin.token-file", () -> ManagementHttp.tokenFile(ROOT).toString());
    registry.add("recpipe.admin.other-console-url", () -> "http://127.0.0.1:9082/console/");
  }

  @AfterAll
  static void stop() {
    EMPOWERID.close();
  }

  @LocalManagementPort int port;
  @Autowired JdbcJobStore jobs;
  private WebDriver browser;

  private void startBrowser() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed: " + CHROMIUM);
    var options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1400",
        "--user-data-dir=" + Files.createTempDirectory("chromium-profile-"));
    var service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  private SessionId job(String name, JobState state, String error) {
    SessionId id = SessionId.of(name);
    Instant now = Instant.now();
    jobs.enqueue(id, null, now);
    if (state == JobState.QUEUED) {
      return id;
    }
    while (jobs.find(id).orElseThrow().state() != JobState.RUNNING) {
      jobs.claim("encoder-a", 0, 100, Duration.ofMinutes(1), now);
    }
    switch (state) {
      case FAILED -> jobs.failPermanently(id, "encoder-a", error, null, Instant.now());
      case DONE -> jobs.complete(id, "encoder-a", null, Instant.now());
      case WAITING ->
          jobs.putBack(
              id, "encoder-a", WaitReason.DISK_FULL, error, Instant.now().plusSeconds(600), now);
      default -> throw new IllegalArgumentException(state.name());
    }
    return id;
  }

  /** Waits; an element re-rendered while being read (the page refreshes itself) is read again. */
  private org.openqa.selenium.support.ui.FluentWait<WebDriver> waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(20))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  private List<String> failedRows() {
    return browser.findElements(By.cssSelector("#failed tbody tr[data-session]")).stream()
        .map(row -> row.getAttribute("data-session"))
        .toList();
  }

  @Test
  void showsTheBacklogRequeuesAFailedSessionAndPlaysAVideo() throws Exception {
    startBrowser();
    SessionId broken = job("console-broken-1", JobState.FAILED, "Not a recording: byte 12");
    SessionId poison = job("console-poison-2", JobState.FAILED, "The service stopped 3 times");
    SessionId done = job("console-done-3", JobState.DONE, null);
    job("console-waiting-4", JobState.WAITING, "Disk full");
    job("console-queued-5", JobState.QUEUED, null); // last: a claim above would take it
    Path output = ROOT.resolve("output").resolve(done.value() + ".mp4");
    Files.copy(VIDEO, output, StandardCopyOption.REPLACE_EXISTING);

    browser.get("http://admin:" + ManagementHttp.TOKEN + "@127.0.0.1:" + port + "/console/");
    waiting().until(b -> b.findElement(By.tagName("body")).getAttribute("data-loaded") != null);

    assertThat(browser.findElement(By.id("service")).getText()).isEqualTo("encoder");
    assertThat(tile("FAILED")).isEqualTo("2");
    assertThat(tile("QUEUED")).isEqualTo("1");
    assertThat(browser.findElement(By.id("waiting")).getText()).contains("DISK_FULL 1");
    assertThat(browser.findElement(By.id("oldest")).getText()).contains("console-waiting-4");
    assertThat(browser.findElements(By.cssSelector("#chart rect.failed"))).isNotEmpty();
    assertThat(browser.findElement(By.id("other")).getAttribute("href"))
        .isEqualTo("http://127.0.0.1:9082/console/");
    assertThat(failedRows()).containsExactlyInAnyOrder(broken.value(), poison.value());
    assertThat(browser.findElement(By.id("failed")).getText()).contains("Not a recording: byte 12");

    browser
        .findElement(By.cssSelector("#failed tr[data-session='" + broken + "'] button.requeue"))
        .click();
    waiting().until(b -> !failedRows().contains(broken.value()) && tile("FAILED").equals("1"));

    assertThat(jobs.find(broken).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    assertThat(jobs.find(poison).orElseThrow().state()).isEqualTo(JobState.FAILED);
    assertThat(browser.findElement(By.id("message")).getText()).contains(broken + " requeued");
    assertThat(tile("FAILED")).isEqualTo("1");
    assertThat(tile("QUEUED")).isEqualTo("2");

    WebElement lookup = browser.findElement(By.id("session"));
    lookup.clear();
    lookup.sendKeys(done.value());
    browser.findElement(By.cssSelector("#lookup button")).click();
    waiting().until(b -> b.findElement(By.id("timeline")).getText().contains("DONE"));
    assertThat(browser.findElement(By.id("timeline")).getText()).contains("encoder-a");
    waiting()
        .until(
            b ->
                ((Number)
                            ((JavascriptExecutor) b)
                                .executeScript(
                                    "return document.getElementById('player').readyState"))
                        .intValue()
                    >= 1);
    Object seconds =
        ((JavascriptExecutor) browser)
            .executeScript("return document.getElementById('player').duration");
    assertThat(((Number) seconds).doubleValue()).isGreaterThan(3);
    // Seeking asks the server for a range further in.
    ((JavascriptExecutor) browser)
        .executeScript("document.getElementById('player').currentTime = 3");
    waiting()
        .until(
            b ->
                Boolean.TRUE.equals(
                    ((JavascriptExecutor) b)
                        .executeScript(
                            "const p = document.getElementById('player');"
                                + " return p.currentTime >= 3 && !p.seeking && p.readyState >= 2")));

    Path shot = Path.of("target", "console.png");
    Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void theVideoIsServedInRangesSoABrowserCanSeek() throws Exception {
    SessionId id = SessionId.of("console-range");
    Files.copy(
        VIDEO,
        ROOT.resolve("output").resolve(id.value() + ".mp4"),
        StandardCopyOption.REPLACE_EXISTING);
    HttpResponse<byte[]> part =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/admin/jobs/" + id + "/video"))
                    .header("Authorization", "Bearer " + ManagementHttp.TOKEN)
                    .header("Range", "bytes=100-199")
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.headers().firstValue("Content-Range"))
        .hasValue("bytes 100-199/" + Files.size(VIDEO));
    assertThat(part.body()).hasSize(100);
    byte[] whole = Files.readAllBytes(VIDEO);
    assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(whole, 100, 200));
  }

  private String tile(String state) {
    return browser.findElement(By.cssSelector(".tile[data-state='" + state + "'] b")).getText();
  }
}
