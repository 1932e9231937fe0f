package io.recpipe.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A service's console in headless Chromium (Debian's chromium and chromium-driver), as an operator
 * opens it: user {@code admin} and the token over HTTP Basic.
 */
final class ConsoleBrowser implements AutoCloseable {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  /** Debian's chromium-driver; elsewhere (a GitHub runner) the one CHROMEWEBDRIVER names. */
  private static final Path CHROMEDRIVER =
      Files.isExecutable(Path.of("/usr/bin/chromedriver"))
              || System.getenv("CHROMEWEBDRIVER") == null
          ? Path.of("/usr/bin/chromedriver")
          : Path.of(System.getenv("CHROMEWEBDRIVER"), "chromedriver");

  private final WebDriver browser;

  private ConsoleBrowser(WebDriver browser) {
    this.browser = browser;
  }

  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  static ConsoleBrowser start() throws IOException {
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
        "--window-size=1280,1000",
        "--user-data-dir=" + Files.createTempDirectory("chromium-profile-"));
    var service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    return new ConsoleBrowser(new ChromeDriver(service, options));
  }

  /** Opens the console of {@code management} and waits until it has loaded its data. */
  void open(Management management) {
    String url =
        management.baseUrl().replace("http://", "http://admin:" + management.token() + "@");
    browser.get(url + "/console/");
    waiting().until(b -> b.findElement(By.tagName("body")).getAttribute("data-loaded") != null);
  }

  /** The sessions listed as failed. */
  List<String> failedSessions() {
    return browser.findElements(By.cssSelector("#failed tbody tr[data-session]")).stream()
        .map(row -> row.getAttribute("data-session"))
        .toList();
  }

  /** The number on a state's tile. */
  String tile(String state) {
    return browser.findElement(By.cssSelector(".tile[data-state='" + state + "'] b")).getText();
  }

  /** Looks a session up; returns the timeline's text once it names {@code expected}. */
  String timeline(String session, String expected) {
    WebElement lookup = browser.findElement(By.id("session"));
    lookup.clear();
    lookup.sendKeys(session);
    browser.findElement(By.cssSelector("#lookup button")).click();
    waiting().until(b -> b.findElement(By.id("timeline")).getText().contains(expected));
    return browser.findElement(By.id("timeline")).getText();
  }

  void screenshot(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  private FluentWait<WebDriver> waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(30))
        .ignoring(StaleElementReferenceException.class);
  }

  @Override
  public void close() {
    browser.quit();
  }
}
