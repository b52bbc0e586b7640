package dev.drcheck.core.report;

/**
 * Which characters taken from a capture must never reach a terminal as they are: every control character (C0
 * below 0x20 including ESC and BEL, DEL 0x7f, C1 0x80-0x9f including the 8-bit CSI 0x9b and OSC 0x9d), the
 * Unicode line and paragraph separators, and every bidirectional formatting character (U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069, which can make a line read differently from what it holds). The JSON writer
 * escapes them and the text report replaces them, so both agree on one definition.
 */
public final class UnsafeCharacters {
    private UnsafeCharacters() {
    }

    /** True when {@code c} must not be printed as it is. */
    public static boolean isUnsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || isBidiControl(c);
    }

    private static boolean isBidiControl(char c) {
        return c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
