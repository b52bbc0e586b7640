package dev.drcheck.core.check;

/** Small phrasing helpers for finding messages. */
final class Wording {
    private Wording() {
    }

    /** "1 flow", "6 flows". */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
