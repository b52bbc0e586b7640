package dev.drcheck.cli;

import java.io.IOException;

/** One named capture cannot be read; the message is the reason, one line. */
final class UnreadableCaptureException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String capture;

    UnreadableCaptureException(String capture, String reason) {
        super(reason);
        this.capture = capture;
    }

    /** The capture as the user named it. */
    String capture() {
        return capture;
    }
}
