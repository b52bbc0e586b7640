package dev.drcheck.core.capture;

import java.io.IOException;

/** The input is not a capture drcheck can read: wrong magic, corrupt file header, unsupported link type. */
public final class CaptureFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message one line shaped as "what: actual (expected: X)" */
    public CaptureFormatException(String message) {
        super(message);
    }
}
