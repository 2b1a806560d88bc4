package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.UserStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The API tokens page in headless Chromium: choosing how long a token works, and a revoked token staying listed. */
class TokensBrowserIT extends ConsoleInBrowser {
    @Test
    void a_token_expires_in_90_days_unless_another_time_or_never_is_chosen_and_never_is_marked_in_the_list() {
        signIn("olivia", DemoConsole.OPERATOR_PASSWORD);
        browser.get(demo.url("/tokens"));
        Select expires = new Select(browser.findElement(By.id("token-expires")));
        assertThat(expires.getFirstSelectedOption().getText()).as("the default").isEqualTo("Expires in 90 days");
        assertThat(expires.getOptions()).extracting(WebElement::getText)
                .containsExactly("Expires in 7 days", "Expires in 30 days", "Expires in 90 days", "Expires in 1 year",
                        "Never expires (revoke it yourself)");

        Instant before = Instant.now();
        create("nightly", null);
        create("release-bot", "Never expires (revoke it yourself)");

        var tokens = demo.accounts.store().tokens("olivia");
        assertThat(tokens).extracting(UserStore.Token::label).containsExactly("nightly", "release-bot");
        assertThat(tokens.get(0).expiresAt()).isAfterOrEqualTo(before.plus(Duration.ofDays(90)).minusSeconds(1))
                .isBefore(Instant.now().plus(Duration.ofDays(90)).plusSeconds(1));
        assertThat(tokens.get(1).expiresAt()).isNull();
        assertThat(cell(tokens.get(0), 3).getText()).as("its expiry, UTC").endsWith(" UTC");
        WebElement never = cell(tokens.get(1), 3).findElement(By.tagName("strong"));
        assertThat(never.getText()).isEqualTo("never");
        assertThat(never.getAttribute("class")).isEqualTo("warn");
        assertNoContentSecurityPolicyErrors();
    }

    @Test
    void a_revoked_token_stays_listed_marked_revoked_without_its_button() {
        signIn("olivia", DemoConsole.OPERATOR_PASSWORD);
        browser.get(demo.url("/tokens"));
        create("old-ci", null);
        UserStore.Token token = demo.accounts.store().tokens("olivia").get(0);

        cell(token, 5).findElement(By.tagName("button")).click();

        wait.until(ExpectedConditions.textMatches(By.id("token-" + token.id()), java.util.regex.Pattern.compile("revoked")));
        assertThat(cell(token, 5).getText()).startsWith("revoked 20").endsWith(" UTC");
        assertThat(cell(token, 5).findElements(By.tagName("button"))).isEmpty();
        assertThat(demo.accounts.store().tokens("olivia")).singleElement().satisfies(t -> assertThat(t.revoked()).isTrue());
    }

    /** Creates a token from the form, with {@code expiry} chosen (null: as the form comes), and waits for its value. */
    private void create(String label, String expiry) {
        browser.findElement(By.name("label")).sendKeys(label);
        if (expiry != null) {
            new Select(browser.findElement(By.id("token-expires"))).selectByVisibleText(expiry);
        }
        // The value a token made before shows until the page that answers this one replaces it.
        List<WebElement> shownBefore = browser.findElements(By.id("new-token"));
        browser.findElement(By.id("create-token")).click();
        shownBefore.forEach(shown -> wait.until(ExpectedConditions.stalenessOf(shown)));
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-token"))).getText()).startsWith("flt_");
    }

    private WebElement cell(UserStore.Token token, int column) {
        return browser.findElement(By.cssSelector("#token-" + token.id() + " td:nth-child(" + column + ")"));
    }
}
