package dev.flotilla.web.wizard;

import dev.flotilla.tenant.TenantId;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the wizard has chosen so far in one session: the migration files (by version) and the tenants.
 * Kept on the server so thousands of tenants never travel in a URL. Thread-safe.
 */
public final class WizardDraft {
    private List<String> versions = List.of();
    private List<String> files = List.of();
    private final Set<TenantId> tenants = new LinkedHashSet<>();
    private String dryRunJob;
    /** The deployment this choice started, until a new wizard starts: the choice is done with then. */
    private String deployed;

    public synchronized List<String> versions() {
        return versions;
    }

    /**
     * The chosen files as the administrator chose them, by file name (the later steps name them so); the versions when
     * the draft was chosen by version alone.
     */
    public synchronized List<String> files() {
        return files.isEmpty() ? versions : files;
    }

    public synchronized void choose(List<String> versions) {
        choose(versions, List.of());
    }

    /** Chooses {@code versions}, whose files are named {@code files}. */
    public synchronized void choose(List<String> versions, List<String> files) {
        this.versions = List.copyOf(versions);
        this.files = List.copyOf(files);
        this.dryRunJob = null;
        this.deployed = null;
    }

    public synchronized Set<TenantId> tenants() {
        return Set.copyOf(tenants);
    }

    public synchronized List<TenantId> tenantsInOrder() {
        return List.copyOf(tenants);
    }

    public synchronized boolean isSelected(TenantId id) {
        return tenants.contains(id);
    }

    public synchronized int selectedCount() {
        return tenants.size();
    }

    public synchronized void select(Collection<TenantId> ids, boolean selected) {
        if (selected) {
            tenants.addAll(ids);
        } else {
            tenants.removeAll(ids);
        }
        dryRunJob = null;
    }

    /** Drops from the selection the tenants no longer registered (removed meanwhile); true when it dropped any. */
    public synchronized boolean keepOnly(Set<TenantId> registered) {
        boolean dropped = tenants.retainAll(registered);
        if (dropped) {
            dryRunJob = null;
        }
        return dropped;
    }

    public synchronized void clearTenants() {
        tenants.clear();
        dryRunJob = null;
    }

    public synchronized String dryRunJob() {
        return dryRunJob;
    }

    /** The test of this choice: the deploy after it applies what it ran, out-of-order migrations too if it ran them. */
    public synchronized void dryRunJob(String job) {
        this.dryRunJob = job;
    }

    /**
     * Uses the test {@code job} for a deploy, at once with checking it is still the draft's: a test is good for one
     * deploy, and of two requests racing with it (a double-click) only the first gets it. False when it is not there.
     */
    public synchronized boolean takeTest(String job) {
        if (job == null || !job.equals(dryRunJob)) {
            return false;
        }
        dryRunJob = null;
        return true;
    }

    /** Records that this choice started {@code deployment}: the next wizard starts clean ({@link #startOverIfDeployed}). */
    public synchronized void deployed(String deployment) {
        this.deployed = deployment;
    }

    /**
     * Forgets the choice when it started a deployment, so that a new wizard starts clean rather than with the last
     * files ticked (clicking one unticked it, and "Confirm and continue" refused); returns that deployment, else null.
     * Not at the deploy itself: a second click on "Yes, deploy" is still told its test was used, not to choose files.
     */
    public synchronized String startOverIfDeployed() {
        String finished = deployed;
        if (finished != null) {
            versions = List.of();
            files = List.of();
            tenants.clear();
            dryRunJob = null;
            deployed = null;
        }
        return finished;
    }
}
