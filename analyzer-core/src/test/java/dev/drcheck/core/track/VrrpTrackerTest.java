package dev.drcheck.core.track;

import dev.drcheck.core.decode.DecodedFrame;
import dev.drcheck.core.decode.Layer;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VrrpTrackerTest {
    private static final long A = Mac.parse("02:00:00:00:00:02");
    private static final long B = Mac.parse("02:00:00:00:00:03");
    private static final int VIP = Ipv4.parse("192.0.2.100");
    private static final long SECOND = 1_000_000_000L;

    private final VrrpTracker tracker = new VrrpTracker();
    private final DecodedFrame frame = new DecodedFrame();
    private long frameNumber;

    /** One VRRP v2 advert of VRID 51 for the VIP, 1 s interval, from {@code mac} at {@code seconds}. */
    private void advert(long mac, int priority, double seconds) {
        frame.layer = Layer.VRRP;
        frame.frameNumber = ++frameNumber;
        frame.timestampNanos = (long) (seconds * SECOND);
        frame.srcMac = mac;
        frame.srcMacKnown = true;
        frame.outerVlanId = -1;
        frame.ipSrc = (int) (mac & 0xff) | Ipv4.parse("192.0.2.0");
        frame.vrrpVersion = 2;
        frame.vrrpVrid = 51;
        frame.vrrpPriority = priority;
        frame.vrrpAuthType = 0;
        frame.vrrpIntervalCentis = 100;
        frame.vrrpAddressCount = 1;
        frame.vrrpAddresses[0] = VIP;
        tracker.onAdvert(frame);
    }

    @Test
    void recordsWhatEachRouterClaims() {
        advert(A, 150, 0);
        advert(A, 150, 1);

        assertThat(tracker.routers()).hasSize(1);
        VrrpRouter router = tracker.routers().get(0);
        assertThat(router.mac()).isEqualTo(A);
        assertThat(router.ip()).isEqualTo(Ipv4.parse("192.0.2.2"));
        assertThat(router.vrid()).isEqualTo(51);
        assertThat(router.maxPriority()).isEqualTo(150);
        assertThat(router.adverts().count()).isEqualTo(2);
        assertThat(router.advertises(VIP)).isTrue();
        assertThat(tracker.isAdvertised(VIP)).isTrue();
        assertThat(tracker.takeovers(-1, 51)).isEmpty();
    }

    @Test
    void aResignAndTheNextRoutersFirstAdvertAreATakeover() {
        advert(A, 150, 0);
        advert(A, 150, 1);
        advert(A, 0, 1.5);
        advert(B, 100, 2.1);
        advert(B, 100, 3.1);

        assertThat(tracker.takeovers(-1, 51)).singleElement().satisfies(t -> {
            assertThat(tracker.router(t.previousMaster()).mac()).isEqualTo(A);
            assertThat(tracker.router(t.newMaster()).mac()).isEqualTo(B);
            assertThat(t.resigned()).isTrue();
            assertThat(t.resignFrame()).isEqualTo(3);
            assertThat(t.frame()).isEqualTo(4);
        });
        assertThat(tracker.routers()).allSatisfy(r -> assertThat(r.concurrent().isEmpty()).isTrue());
    }

    @Test
    void interleavedAdvertsOfTwoRoutersAreConcurrent() {
        for (int i = 0; i < 5; i++) {
            advert(A, 150, i);
            advert(B, 100, i + 0.2);
        }

        assertThat(tracker.routers()).extracting(r -> r.concurrent().count()).containsExactly(4L, 4L);
        assertThat(tracker.routers().get(0).rival()).isEqualTo(tracker.routers().get(1).id());
    }

    @Test
    void otherVlansAreOtherVirtualRouters() {
        advert(A, 150, 0);
        frame.outerVlanId = 10;
        frame.frameNumber = ++frameNumber;
        tracker.onAdvert(frame);

        assertThat(tracker.routersOf(-1, 51)).hasSize(1);
        assertThat(tracker.routersOf(10, 51)).hasSize(1);
    }

    @Test
    void countsAdvertsPastItsBoundInsteadOfGrowing() {
        for (int i = 0; i < VrrpTracker.MAX_ROUTERS + 3; i++) {
            advert(0x020000000000L + i, 100, 0);
        }

        assertThat(tracker.routers()).hasSize(VrrpTracker.MAX_ROUTERS);
        assertThat(tracker.overflow()).isEqualTo(3);
    }
}
