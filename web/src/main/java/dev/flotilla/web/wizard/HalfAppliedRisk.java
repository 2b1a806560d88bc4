package dev.flotilla.web.wizard;

import dev.flotilla.sql.Dialect;
import dev.flotilla.tenant.Tenancy;
import dev.flotilla.tenant.Tenant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where a failed migration can leave a tenant half-applied: the database products, among these tenants', whose DDL is
 * not transactional (a statement before the failing one stays). The wizard's confirmation warns of it for those only,
 * not for a fleet of PostgreSQL or SQLite tenants, where a failed migration is rolled back whole. Read from the URLs
 * the tenants are registered with; no password is read, no tenant is connected to.
 */
public final class HalfAppliedRisk {
    private HalfAppliedRisk() {
    }

    /** The products ("MariaDB", "MySQL", "H2") of these tenants whose DDL is not transactional, each once; empty for none. */
    public static List<String> productsOf(Tenancy tenancy, Collection<Tenant> tenants) {
        Set<String> products = new LinkedHashSet<>();
        for (Tenant tenant : tenants) {
            String url = tenancy.urlOf(tenant.url());
            if (url != null && !Dialect.forUrl(url).transactionalDdl()) {
                products.add(productName(url));
            }
        }
        return List.copyOf(products);
    }

    private static String productName(String jdbcUrl) {
        String product = jdbcUrl.substring(5, Math.max(5, jdbcUrl.indexOf(':', 5))).toLowerCase(Locale.ROOT);
        return switch (product) {
            case "mariadb" -> "MariaDB";
            case "mysql" -> "MySQL";
            case "h2" -> "H2";
            default -> product;
        };
    }
}
