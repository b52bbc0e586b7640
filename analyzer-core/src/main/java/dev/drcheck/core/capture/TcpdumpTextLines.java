package dev.drcheck.core.capture;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * The line source of {@link TcpdumpTextReader}: reads the text a line at a time into one reused char array,
 * counts lines, drops a trailing carriage return, and keeps a line that is too long out of memory (it is marked
 * overlong instead). A line read ahead and not wanted can be handed back once ({@link #pushBack}).
 */
final class TcpdumpTextLines {
    private final BufferedReader in;
    private final char[] chars;
    private int length;
    private boolean overlong;
    private boolean pushedBack;
    private boolean endOfInput;
    private long lineNumber;
    private long unterminatedLine;

    /** @param maxChars the longest line kept; longer ones are read past and marked overlong */
    TcpdumpTextLines(BufferedReader in, int maxChars) {
        this.in = in;
        this.chars = new char[maxChars];
    }

    /** Moves to the next line (or the one pushed back); false at the end of the input. */
    boolean next() throws IOException {
        if (pushedBack) {
            pushedBack = false;
            return true;
        }
        if (endOfInput) {
            return false;
        }
        length = 0;
        overlong = false;
        boolean any = false;
        while (true) {
            int c = in.read();
            if (c < 0) {
                endOfInput = true;
                if (any) {
                    lineNumber++;
                    unterminatedLine = lineNumber;
                    trimCarriageReturn();
                }
                return any;
            }
            any = true;
            if (c == '\n') {
                lineNumber++;
                trimCarriageReturn();
                return true;
            }
            if (length < chars.length) {
                chars[length++] = (char) c;
            } else {
                overlong = true;
            }
        }
    }

    /**
     * Moves to the next line if it is an indented continuation line (a {@code -v} second line); otherwise the line
     * read is pushed back for the next {@link #next} and this returns false.
     */
    boolean nextContinuation() throws IOException {
        if (!next()) {
            return false;
        }
        if (isIndented()) {
            return true;
        }
        pushedBack = true;
        return false;
    }

    /** The current line is pushed back: the next {@link #next} returns it again. */
    void pushBack() {
        pushedBack = true;
    }

    /** True when the current line starts with a space or a tab (and is not overlong). */
    boolean isIndented() {
        return length > 0 && !overlong && (chars[0] == ' ' || chars[0] == '\t');
    }

    /** True when the current line is empty. */
    boolean isBlank() {
        return length == 0 && !overlong;
    }

    /** The characters of the current line; valid up to {@link #length()} until the next call. */
    char[] chars() {
        return chars;
    }

    int length() {
        return length;
    }

    /** True when the current line was longer than the buffer; only its start is held. */
    boolean overlong() {
        return overlong;
    }

    /** The number (from 1) of the current line. */
    long lineNumber() {
        return lineNumber;
    }

    /** The number of the last line when the input ended without a line end after it, else 0. */
    long unterminatedLine() {
        return unterminatedLine;
    }

    void close() throws IOException {
        in.close();
    }

    private void trimCarriageReturn() {
        if (!overlong && length > 0 && chars[length - 1] == '\r') {
            length--;
        }
    }
}
