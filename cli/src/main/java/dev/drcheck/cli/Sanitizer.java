package dev.drcheck.cli;

/**
 * Makes text from a capture (or from the command line) safe to print on a terminal: every control character
 * (C0 below 0x20 including ESC, DEL 0x7f, C1 0x80-0x9f, and the Unicode line/paragraph separators) becomes
 * {@code '?'}, so no escape sequence hidden in capture data can reach the terminal.
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

    /** True for the characters {@link #clean(String)} replaces. */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
