package dev.flotilla.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.control.AuditLog;
import dev.flotilla.tenant.TenantId;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard's "unknown" card in headless Chromium: its button reads every tenant whose state is not known, as
 * {@code flotilla plan --all} would (the fleet planner over them, in the background, its page showing it running and
 * then each tenant where it stands), for any signed-in role, as the API's plan is; the card is gone once they are read.
 */
class DashboardReadUnknownBrowserIT extends ConsoleInBrowser {
    @Test
    void a_viewer_reads_the_unknown_tenants_from_the_dashboard_and_the_dashboard_then_counts_them_by_state() {
        // As a registry import leaves them: registered, their state not read since (the demo reads them all as it is made).
        unknown("default");
        unknown("atelier_nord");
        signIn("victor", DemoConsole.VIEWER_PASSWORD);

        assertThat(text("unknown-hint")).contains("read them all now", "flotilla plan --all");
        browser.findElement(By.id("read-unknown")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("fleet-read-done")));

        assertThat(text("fleet-read-summary")).isEqualTo("2 tenant(s) read: 2 pending");
        assertThat(browser.findElements(By.cssSelector("#fleet-read-tenants tr[data-tenant]")).stream()
                .map(row -> row.getAttribute("data-tenant"))).containsExactlyInAnyOrder("default", "atelier_nord");
        assertThat(tenant("default").status()).isEqualTo("pending");
        assertThat(tenant("default").pendingCount()).isEqualTo(2);
        assertThat(demo.fleet.plane().audit().page(new AuditLog.Filter("victor", null, null), 0, 10))
                .extracting(e -> e.action() + " " + e.outcome()).contains("plan.requested ok", "plan ok");
        browser.findElement(By.id("fleet-read-back")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("tenant-total")));
        assertThat(browser.findElements(By.id("read-unknown"))).as("no tenant left unknown").isEmpty();
        assertNoContentSecurityPolicyErrors();
    }

    private void unknown(String tenant) {
        demo.fleet.plane().tenants().updatePlanned(TenantId.of(tenant), "unknown", "1", null, null);
    }
}
