package dev.drcheck.cli;

/** Monotonic time for {@code drcheck live}'s deadlines and status line; tests pass a fake one. */
@FunctionalInterface
interface LiveClock {
    /** The system's monotonic clock. */
    LiveClock SYSTEM = System::nanoTime;

    /** Nanoseconds from an arbitrary origin, never going back. */
    long nanoTime();
}
