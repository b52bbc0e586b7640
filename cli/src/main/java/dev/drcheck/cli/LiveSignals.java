package dev.drcheck.cli;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How {@code drcheck live} learns of Ctrl-C. The real one replaces the JVM's SIGINT and SIGTERM handling for
 * the duration of the capture, so that the first signal only asks the capture to stop (and the command still
 * prints its final report and exits with the report's code) instead of shutting the JVM down. A second signal
 * exits at once with 130. Tests install nothing and call the action themselves.
 */
@FunctionalInterface
interface LiveSignals {

    /**
     * Registers {@code stop} for Ctrl-C (and SIGTERM) and {@code hangup} for SIGHUP until the registration is
     * closed.
     */
    Registration install(Runnable stop, Runnable hangup);

    /** An installed handler; closing it restores what was there before. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Installs nothing. */
    LiveSignals NONE = (stop, hangup) -> () -> { };

    /**
     * SIGINT, SIGTERM and SIGHUP through {@code sun.misc.Signal} (module jdk.unsupported), reached by reflection so
     * that the build has no proprietary-API warning; when it is unavailable (a JVM run with {@code -Xrs}), the JVM's
     * default handling stays, and Ctrl-C ends drcheck without a report.
     */
    LiveSignals SYSTEM = (stop, hangup) -> {
        List<Runnable> restore = new ArrayList<>();
        AtomicInteger received = new AtomicInteger();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Object handler = Proxy.newProxyInstance(LiveSignals.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "handle" -> {
                                Object name = args[0].getClass().getMethod("getName").invoke(args[0]);
                                if ("HUP".equals(name)) {
                                    hangup.run();
                                } else if (received.incrementAndGet() == 1) {
                                    stop.run();
                                } else {
                                    System.err.println();
                                    System.err.flush();
                                    Runtime.getRuntime().halt(130);
                                }
                                return null;
                            }
                            case "hashCode" -> {
                                return System.identityHashCode(proxy);
                            }
                            case "equals" -> {
                                return proxy == args[0];
                            }
                            case "toString" -> {
                                return "drcheck live signal handler";
                            }
                            default -> {
                                return null;
                            }
                        }
                    });
            for (String name : new String[] {"INT", "TERM", "HUP"}) {
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                try {
                    Object previous = handle.invoke(null, signal, handler);
                    restore.add(() -> {
                        try {
                            handle.invoke(null, signal, previous);
                        } catch (ReflectiveOperationException e) {
                            // the JVM is ending anyway
                        }
                    });
                } catch (ReflectiveOperationException e) {
                    // this signal is reserved (-Xrs): leave its default handling
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // no sun.misc.Signal: the JVM's default handling stays
        }
        return () -> restore.forEach(Runnable::run);
    };
}
