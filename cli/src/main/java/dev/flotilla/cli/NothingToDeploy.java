package dev.flotilla.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a deploy says when every selected tenant is up to date: no deployment is recorded. */
final class NothingToDeploy {
    private NothingToDeploy() {
    }

    static int finish(Output output, String command, int tenants, long millis) {
        output.line("Nothing to deploy: all " + tenants + " selected tenant(s) are up to date (checked in " + millis + " ms).");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("deployment", null);
        data.put("total", 0);
        data.put("succeeded", 0);
        data.put("failed", 0);
        data.put("skipped", 0);
        data.put("wallMs", millis);
        data.put("tenants", List.of());
        data.put("upToDate", tenants);
        return output.finish(command, data, List.of());
    }
}
