package dev.drcheck.cli;

import dev.drcheck.core.report.UnsafeCharacters;

/**
 * Makes text from a capture (or from the command line) safe to print on a terminal: every character that
 * {@link UnsafeCharacters} names (controls, separators, bidirectional formatting) becomes {@code '?'}, so no
 * escape sequence hidden in capture data can reach the terminal. Without ESC, BEL and the C1 characters no CSI or
 * OSC sequence can start or end.
 */
public final class Sanitizer {
    private Sanitizer() {
    }

    /** {@code text} with every control character replaced by {@code '?'}; "" for null. */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        int length = text.length();
        int i = 0;
        while (i < length && !isControl(text.charAt(i))) {
            i++;
        }
        if (i == length) {
            return text;
        }
        StringBuilder sb = new StringBuilder(length);
        sb.append(text, 0, i);
        for (; i < length; i++) {
            char c = text.charAt(i);
            sb.append(isControl(c) ? '?' : c);
        }
        return sb.toString();
    }

    /** True for the characters {@link #clean(String)} replaces: {@link UnsafeCharacters#isUnsafe(char)}. */
    public static boolean isControl(char c) {
        return UnsafeCharacters.isUnsafe(c);
    }
}
