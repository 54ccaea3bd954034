package io.kodama.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's headless Chromium through its chromedriver, with a throw-away profile. */
final class Browser implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final Path home;
  private final ChromeDriver driver;
  private final String base;

  Browser(String base, String language) {
    this.base = base;
    try {
      home = Files.createTempDirectory("kodama-chromium");
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run",
        "--user-data-dir=" + home.resolve("profile"), "--window-size=1440,1000", "--lang=" + language,
        "--force-device-scale-factor=1");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
    logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.SEVERE);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
        .withEnvironment(Map.of("XDG_CONFIG_HOME", home.resolve("config").toString(),
            "XDG_CACHE_HOME", home.resolve("cache").toString(), "HOME", home.toString()))
        .build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1440, 1000));
  }

  /** The page's script errors since the last call. */
  List<String> scriptErrors() {
    return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
        .map(org.openqa.selenium.logging.LogEntry::getMessage).toList();
  }

  WebDriver driver() {
    return driver;
  }

  void open(String path) {
    driver.get(base + path);
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Waits until an element matching the selector is on the page. */
  WebElement await(String css, Duration timeout) {
    try {
      return new WebDriverWait(driver, timeout).until(d -> {
        var found = d.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0);
      });
    } catch (org.openqa.selenium.TimeoutException e) {
      screenshot("failed-wait");
      throw new AssertionError("Nothing matched " + css + " within " + timeout + " on " + driver.getCurrentUrl()
          + "; script errors " + scriptErrors() + "; the page (target/screenshots/failed-wait.png) reads:\n"
          + find("body").getText(), e);
    }
  }

  /**
   * Waits until an element matching the selector shows {@code expected}. Pages that refresh
   * themselves (the demo phone while a verification is pending) replace their elements, so the
   * texts are read in the page in one script call: no element reference can go stale between
   * finding it and reading it (Chrome reports that as a stale element or as "Node with given id
   * does not belong to the document").
   */
  void awaitText(String css, String expected, Duration timeout) {
    try {
      new WebDriverWait(driver, timeout).until(d -> texts(css).stream().anyMatch(t -> t.contains(expected)));
    } catch (org.openqa.selenium.TimeoutException e) {
      screenshot("failed-wait");
      throw new AssertionError("'" + expected + "' never showed in " + css + " within " + timeout + " on "
          + driver.getCurrentUrl() + "; it reads: " + texts(css), e);
    }
  }

  @SuppressWarnings("unchecked")
  private List<String> texts(String css) {
    return (List<String>) driver.executeScript(
        "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.innerText)", css);
  }

  /**
   * Clicks something that loads another page (a form post and its redirect) and waits until that page
   * has loaded. The old page is marked first and the wait looks for a document without the mark;
   * Chrome's errors while the page changes ("Node with given id does not belong to the document",
   * script errors during the navigation) only mean "not yet".
   */
  void clickToNewPage(String css, Duration timeout) {
    driver.executeScript("window.kodamaOldPage = true");
    find(css).click();
    new WebDriverWait(driver, timeout).ignoring(org.openqa.selenium.WebDriverException.class)
        .until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
            "return window.kodamaOldPage === undefined && document.readyState === 'complete'")));
  }

  void signIn(String user, String password) {
    open("/console/login");
    find("#username").sendKeys(user);
    find("#password").sendKeys(password);
    find("#sign-in").click();
  }

  /** Saves a full-page screenshot under target/screenshots. */
  void screenshot(String name) {
    try {
      long height = (Long) driver.executeScript(
          "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
      driver.manage().window().setSize(new Dimension(1440, (int) Math.min(Math.max(height, 900), 2400)));
      Path png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(png, SCREENSHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      driver.manage().window().setSize(new Dimension(1440, 1000));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(home)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder
    }
  }
}
