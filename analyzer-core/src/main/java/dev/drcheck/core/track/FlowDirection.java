package dev.drcheck.core.track;

/** Which way a frame travels within its TCP flow. */
public enum FlowDirection {
    /** From the host that sent the SYN to the host it was sent to. */
    CLIENT_TO_SERVER,
    /** From the server side back to the client. */
    SERVER_TO_CLIENT,
    /** Not part of a tracked flow (started before the capture, not TCP, or the table was full). */
    NONE
}
