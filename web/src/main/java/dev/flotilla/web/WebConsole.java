package dev.flotilla.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.flotilla.ErrorCode;
import dev.flotilla.FlotillaException;
import dev.flotilla.plan.Advice;
import dev.flotilla.web.auth.Accounts;
import dev.flotilla.web.auth.LoginThrottle;
import dev.flotilla.web.auth.Sessions;
import dev.flotilla.web.fleet.FleetActions;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The web console and REST API on one port: {@code WebConsole.start(fleet, settings)}, then {@link #stop()}.
 * Deployments and dry runs started here run in this process, in the background, through the engine.
 */
public final class WebConsole implements AutoCloseable {
    /** Jetty's limit on a request's line and headers together. */
    private static final int REQUEST_HEAD_BYTES = 32 * 1024;

    private final Javalin app;
    private final BackgroundWork background;
    private final LiveProgress live;

    private WebConsole(Javalin app, BackgroundWork background, LiveProgress live) {
        this.app = app;
        this.background = background;
        this.live = live;
    }

    /** {@link ConsoleFleet#scrub} as a control plane's mask, equal to another of the same fleet. */
    private record FleetMask(ConsoleFleet fleet) implements java.util.function.UnaryOperator<String> {
        @Override
        public String apply(String text) {
            return fleet.scrub(text);
        }
    }

    public static WebConsole start(ConsoleFleet fleet, WebSettings settings) {
        BackgroundWork background = new BackgroundWork();
        // What the plane keeps and the pages show (tasks' errors and logs, the audit) masked of the tenancy's secrets too,
        // as the command line has it mask its own: per target alone, a tenant with its own login left the tenancy's bare.
        // Equal for the same fleet: a console started again on it adds no second layer (see ControlPlane.maskAlso).
        fleet.plane().maskAlso(new FleetMask(fleet));
        Console console = new Console(fleet, settings, new Accounts(fleet.plane().users()), new Sessions(Clock.systemUTC()),
                new LoginThrottle(5, Duration.ofMinutes(5), Clock.systemUTC()),
                // Per address: a CI job retrying a revoked token is not a guesser, and its neighbours' tokens keep working longer.
                new LoginThrottle(20, Duration.ofMinutes(5), Clock.systemUTC()), new FleetActions(fleet, background), new Templates());
        Javalin app = server(jsonMapper());
        Guard guard = new Guard(console);
        app.before(guard::before);
        app.get("/health", ctx -> ctx.result("ok"));
        // Pages link /static/favicon.svg; a browser asking for the old name anyway is told there is nothing, not 404.
        app.get("/favicon.ico", ctx -> ctx.status(204));
        new LoginRoutes(console).register(app);
        new DashboardRoutes(console).register(app);
        new WizardRoutes(console).register(app);
        DeploymentRoutes deployments = new DeploymentRoutes(console);
        deployments.register(app);
        new DryRunRoutes(console).register(app);
        new TenantRoutes(console).register(app);
        new AuditRoutes(console).register(app);
        new AccountRoutes(console).register(app);
        new ApiRoutes(console).register(app);
        new CheckRoutes(console).register(app);
        new DriftAcceptRoutes(console).register(app);
        new CheckApiRoutes(console).register(app);
        new BackupRoutes(console).register(app);
        new BackupApiRoutes(console).register(app);
        new DeploymentRestoreRoutes(console).register(app);
        new RepairRoutes(console).register(app);
        answeringFailures(app, console);
        try {
            app.start(settings.host(), settings.port());
        } catch (io.javalin.util.JavalinBindException e) {
            app.stop();
            background.shutdown();
            deployments.live().close();
            // Another program (or console) listens there: the port asked for is the problem, not Flotilla.
            throw new FlotillaException(ErrorCode.BAD_USAGE, "Port " + settings.port() + " on " + settings.host()
                    + " is already in use: stop what listens there, or give another port with --port (0 picks a free one).", e);
        }
        // What killed runs left (a dry run recorded as running, scratch databases): in the background, as a dry run is.
        background.execute(() -> new dev.flotilla.web.fleet.KilledRuns(fleet, ConsoleLog.of(fleet)).cleanUp());
        return new WebConsole(app, background, deployments.live());
    }

    /** The server, before its routes: static files, the API's JSON, room for long addresses, Jetty's refusals answered. */
    private static Javalin server(ObjectMapper json) {
        return Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.enableWebjars();
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/dev/flotilla/web/static";
                files.location = Location.CLASSPATH;
            });
            config.jsonMapper(new JavalinJackson(json, false));
            // Room above Guard.MAX_URI, so that a too long address reaches the console and is refused as a page or
            // problem+json; past this, Jetty refuses the request before its path is read (JettyRefusals answers).
            config.jetty.modifyHttpConfiguration(http -> http.setRequestHeaderSize(REQUEST_HEAD_BYTES));
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyRefusals()));
        });
    }

    /** The API's JSON: times as ISO text, a deployment's status as its word, strings within the input limits. */
    private static ObjectMapper jsonMapper() {
        // A deployment's status as every other status of the API and the CLI: its lower-case word ("failed").
        com.fasterxml.jackson.databind.module.SimpleModule words = new com.fasterxml.jackson.databind.module.SimpleModule()
                .addSerializer(dev.flotilla.control.DeploymentStatus.class, new com.fasterxml.jackson.databind.JsonSerializer<>() {
                    @Override
                    public void serialize(dev.flotilla.control.DeploymentStatus status, com.fasterxml.jackson.core.JsonGenerator out,
                                          com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
                        out.writeString(status.word());
                    }
                })
                .addDeserializer(String.class, new InputLimits.JsonStrings());
        return new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(words)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .addMixIn(dev.flotilla.control.DeploymentRecord.class, DeploymentJson.class);
    }

    /**
     * How a request that failed is answered, as a page or problem+json: a refusal (audited), Flotilla's own error by its
     * category, a body that is not the endpoint's JSON, a path no route has, a body too large, anything else as internal.
     */
    private static void answeringFailures(Javalin app, Console console) {
        // A refused attempt to change production (a route registered through RefusedAttempts) is audited as it is answered.
        app.exception(Console.Refusal.class, (e, ctx) -> {
            RefusedAttempts.record(console, ctx, e);
            refuse(console, ctx, e.status(), e.title(), e.title(), e.code(), e.getMessage());
        });
        // A request Flotilla refuses as input (usage, a tenant not registered) is a 400; one that failed on a target a 422.
        app.exception(FlotillaException.class, (e, ctx) -> {
            if (internal(console, ctx, e)) {
                ConsoleLog.of(console.fleet()).line(ctx.method() + " " + ctx.path() + " failed: " + e.getMessage());
                refuse(console, ctx, 500, "Internal error", ErrorCode.INTERNAL,
                        "The console's control plane failed on this request; the console's"
                        + " log has the details. Try again; if it keeps failing, check the control plane's database.");
                return;
            }
            // A deploy refused as untested (deploy.requireTested) is a conflict, as the test gate's refusals are.
            int status = e.code().category() == ErrorCode.Category.INPUT ? 400 : e.code() == ErrorCode.NOT_TESTED ? 409 : 422;
            RefusedAttempts.record(console, ctx, status, e);
            // The API's title is the code, for a program to match; the page's heading says it in words, the code in small
            // print, and the commands the console has a button for as that button.
            refuse(console, ctx, status, e.code().name(), heading(e.code()), e.code(), e.getMessage(), ConsoleAdvice.of(e));
        });
        // A body that is not JSON, or not the JSON the endpoint takes (a string for a list, an unknown field).
        // Audited without its words: Jackson's may repeat a piece of the body, which may hold anything.
        app.exception(com.fasterxml.jackson.core.JsonProcessingException.class, (e, ctx) -> {
            RefusedAttempts.record(console, ctx, 400, "Bad request", "The request body is not the JSON this endpoint takes.");
            refuse(console, ctx, 400, "Bad request", ErrorCode.BAD_USAGE, BodyErrors.describe(e));
        });
        // The framework's own refusal of a path no route has, answered as the console's.
        app.exception(io.javalin.router.EndpointNotFound.class, (e, ctx) -> refuse(console, ctx, 404, "Not found",
                ErrorCode.BAD_USAGE, "There is no " + (ctx.path().startsWith("/api/") ? "endpoint " + ctx.method() + " "
                        : "page ") + ctx.path() + "."));
        app.exception(Exception.class, (e, ctx) -> {
            ConsoleLog.of(console.fleet()).line(ctx.method() + " " + ctx.path() + " failed: " + e);
            refuse(console, ctx, 500, "Internal error", ErrorCode.INTERNAL,
                    "Something went wrong on the server; the console's log has the details.");
        });
        // Javalin refuses a body over its size limit with a plain-text 413 of its own, before any handler.
        app.error(413, ctx -> refuse(console, ctx, 413, "Content too large", ErrorCode.BAD_USAGE,
                "The request body is larger than the console accepts."));
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                refuse(console, ctx, 404, "Not found", ErrorCode.BAD_USAGE, "There is no page " + ctx.path() + ".");
            }
        });
    }

    /**
     * A failure only the operator should read: one of the control plane (its URL and the database's words), or any
     * but an input error on a request of no signed-in user (the login page is open to everyone).
     */
    private static boolean internal(Console console, Context ctx, FlotillaException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains(console.fleet().plane().displayName()) || message.contains("in the control plane on ")
                || Console.principal(ctx) == null && e.code().category() != ErrorCode.Category.INPUT;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        live.close(); // before the server: an open stream would hold its stop
        app.stop();
        background.shutdown();
    }

    @Override
    public void close() {
        stop();
    }

    /** The live progress streams of deployments' pages open now. */
    int liveStreams() {
        return live.streams();
    }

    /**
     * Waits, at most {@code timeout}, until no dry run or deployment started here is running, and says whether
     * none is: for an embedder or a test that started work through the console and wants its result.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return background.awaitIdle(timeout);
    }

    /** Blocks until the work started here (deployments, dry runs) has ended. */
    public void awaitWork(Duration timeout) throws InterruptedException {
        background.shutdown();
        background.awaitTermination(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static void refuse(Console console, Context ctx, int status, String title, ErrorCode code, String detail) {
        refuse(console, ctx, status, title, title, code, detail);
    }


    /**
     * {@code title} for the API, {@code heading} for the page; the page shows {@code code} in small print,
     * so that a console's own refusal ("No tenants") reads as one of Flotilla's (BAD_USAGE) does.
     */
    private static void refuse(Console console, Context ctx, int status, String title, String heading, ErrorCode code,
                               String said) {
        refuse(console, ctx, status, title, heading, code, said, ConsoleAdvice.of(Advice.plain(said)));
    }

    /**
     * As above, {@code said} for the API (a program, a pipeline: the commands as the command line runs them), {@code advice}
     * for a page (the commands the console has a button for said as that button, the command kept as a hint).
     */
    private static void refuse(Console console, Context ctx, int status, String title, String heading, ErrorCode code,
                               String said, Advice advice) {
        // Every refusal a page or the API shows passes here: what a driver or a client program said in it is masked as
        // the control plane masks what it keeps (its password, the tenancy's, passwords written as keywords).
        java.util.function.UnaryOperator<String> scrub = console.fleet().plane()::scrub;
        ctx.status(status);
        if (ctx.path().startsWith("/api/")) {
            ctx.contentType("application/problem+json");
            // As bytes: a String result would go out in ISO-8859-1, and JSON is UTF-8 (a tenant id in Japanese came out "??").
            ctx.result(Problems.json(status, title, code, scrub.apply(said), ctx.path())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (Console.htmx(ctx)) {
            ctx.header("HX-Retarget", "#messages").header("HX-Reswap", "innerHTML");
            console.fragment(ctx, "message.jte", "tone", "bad", "text", ConsoleAdvice.text(advice.masked(scrub)));
        } else {
            console.page(ctx, "error.jte", heading, "", "status", status, "title", heading, "code", code.name(),
                    "detail", ConsoleAdvice.text(advice.masked(scrub)), "back", FormBack.of(ctx));
        }
    }

    /** An error code as words for a page's heading: TENANT_NOT_FOUND reads "Tenant not found". */
    static String heading(ErrorCode code) {
        return switch (code) {
            case BAD_USAGE -> "Bad request";
            case BAD_CONFIG -> "Bad configuration";
            case INTERNAL -> "Internal error";
            default -> {
                String words = code.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ').replace("sql", "SQL");
                yield Character.toUpperCase(words.charAt(0)) + words.substring(1);
            }
        };
    }
}
