package dev.flotilla.run;

import dev.flotilla.FlotillaException;
import dev.flotilla.plan.Problem;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A deploy, resume or retry refused before it recorded anything, as the plan of its tenants found applied files edited
 * or gone (or files out of order): one finding per file and kind ({@link FleetValidation}), with how many tenants they
 * block. Its code is the first finding's.
 */
public final class FilesRefusal extends FlotillaException {
    private final transient List<Problem> findings;
    private final int blocked;

    FilesRefusal(List<Problem> findings, int blocked) {
        super(findings.get(0).code(), findings.stream().map(Problem::message).collect(Collectors.joining(" ")));
        this.findings = List.copyOf(findings);
        this.blocked = blocked;
    }

    /** One per file and kind, each naming its tenants and what to do. */
    public List<Problem> findings() {
        return findings;
    }

    /** How many of the planned tenants the files are wrong on. */
    public int blocked() {
        return blocked;
    }
}
