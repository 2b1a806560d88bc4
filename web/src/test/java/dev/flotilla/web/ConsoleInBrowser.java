package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.TenantRecord;
import dev.flotilla.tenant.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A console on the demo fleet, started for each test of a subclass and clicked through in headless Chromium (Debian's
 * chromium and chromium-driver); a test tagged "held" gets tenants that wait to be let go (see {@link #gate()}). The
 * wizard's steps, as the tests take them, are here.
 */
abstract class ConsoleInBrowser {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** One browser for a class (starting Chromium cost seconds a test); each test starts with no cookies and no log. */
    static ChromeDriver browser;
    static WebDriverWait wait;

    @TempDir
    Path folder;
    DemoConsole demo;

    @BeforeAll
    static void startBrowser() {
        assertThat(CHROMIUM).as("Debian's chromium is needed: apt-get install -y chromium chromium-driver (bin/services does)").exists();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver is needed: apt-get install -y chromium-driver").exists();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100");
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL")); // read by consoleErrors()
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void start(TestInfo test) {
        browser.executeCdpCommand("Network.clearBrowserCookies", Map.of()); // every console is on 127.0.0.1
        consoleErrors(); // what the last test's pages logged
        demo = newDemo(test);
    }

    /** The console a test clicks through: the demo fleet's (a subclass may give its own). */
    DemoConsole newDemo(TestInfo test) {
        return test.getTags().contains("held") ? new DemoConsole(folder.resolve("held"), DemoConsole.heldTenants(gate()))
                : new DemoConsole(folder);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (demo != null) {
            demo.close();
        }
    }

    /** Wizard steps 1 and 2: the serial-system file (V2) chosen, on to the tenants. */
    void openTenantStep() {
        browser.get(demo.url("/wizard/files"));
        browser.findElement(By.id("file-2")).click();
        browser.findElement(By.id("files-next")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenant-choices")));
    }

    /** Ticks these tenants one after the other, each counted before the next. */
    void select(String... tenants) {
        for (int i = 0; i < tenants.length; i++) {
            browser.findElement(By.id("tenant-" + tenants[i])).click();
            wait.until(ExpectedConditions.textToBe(By.id("selected-count"), Integer.toString(i + 1)));
        }
    }

    /** Wizard step 3: the test (a dry run) of the chosen tenants, run to its end. */
    void runTest() {
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run-test"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("test-done")));
    }

    /**
     * Wizard steps 1 to 3 as the admin: V2 tested on maison_atelier, where it fails (V2's serial_quarantine is there
     * already), and on default, where it passes.
     */
    void testedWithAtelierFailing() throws Exception {
        onTenant("maison_atelier", "CREATE TABLE serial_quarantine (id INTEGER)");
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        openTenantStep();
        select("maison_atelier", "default");
        browser.findElement(By.id("tenants-next")).click();
        runTest();
    }

    /** Wizard step 4: "Deploy" after the test, answered by the confirmation; the dialog. */
    WebElement askToDeploy() {
        browser.findElement(By.id("deploy")).click();
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
    }

    /** Wizard steps 1 to 4 as the admin: V2 chosen for default, tested there, its deploy asked; the dialog. */
    WebElement askToDeployToDefault() {
        return askToDeployTo("default");
    }

    /** Wizard steps 1 to 4 as the admin: V2 chosen for these tenants, tested there, its deploy asked; the dialog. */
    WebElement askToDeployTo(String... tenants) {
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        openTenantStep();
        select(tenants);
        browser.findElement(By.id("tenants-next")).click();
        runTest();
        return askToDeploy();
    }

    /** Starts a deployment through the API as {@code user}, with a token of theirs; the answer. */
    HttpResponse<String> deployThroughApi(String user, String body) throws IOException, InterruptedException {
        String token = demo.accounts.createToken(user, "ci");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(demo.url("/api/v1/deployments")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Where a "held" test's tenants wait to be let go (see {@link DemoConsole#heldTenants}). */
    Path gate() {
        try {
            return Files.createDirectories(folder.resolve("gate"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Set<String> startedTenants() {
        try {
            return DemoConsole.started(gate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs SQL on a demo tenant's own database, as someone changing it by hand would. */
    void onTenant(String tenant, String sql) throws Exception {
        var target = demo.fleet.targets(List.of(tenant(tenant).tenant())).get(0).target();
        try (var session = dev.flotilla.target.TargetSession.open(target, false)) {
            dev.flotilla.sql.Jdbc.execute(session.connection(), sql);
        }
    }

    /** The pages broke no rule of the Content Security Policy: the browser's console names none. */
    void assertNoContentSecurityPolicyErrors() {
        assertThat(consoleErrors()).as("the browser's console").noneMatch(line -> line.contains("Content Security Policy"));
    }

    private List<String> consoleErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    void signIn(String user, String password) {
        browser.get(demo.url("/"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        try {
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("whoami")));
        } catch (RuntimeException e) {
            throw new AssertionError("not signed in; the page says: " + browser.getCurrentUrl() + "\n" + browser.getPageSource(), e);
        }
    }

    String sessionCookie() {
        String name = "flotilla_session_" + demo.console.port();
        return name + "=" + browser.manage().getCookieNamed(name).getValue();
    }

    HttpResponse<String> post(String path, String form, String cookie) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(demo.url(path)))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The element's text, found again when the server's events swap it out between finding and reading it. */
    String text(String id) {
        return wait.ignoring(StaleElementReferenceException.class).until(page -> page.findElement(By.id(id)).getText().trim());
    }

    TenantRecord tenant(String id) {
        return demo.fleet.plane().tenants().find(TenantId.of(id)).orElseThrow();
    }
}
