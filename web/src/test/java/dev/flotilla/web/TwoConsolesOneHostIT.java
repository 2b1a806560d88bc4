package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two consoles on one host, on different ports, in one browser: cookies ignore ports, so with one cookie name signing
 * in to one console signed the browser out of the other (a walk of seed 000 found it). The browser here is an HTTP
 * client keeping cookies as a browser does, by host and path only.
 */
class TwoConsolesOneHostIT {
    @TempDir
    Path first;
    @TempDir
    Path second;
    DemoConsole staging;
    DemoConsole production;
    final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();

    @BeforeEach
    void start() {
        staging = new DemoConsole(first);
        production = new DemoConsole(second);
    }

    @AfterEach
    void stop() throws InterruptedException {
        staging.close();
        production.close();
    }

    @Test
    void signing_in_to_one_console_keeps_the_browser_signed_in_to_the_other() throws Exception {
        assertThat(signIn(staging, "admin", DemoConsole.ADMIN_PASSWORD).statusCode()).isEqualTo(303);
        assertThat(signIn(production, "victor", DemoConsole.VIEWER_PASSWORD).statusCode()).isEqualTo(303);

        HttpResponse<String> stagingHome = get(staging, "/");
        HttpResponse<String> productionHome = get(production, "/");

        assertThat(stagingHome.statusCode()).as("still signed in to staging").isEqualTo(200);
        assertThat(stagingHome.body()).contains("admin <small>platform_super_admin</small>");
        assertThat(productionHome.statusCode()).isEqualTo(200);
        assertThat(productionHome.body()).contains("victor <small>viewer</small>");
        assertThat(stateChange(staging).statusCode()).as("staging's CSRF token goes with its own session").isEqualTo(303);
    }

    @Test
    void a_login_form_opened_on_each_console_is_accepted_by_each() throws Exception {
        String stagingToken = csrf(get(staging, "/login").body());
        String productionToken = csrf(get(production, "/login").body());

        assertThat(postLogin(staging, stagingToken, "admin", DemoConsole.ADMIN_PASSWORD).statusCode())
                .as("the form opened second, on the other console, did not replace this one's token").isEqualTo(303);
        assertThat(postLogin(production, productionToken, "victor", DemoConsole.VIEWER_PASSWORD).statusCode()).isEqualTo(303);
    }

    private HttpResponse<String> signIn(DemoConsole console, String user, String password) throws Exception {
        return postLogin(console, csrf(get(console, "/login").body()), user, password);
    }

    private HttpResponse<String> postLogin(DemoConsole console, String csrf, String user, String password) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(console.url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&user=" + user + "&password=" + password)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Ticks a file in the wizard, a form posted with the CSRF token of the page it came from. */
    private HttpResponse<String> stateChange(DemoConsole console) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(console.url("/wizard/files")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf(get(console, "/").body()) + "&version=3")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(DemoConsole console, String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(console.url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"").matcher(page);
        assertThat(csrf.find()).as(page).isTrue();
        return csrf.group(1);
    }
}
