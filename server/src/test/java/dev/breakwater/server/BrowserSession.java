package dev.breakwater.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium, driven through Debian's chromedriver, pointed at one {@link TestingServer}; for the
 * {@code *BrowserIT} suites. Both binaries are named explicitly so Selenium never tries to download a browser or a
 * driver (CI machines are offline), and a missing one fails the test instead of skipping it. Waits poll the page:
 * the machine may be slow, so every wait is generous and none is a fixed sleep. Not thread-safe; close it to quit
 * the browser.
 */
final class BrowserSession implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** How long a page may take to answer, render or redirect. */
    static final Duration PAGE = Duration.ofSeconds(30);
    /** How long something may take to reach a page that refreshes itself (ingest → pipeline → store → htmx). */
    static final Duration LIVE = Duration.ofSeconds(60);
    /** The first admin's password in every browser suite (ui.admin-password). */
    static final String ADMIN_PASSWORD = "browser-test-password-1";

    private static final Path SCREENSHOTS = Path.of(System.getProperty("user.dir"), "target", "screenshots");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    final ChromeDriver driver;
    private final TestingServer server;
    private final String baseUrl;

    private BrowserSession(ChromeDriver driver, TestingServer server) {
        this.driver = driver;
        this.server = server;
        this.baseUrl = server.baseUrl();
    }

    /**
     * Starts a real Breakwater on {@code data} with the settings (plus the test admin password) and a browser for its
     * pages; {@link #close()} stops both. Fails when Chromium or chromedriver is not installed.
     */
    static BrowserSession start(Path data, Map<String, String> settings) throws IOException {
        Map<String, String> all = new HashMap<>(settings);
        all.put("ui.admin-password", ADMIN_PASSWORD);
        TestingServer server = TestingServer.start(data, all);
        try {
            return open(server);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    TestingServer server() {
        return server;
    }

    private static BrowserSession open(TestingServer server) {
        for (Path binary : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(binary)) {
                throw new AssertionError(binary + " is missing: the browser tests need Debian's Chromium and its "
                        + "driver, install them with `apt-get install chromium chromium-driver` (.ci/run does)");
            }
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,900");
        // the console shows what the Content-Security-Policy refused and any script error
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        return new BrowserSession(new ChromeDriver(service, options), server);
    }

    /** Loads a page of the server, {@code path} starting with a slash. */
    void get(String path) {
        driver.get(baseUrl + path);
    }

    /** Signs in through the form and waits until the browser has left the sign-in page. */
    void signIn(String username, String password) {
        submitSignIn(username, password);
        waitUntil(PAGE, d -> !path().startsWith("/signin"));
    }

    /** Fills and submits the sign-in form, from wherever the browser is. */
    void submitSignIn(String username, String password) {
        if (!path().startsWith("/signin")) {
            get("/signin");
        }
        WebElement user = find(By.id("username"));
        user.clear();
        user.sendKeys(username);
        WebElement secret = find(By.id("password"));
        secret.clear();
        secret.sendKeys(password);
        // not stalenessOf(submit): mid-navigation Chrome may answer "node does not belong to the document" instead
        // of reporting the button stale, and that error ended the wait
        script("window.__breakwaterTestOldPage = true");
        click(By.cssSelector("form button[type=submit]"));
        awaitNewPage();
    }

    /** The current page's path (and query), without the server's address. */
    String path() {
        String url = driver.getCurrentUrl();
        return url != null && url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : String.valueOf(url);
    }

    WebElement find(By by) {
        return waitUntil(PAGE, ExpectedConditions.presenceOfElementLocated(by));
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /**
     * Clicks and waits for the page the click leads to (a link, or a form posting to a redirect). A mark on the
     * current page's window tells a new page from the same page whose live part htmx just swapped.
     */
    void clickAndLoad(By by) {
        script("window.__breakwaterTestOldPage = true");
        click(by);
        awaitNewPage();
    }

    /** Waits until the page that set {@code window.__breakwaterTestOldPage} has been replaced by a loaded one. */
    private void awaitNewPage() {
        waitUntil(PAGE, d -> {
            try {
                return Boolean.TRUE.equals(script(
                        "return document.readyState === 'complete' && window.__breakwaterTestOldPage === undefined"));
            } catch (WebDriverException navigating) {
                return false;
            }
        });
    }

    /** Clicks once the element is there and clickable, again if htmx replaced it in between. */
    void click(By by) {
        waitUntil(PAGE, d -> {
            try {
                WebElement element = d.findElement(by);
                if (!element.isDisplayed() || !element.isEnabled()) {
                    return false;
                }
                element.click();
                return true;
            } catch (NoSuchElementException | StaleElementReferenceException | ElementClickInterceptedException e) {
                return false;
            }
        });
    }

    /** Waits until the text of the element {@code by} finds satisfies {@code condition}, and returns that text. */
    String waitForText(Duration timeout, By by, Predicate<String> condition) {
        return waitUntil(timeout, d -> {
            try {
                List<WebElement> found = d.findElements(by);
                String text = found.isEmpty() ? null : found.getFirst().getText();
                return text != null && condition.test(text) ? text : null;
            } catch (StaleElementReferenceException swapped) {
                return null;
            }
        });
    }

    <T> T waitUntil(Duration timeout, Function<WebDriver, T> condition) {
        // live parts are swapped in by htmx every second: an element found may be gone by the time it is read
        return new WebDriverWait(driver, timeout, Duration.ofMillis(250))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** Waits for a row of {@code table#issues} whose text contains {@code text}; returns its issue id. */
    String waitForIssueRow(Duration timeout, String text) {
        return waitUntil(timeout, d -> d.findElements(By.cssSelector("table#issues tr[data-issue-id]")).stream()
                .filter(row -> row.getText().contains(text))
                .map(row -> row.getAttribute("data-issue-id"))
                .findFirst()
                .orElse(null));
    }

    /** Waits until htmx has swapped in {@code count} more live refreshes of this page. */
    void awaitLiveRefreshes(int count) {
        script("if (window.__breakwaterTestSwaps === undefined) {"
                + " window.__breakwaterTestSwaps = 0;"
                + " document.body.addEventListener('htmx:afterSwap', function () { window.__breakwaterTestSwaps++; });"
                + " }");
        long start = (Long) script("return window.__breakwaterTestSwaps");
        waitUntil(LIVE, d -> (Long) script("return window.__breakwaterTestSwaps") >= start + count);
    }

    /** Scrolls the element to the top of the window, for a screenshot of it. */
    void scrollTo(By by) {
        script("arguments[0].scrollIntoView({block: 'start'})", find(by));
    }

    Object script(String javaScript, Object... arguments) {
        return driver.executeScript(javaScript, arguments);
    }

    /** Whether the page defined {@code window.<name>}: an injected script ran if it did. */
    boolean windowHas(String name) {
        return !"undefined".equals(script("return typeof window[arguments[0]]", name));
    }

    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Console errors since the last call, except those {@code ignored} matches (e.g. a favicon 404). */
    List<String> consoleErrors(Pattern ignored) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !ignored.matcher(m).find())
                .toList();
    }

    /** Forgets the console so far (e.g. the 401 a wrong password is answered with). */
    void clearConsole() {
        driver.manage().logs().get(LogType.BROWSER);
    }

    /**
     * Saves the viewport as {@code target/screenshots/<name>.png} (for people to look at) and checks that it is a
     * real PNG of the window's size.
     */
    Path screenshot(String name) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Path file = SCREENSHOTS.resolve(name + ".png");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(file, png);
            byte[] written = Files.readAllBytes(file);
            assertThat(written).as(file + " is a PNG").startsWith(PNG_SIGNATURE);
            var image = ImageIO.read(new ByteArrayInputStream(written));
            assertThat(image).as(file + " decodes").isNotNull();
            assertThat(image.getWidth()).as(file + " width").isPositive();
            assertThat(image.getHeight()).as(file + " height").isPositive();
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the screenshot " + file, e);
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            server.close();
        }
    }
}
