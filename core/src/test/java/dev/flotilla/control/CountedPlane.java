package dev.flotilla.control;

import dev.flotilla.target.TargetSession;
import dev.flotilla.target.TargetSpec;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A control plane whose one connection counts the statements its stores run (each {@code execute*} of a statement it
 * made), on any database the plane lives in: open the plane at the URL first ({@link ControlPlane#open}), which makes its
 * schema, then this one over it.
 */
final class CountedPlane implements AutoCloseable {
    private final AtomicInteger statements = new AtomicInteger();
    private final ControlPlane plane;

    CountedPlane(String url, String user) {
        TargetSpec spec = new TargetSpec(url, ControlPlane.userFor(url, user), null, null, ControlPlaneSchema.HISTORY_TABLE,
                null, ControlPlaneSchema.HISTORY_ZONE);
        Connection counted = (Connection) proxy(Connection.class, TargetSession.connectToServer(spec));
        plane = new ControlPlane(spec, counted, Heartbeat.DEFAULT_PERIOD, ControlPlane.DEFAULT_NETWORK_TIMEOUT);
    }

    ControlPlane plane() {
        return plane;
    }

    /** How many statements ran since the last call. */
    int statementsSinceLast() {
        return statements.getAndSet(0);
    }

    private Object proxy(Class<?> type, Object real) {
        InvocationHandler handler = (self, method, arguments) -> {
            if (method.getName().startsWith("execute") && real instanceof Statement) {
                statements.incrementAndGet();
            }
            try {
                Object result = method.invoke(real, arguments);
                return result instanceof Statement made && method.getName().matches("prepareStatement|createStatement|prepareCall")
                        ? proxy(kindOf(made), made) : result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Class<?> kindOf(Statement made) {
        return made instanceof CallableStatement ? CallableStatement.class
                : made instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    }

    @Override
    public void close() {
        plane.close();
    }
}
