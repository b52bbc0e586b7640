package dev.drcheck.core.track;

/**
 * A new master of one VRID: the first advert of a router that had not been advertising, after another router's
 * adverts.
 *
 * @param previousMaster the {@link VrrpRouter#id()} of the router that advertised before
 * @param newMaster the {@link VrrpRouter#id()} of the router that took over
 * @param resignFrame the previous master's priority-0 advert when that was its latest advert (it resigned), else 0
 * @param resignNanos that advert's capture time, else 0
 * @param frame the new master's first advert
 * @param timestampNanos its capture time
 */
public record VrrpTakeover(int previousMaster, int newMaster, long resignFrame, long resignNanos, long frame,
                           long timestampNanos) {
    /** True when the previous master resigned with a priority-0 advert before the new one took over. */
    public boolean resigned() {
        return resignFrame != 0;
    }
}
