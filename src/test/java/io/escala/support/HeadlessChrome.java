package io.escala.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium and ChromeDriver from the Debian packages ({@code apt-get install chromium chromium-driver}).
 * Both paths are given to Selenium, so Selenium Manager never runs and nothing is downloaded. Each driver gets a
 * fresh profile in a temporary folder, removed on {@link #close()}.
 */
public final class HeadlessChrome implements AutoCloseable {

  public static final Path BROWSER = Path.of(System.getProperty("escala.test.chromium", "/usr/bin/chromium"));
  public static final Path DRIVER = Path.of(System.getProperty("escala.test.chromedriver", "/usr/bin/chromedriver"));
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  /**
   * The tests use WebDriver only, never the DevTools protocol, so Selenium's warning that it ships no CDP bindings
   * for this Chromium version is noise. Held here because java.util.logging keeps loggers only weakly.
   */
  private static final List<java.util.logging.Logger> QUIETED = Stream.of(
          "org.openqa.selenium.devtools.CdpVersionFinder", "org.openqa.selenium.chromium.ChromiumDriver")
      .map(java.util.logging.Logger::getLogger).toList();

  private final ChromeDriver driver;
  private final Path profile;

  private HeadlessChrome(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** For {@code @EnabledIf}: true when both executables are installed; says on stderr what is missing. */
  public static boolean available() {
    List<String> missing = new ArrayList<>();
    for (Path executable : List.of(BROWSER, DRIVER)) {
      if (!Files.isExecutable(executable)) {
        missing.add(executable.toString());
      }
    }
    if (!missing.isEmpty()) {
      System.err.println("Browser tests skipped: " + String.join(" and ", missing) + " not found."
          + " Install them with: apt-get update && apt-get install -y chromium chromium-driver");
    }
    return missing.isEmpty();
  }

  public static HeadlessChrome start() {
    return start("en-US,en");
  }

  /** A browser whose Accept-Language is {@code acceptLanguages}, e.g. {@code "es"} or {@code "pt-BR,pt"}. */
  public static HeadlessChrome start(String acceptLanguages) {
    QUIETED.forEach(logger -> logger.setLevel(Level.SEVERE));
    Path profile;
    try {
      profile = Files.createTempDirectory("escala-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile, "--window-size=1600,2200", "--lang=" + acceptLanguages.split(",")[0]);
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguages));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort()
        .withTimeout(Duration.ofSeconds(60))
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    return new HeadlessChrome(driver, profile);
  }

  public WebDriver driver() {
    return driver;
  }

  /** Saves what the browser shows now as {@code target/screenshots/<name>}. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Path target = SCREENSHOTS.resolve(name);
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The browser console so far (errors, warnings, failed requests), one line per entry. */
  public List<String> consoleLog() {
    try {
      return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(HeadlessChrome::format).toList();
    } catch (RuntimeException e) {
      return List.of("(browser log not available: " + e.getMessage() + ")");
    }
  }

  private static String format(LogEntry entry) {
    return entry.getLevel() + " " + entry.getMessage();
  }

  /** Closes the browser after a test, first printing what its console said (the first clue when a test fails). */
  public void closeAfterTest() {
    List<String> console = consoleLog();
    if (!console.isEmpty()) {
      System.out.println("Browser console:\n  " + String.join("\n  ", console));
    }
    close();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temp folder left behind is harmless
    }
  }
}
