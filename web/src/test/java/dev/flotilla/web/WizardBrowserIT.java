package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.DeploymentRecord;
import dev.flotilla.control.TenantRecord;
import dev.flotilla.tenant.TenantId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Clicks through the migration wizard in headless Chromium (Debian's chromium and chromium-driver) on the demo
 * fleet: sign in, choose a file and tenants, test, deploy, watch progress, see results, roll back; and the refusals
 * (a viewer cannot deploy, a request without the CSRF token is refused). With -Dflotilla.screenshots=DIR it saves
 * the README's screenshots.
 */
class WizardBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** One browser for the class (starting Chromium cost seconds a test); each test starts with no cookies and no log. */
    private static ChromeDriver browser;
    private static WebDriverWait wait;

    @TempDir
    Path folder;
    private DemoConsole demo;

    @BeforeAll
    static void startBrowser() {
        assertThat(CHROMIUM).as("Debian's chromium is needed: apt-get install -y chromium chromium-driver (bin/services does)").exists();
        assertThat(CHROMEDRIVER).as("Debian's chromium-driver is needed: apt-get install -y chromium-driver").exists();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100");
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL")); // read by consoleErrors()
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
    void start(org.junit.jupiter.api.TestInfo test) {
        browser.executeCdpCommand("Network.clearBrowserCookies", java.util.Map.of()); // every console is on 127.0.0.1
        consoleErrors(); // what the last test's pages logged
        demo = test.getTags().contains("held") ? new DemoConsole(folder.resolve("held"), DemoConsole.heldTenants(gate()))
                : new DemoConsole(folder);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    @org.junit.jupiter.api.Tag("held")
    void an_admin_tests_deploys_watches_and_rolls_back_a_migration_through_the_wizard() throws IOException {
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        assertThat(text("tenant-total")).isEqualTo("5");
        screenshot("dashboard");

        browser.get(demo.url("/wizard/files"));
        WebElement serialFile = browser.findElement(By.cssSelector("tr[data-file='V2__serial_system_integration.sql']"));
        assertThat(serialFile.getText()).contains("valid").contains("0 tenant(s)");
        browser.findElement(By.id("file-2")).click();
        screenshot("wizard-1-files");
        browser.findElement(By.id("files-next")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenant-choices")));
        assertThat(text("chosen-files")).isEqualTo("2");
        browser.findElement(By.id("tenant-maison_atelier")).click();
        wait.until(ExpectedConditions.textToBe(By.id("selected-count"), "1"));
        browser.findElement(By.id("tenant-default")).click();
        wait.until(ExpectedConditions.textToBe(By.id("selected-count"), "2"));
        screenshot("wizard-2-tenants");
        browser.findElement(By.id("tenants-next")).click();

        wait.until(ExpectedConditions.elementToBeClickable(By.id("run-test"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("test-done")));
        assertThat(text("test-summary")).isEqualTo("Success on all 2 tenant(s)");
        assertThat(text("test-out-of-order")).isEqualTo("Out of order: no");
        assertThat(browser.findElement(By.id("test-tenants")).getText()).contains("maison_atelier").contains("serial_link_outbox");
        screenshot("wizard-3-test");
        assertThat(tenant("maison_atelier").currentVersion()).as("the test changed nothing").isEqualTo("1");

        browser.findElement(By.id("deploy")).click();
        WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
        assertThat(dialog.getText()).contains("V2__serial_system_integration.sql").contains("maison_atelier, default")
                .contains("Backup before each tenant: yes");
        assertThat(text("confirm-files")).as("both tenants have the earlier file, and the later one is not chosen")
                .doesNotContain("V1__").doesNotContain("V3__");
        screenshot("wizard-4-confirm");
        browser.findElement(By.id("confirm-deploy")).click();

        // Live: the page opens on the running deployment and the server's events replace the progress with the results.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("live")));
        assertThat(text("deployment-status")).isEqualTo("running");
        screenshot("wizard-5-progress");
        Files.createFile(gate().resolve("release"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(browser.findElements(By.id("live"))).as("the event stream is closed").isEmpty();
        assertThat(text("count-succeeded")).isEqualTo("2");
        assertThat(text("count-failed")).isEqualTo("0");
        assertThat(browser.findElements(By.cssSelector("#tasks .task-status")).stream().map(WebElement::getText))
                .containsExactly("succeeded", "succeeded");
        screenshot("wizard-6-results");
        String deployed = browser.getCurrentUrl().replaceAll(".*/deployments/", "");
        assertThat(tenant("maison_atelier").currentVersion()).isEqualTo("2");
        assertThat(tenant("atelier_nord").currentVersion()).as("not chosen").isEqualTo("1");

        browser.findElement(By.id("roll-back")).click();
        WebElement confirmRollback = wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-rollback")));
        assertThat(browser.findElement(By.id("deployment-confirm")).getText()).as("asked first, naming what it undoes where")
                .contains(deployed).contains("maison_atelier").contains("default").contains("backed up first");
        assertThat(demo.fleet.plane().deployments().rollbackOf(deployed)).as("nothing rolled back yet").isEmpty();
        confirmRollback.click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains(deployed)));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(text("count-succeeded")).isEqualTo("2");
        DeploymentRecord rollback = demo.fleet.plane().deployments().newest(1).get(0);
        assertThat(rollback.rollback()).isTrue();
        assertThat(rollback.rollsBack()).isEqualTo(deployed);
        assertThat(tenant("maison_atelier").currentVersion()).isEqualTo("1");
        assertThat(tenant("default").currentVersion()).isEqualTo("1");

        browser.get(demo.url("/audit?actor=admin"));
        assertThat(browser.findElement(By.id("audit")).getText()).contains("deploy.requested").contains("rollback.requested")
                .contains("127.0.0.1");
        screenshot("audit-log");
    }

    @Test
    @org.junit.jupiter.api.Tag("held")
    void an_admin_stops_a_running_deployment_from_its_page_once_confirmed_and_resumes_it_there() throws Exception {
        String token = demo.accounts.createToken("admin", "ci");
        HttpResponse<String> started = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(demo.url("/api/v1/deployments")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"versions\": [\"3\"], \"all\": true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String id = ConsoleOverHttp.json(started).path("deployment").asText();
        wait.until(page -> !startedTenants().isEmpty());
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        browser.get(demo.url("/deployments/" + id));
        assertThat(text("deployment-status")).isEqualTo("running");

        // The progress, the button with it, is swapped in again as the server's events arrive.
        wait.ignoring(StaleElementReferenceException.class).until(page -> {
            page.findElement(By.id("stop")).click();
            return true;
        });
        WebElement confirmStop = wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-stop")));
        assertThat(browser.findElement(By.id("deployment-confirm")).getText()).as("asked first, naming what is left out")
                .contains(id).contains("4 tenant(s) not started yet").contains("in flight finish");
        assertThat(demo.fleet.plane().deployments().require(id).stopRequest()).as("nothing asked yet").isNull();
        confirmStop.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stop-requested")));
        assertThat(text("stop-requested")).startsWith("Stop requested by admin at ").endsWith("those in flight finish.");
        assertThat(browser.findElements(By.id("stop"))).as("asked once").isEmpty();
        wait.until(page -> !demo.fleet.plane().audit().ofDeployment(id, List.of("deploy.stopping")).isEmpty());
        Files.createFile(gate().resolve("release"));

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(text("deployment-status")).isEqualTo("stopped");
        assertThat(text("count-succeeded")).isEqualTo("1");
        assertThat(text("count-skipped")).isEqualTo("4");
        browser.findElement(By.id("resume")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm-resume"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(text("deployment-status")).isEqualTo("succeeded");
        assertThat(text("count-succeeded")).isEqualTo("5");
        assertThat(consoleErrors()).as("the browser's console").noneMatch(line -> line.contains("Content Security Policy"));
    }

    /** Where a "held" test's tenants wait to be let go (see {@link DemoConsole#heldTenants}). */
    private Path gate() {
        try {
            return Files.createDirectories(folder.resolve("gate"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private java.util.Set<String> startedTenants() {
        try {
            return DemoConsole.started(gate());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void a_test_run_out_of_order_says_so_and_the_confirmation_deploys_as_that_test_ran() {
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        browser.get(demo.url("/wizard/files"));
        browser.findElement(By.id("file-2")).click();
        browser.findElement(By.id("files-next")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenant-choices")));
        browser.findElement(By.id("tenant-default")).click();
        wait.until(ExpectedConditions.textToBe(By.id("selected-count"), "1"));
        browser.findElement(By.id("tenants-next")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("out-of-order"))).click();
        browser.findElement(By.id("run-test")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("test-done")));
        browser.findElement(By.id("deploy")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));

        assertThat(text("test-out-of-order")).startsWith("Out of order: yes, pending migrations older than");
        assertThat(text("confirm-dialog")).contains("out of order: pending migrations older than a tenant's newest applied one"
                + " are applied too, as the test (dry run ");
        assertThat(consoleErrors()).as("the browser's console").noneMatch(line -> line.contains("Content Security Policy"));
    }

    @Test
    void the_confirmation_leaves_out_a_tenant_whose_test_failed_and_its_override_needs_the_box_ticked() throws Exception {
        onTenant("maison_atelier", "CREATE TABLE serial_quarantine (id INTEGER)");
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        browser.get(demo.url("/wizard/files"));
        browser.findElement(By.id("file-2")).click();
        browser.findElement(By.id("files-next")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenant-choices")));
        browser.findElement(By.id("tenant-maison_atelier")).click();
        wait.until(ExpectedConditions.textToBe(By.id("selected-count"), "1"));
        browser.findElement(By.id("tenant-default")).click();
        wait.until(ExpectedConditions.textToBe(By.id("selected-count"), "2"));
        browser.findElement(By.id("tenants-next")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run-test"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("test-done")));
        browser.findElement(By.id("deploy")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));

        assertThat(text("confirm-left-out")).contains("maison_atelier").contains("serial_quarantine");
        assertThat(text("confirm-deploy")).isEqualTo("Deploy to the 1 tenant(s) whose test passed");
        browser.findElement(By.cssSelector("#override-failed-test summary")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("override-box")));
        screenshot("wizard-4-confirm-failed-test");
        browser.findElement(By.id("confirm-deploy-override")).click();
        assertThat(browser.findElement(By.id("override-box")).getAttribute("validationMessage")).as("the box must be ticked")
                .isNotEmpty();
        assertThat(demo.fleet.plane().deployments().newest(10)).as("only the demo's setup").hasSize(1);
        browser.findElement(By.id("confirm-deploy")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(browser.findElements(By.cssSelector("#tasks .task-status")).stream().map(WebElement::getText))
                .containsExactly("succeeded");
        assertThat(tenant("default").currentVersion()).isEqualTo("2");
        assertThat(tenant("maison_atelier").currentVersion()).as("left out").isEqualTo("1");
        assertThat(consoleErrors()).as("the browser's console").noneMatch(line -> line.contains("Content Security Policy"));
    }

    @Test
    void the_confirmation_takes_lock_and_statement_timeouts_as_the_cli_does_and_refuses_one_it_cannot_read() throws Exception {
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        browser.get(demo.url("/wizard/files"));
        browser.findElement(By.id("file-2")).click();
        browser.findElement(By.id("files-next")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenant-choices")));
        browser.findElement(By.id("tenant-default")).click();
        wait.until(ExpectedConditions.textToBe(By.id("selected-count"), "1"));
        browser.findElement(By.id("tenants-next")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run-test"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("test-done")));
        browser.findElement(By.id("deploy")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));
        WebElement lockTimeout = browser.findElement(By.id("lock-timeout"));
        Duration configured = demo.fleet.template().lockTimeout();
        assertThat(lockTimeout.getAttribute("placeholder")).as("the configured one, kept when left empty")
                .isEqualTo(configured == null ? "not set" : dev.flotilla.Durations.said(configured));

        // The form as the page sends it, with a timeout the command line would refuse too: refused, nothing deployed.
        String csrf = browser.findElement(By.name("_csrf")).getAttribute("value");
        HttpResponse<String> unreadable = post("/wizard/deploy", "_csrf=" + csrf + "&lockTimeout=5+minutes", sessionCookie());
        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(unreadable.body()).contains("Lock timeout: '5 minutes' is not a duration", "500ms, 5s, 10m or 1h");
        assertThat(demo.fleet.plane().deployments().newest(10)).as("only the demo's setup").hasSize(1);

        lockTimeout.sendKeys("2s");
        browser.findElement(By.id("statement-timeout")).sendKeys("1h");
        browser.findElement(By.id("confirm-deploy")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("results")));
        assertThat(text("count-succeeded")).isEqualTo("1");
        assertThat(demo.fleet.plane().audit().page(new dev.flotilla.control.AuditLog.Filter("admin", "deploy.requested", null),
                0, 10)).singleElement().satisfies(entry -> assertThat(entry.details()).contains("lock timeout 2s; statement timeout 1h"));
        assertThat(consoleErrors()).as("the browser's console").noneMatch(line -> line.contains("Content Security Policy"));
    }

    @Test
    void an_operator_checks_a_tenant_for_drift_from_its_page_and_sees_the_result_arrive() throws Exception {
        onTenant("default", "CREATE INDEX added_by_hand ON staff (email)");
        signIn("olivia", DemoConsole.OPERATOR_PASSWORD);
        browser.get(demo.url("/tenants/default"));
        browser.findElement(By.id("drift-tenant")).click();

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drift-done")));
        assertThat(text("drift-counts")).startsWith("1 tenant(s): 1 drifted");
        assertThat(browser.findElement(By.id("drift-tenants")).getText()).contains("default").contains("added index added_by_hand");
        browser.get(demo.url("/tenants/default"));
        browser.findElement(By.id("verify-tenant")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("verify-done")));
        assertThat(text("verify-summary")).isEqualTo("All 1 tenant(s) passed");
        assertThat(consoleErrors()).as("the browser's console").noneMatch(line -> line.contains("Content Security Policy"));
    }

    /** Runs SQL on a demo tenant's own database, as someone changing it by hand would. */
    private void onTenant(String tenant, String sql) throws Exception {
        var target = demo.fleet.targets(List.of(tenant(tenant).tenant())).get(0).target();
        try (var session = dev.flotilla.target.TargetSession.open(target, false)) {
            dev.flotilla.sql.Jdbc.execute(session.connection(), sql);
        }
    }

    @Test
    void a_viewer_sees_no_deploy_button_and_is_refused_by_the_server_and_the_api() throws Exception {
        signIn("victor", DemoConsole.VIEWER_PASSWORD);
        browser.get(demo.url("/wizard/files"));
        browser.findElement(By.id("file-2")).click();
        browser.findElement(By.id("files-next")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenant-choices")));
        browser.findElement(By.id("select-all")).click();
        wait.until(ExpectedConditions.textToBe(By.id("selected-count"), "5"));
        browser.findElement(By.id("tenants-next")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("test-tenant-count")));
        assertThat(browser.findElements(By.id("run-test"))).isEmpty();
        assertThat(browser.findElements(By.id("deploy"))).isEmpty();

        // The server refuses even a well-formed request with the viewer's own session and CSRF token.
        String csrf = browser.findElement(By.name("_csrf")).getAttribute("value");
        HttpResponse<String> forged = post("/wizard/deploy", "_csrf=" + csrf, sessionCookie());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("may not deploy");

        String token = demo.accounts.createToken("victor", "ci");
        HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(demo.url("/api/v1/deployments")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"versions\": [\"2\"], \"all\": true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(demo.fleet.plane().deployments().newest(10)).as("only the demo's setup").hasSize(1);
        assertThat(demo.fleet.plane().audit().page(new dev.flotilla.control.AuditLog.Filter("victor", "denied", null), 0, 10))
                .hasSize(2);
    }

    @Test
    void a_forged_request_without_the_csrf_token_is_refused() throws Exception {
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        // The browser's own session cookie, as a forging site would make the browser send it (SameSite aside).
        HttpResponse<String> forged = post("/tokens", "label=forged", sessionCookie());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(demo.accounts.store().tokens("admin")).isEmpty();

        // The same request from the page itself carries the token and works.
        browser.get(demo.url("/tokens"));
        browser.findElement(By.name("label")).sendKeys("ci-pipeline");
        browser.findElement(By.id("create-token")).click();
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-token"))).getText()).startsWith("flt_");
        assertThat(demo.accounts.store().tokens("admin")).extracting(t -> t.label()).containsExactly("ci-pipeline");
    }

    @Test
    void the_wizard_steps_break_no_rule_of_the_content_security_policy() {
        signIn("admin", DemoConsole.ADMIN_PASSWORD);
        browser.get(demo.url("/wizard/files"));
        browser.findElement(By.id("file-2")).click();
        browser.findElement(By.id("files-next")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenant-choices")));
        browser.findElement(By.id("search")).sendKeys("atelier");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("select-all"), "Select all 3 matching"));
        browser.findElement(By.id("select-all")).click();
        wait.until(ExpectedConditions.textToBe(By.id("selected-count"), "3"));
        browser.findElement(By.id("tenant-atelier_sud")).click();
        wait.until(ExpectedConditions.textToBe(By.id("selected-count"), "2"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("group"))).selectByValue("pilot");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("select-all"), "Select all 0 matching"));
        browser.findElement(By.id("tenants-next")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("run-test"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("test-done")));
        browser.findElement(By.id("deploy")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-dialog")));

        assertThat(consoleErrors()).as("the browser's console").noneMatch(line -> line.contains("Content Security Policy"));
    }

    private List<String> consoleErrors() {
        return browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    private void signIn(String user, String password) {
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

    private String sessionCookie() {
        return "flotilla_session=" + browser.manage().getCookieNamed("flotilla_session").getValue();
    }

    private HttpResponse<String> post(String path, String form, String cookie) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(demo.url(path)))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The element's text, found again when the server's events swap it out between finding and reading it. */
    private String text(String id) {
        return wait.ignoring(StaleElementReferenceException.class).until(page -> page.findElement(By.id(id)).getText().trim());
    }

    private TenantRecord tenant(String id) {
        return demo.fleet.plane().tenants().find(TenantId.of(id)).orElseThrow();
    }

    private void screenshot(String name) throws IOException {
        String folder = System.getProperty("flotilla.screenshots");
        if (folder != null) {
            // A relative folder is the repository's, where the README runs the build (the tests themselves run in web/).
            Path target = Path.of("").toAbsolutePath().getParent().resolve(folder).resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        }
    }

}
