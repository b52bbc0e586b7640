package dev.drcheck.cli;

import java.io.IOException;

/** One named input (a capture, a baseline) cannot be read; the message is the reason, one line. */
final class UnreadableInputException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String input;

    UnreadableInputException(String input, String reason) {
        super(reason);
        this.input = input;
    }

    /** The input as the user named it. */
    String input() {
        return input;
    }
}
