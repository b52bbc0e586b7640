package dev.drcheck.core.track;

/** Receives each TCP flow once, when the {@link FlowTracker} retires it. */
public interface FlowEndListener {

    /** Called once per flow; {@code flow} is a reused view, valid only during the call. */
    void onFlowEnd(FlowView flow);
}
