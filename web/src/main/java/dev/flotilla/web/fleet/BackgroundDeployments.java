package dev.flotilla.web.fleet;

import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.run.DeployResult;
import dev.flotilla.run.FleetListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Starts an engine run (a deployment, its retry or resume, a rollback) on the console's background executor and
 * answers with its deployment id as soon as the engine has created it: a request returns while the run goes on, and a
 * run refused before it records anything is the request's error. Thread-safe.
 */
final class BackgroundDeployments {
    /** How long a request waits for a deployment to be created before answering. */
    private static final long START_WAIT_SECONDS = 60;

    private final ExecutorService background;

    BackgroundDeployments(ExecutorService background) {
        this.background = background;
    }

    /** Runs {@code run} in the background, the listener it is given telling when the deployment is created; its id. */
    String start(Function<FleetListener, DeployResult> run) {
        return start(run, notices -> { });
    }

    /**
     * As above, a rollback's: what its guard says without refusing it ({@link FleetListener#rollbackGuardNoticed}) goes to
     * {@code guardNotices}, before the id is returned.
     */
    String start(Function<FleetListener, DeployResult> run, Consumer<List<String>> guardNotices) {
        CompletableFuture<String> created = new CompletableFuture<>();
        FleetListener listener = new FleetListener() {
            @Override
            public void deploymentStarted(String deployment, int tasks) {
                created.complete(deployment);
            }

            @Override
            public void rollbackGuardNoticed(List<String> notices) {
                guardNotices.accept(notices);
            }
        };
        background.submit(() -> {
            try {
                DeployResult result = run.apply(listener);
                created.complete(result.deployment());
            } catch (RuntimeException e) {
                created.completeExceptionally(e);
            }
        });
        try {
            return created.get(START_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new FlotillaException(ErrorCode.BAD_USAGE, "The deployment did not start within " + START_WAIT_SECONDS
                    + " s; see the deployments list.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting a deployment", e);
        }
    }
}
