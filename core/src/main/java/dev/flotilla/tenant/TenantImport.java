package dev.flotilla.tenant;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.target.Failures;
import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads tenants from an application's own database (seed 000's core {@code bgerp} database): a query whose
 * first column is the tenant id and optional second column the name. All rows are checked before any is
 * used, so a bad id means nothing is imported.
 */
public final class TenantImport {
    private TenantImport() {
    }

    public static List<Tenant> read(TargetSpec source, String query, List<String> groups) {
        List<Tenant> tenants = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        try (Connection connection = TargetSession.connectToServer(source);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(query)) {
            int columns = rows.getMetaData().getColumnCount();
            int row = 0;
            while (rows.next()) {
                row++;
                String id = rows.getString(1);
                String name = columns >= 2 ? rows.getString(2) : null;
                if (name != null && name.length() > Tenant.NAME_LENGTH) {
                    invalid.add("row " + row + ": '" + id + "' (a name of " + name.length() + " characters)");
                    continue;
                }
                try {
                    tenants.add(new Tenant(TenantId.of(id == null ? null : id.trim()), name, null, null, groups));
                } catch (FlotillaException e) {
                    invalid.add("row " + row + ": '" + id + "'");
                }
            }
        } catch (SQLException e) {
            throw Failures.of(source, "running the import query", e);
        }
        if (!invalid.isEmpty()) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "The import query returned " + invalid.size()
                    + " invalid tenant(s), so nothing was imported: " + String.join(", ", invalid.subList(0,
                    Math.min(20, invalid.size()))) + (invalid.size() > 20 ? ", ..." : "") + ". Ids are 1 to 63 letters,"
                    + " digits, '_' or '-', names at most " + Tenant.NAME_LENGTH + " characters; filter or map them in the query.");
        }
        return tenants;
    }
}
