package dev.drcheck.core.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VrrpVridClashTest extends LabCaptureCheckTest {
    @Override Check check() { return new VrrpVridClash(); }
    @Override String capture() { return "vrrp-vrid-clash.pcap"; }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:04"); }
    @Override String messageExcerpt() {
        return "router 02:00:00:00:00:04 (192.0.2.4) advertises VRID 51 for 192.0.2.200, while 02:00:00:00:00:02"
                + " (192.0.2.2) advertises it for 192.0.2.100";
    }
    @Override long firstEvidenceFrame() { return 131; }

    @Test
    void theForeignRoutersAdvertsAreNoFailover() {
        assertThat(SampleCaptures.findingsOf(capture(), "VrrpFailover")).isEmpty();
    }

    @Test
    void routersOfOneVirtualRouterDoNotClash() {
        assertThat(SampleCaptures.findingsOf("vrrp-failover.pcap", "VrrpVridClash")).isEmpty();
        assertThat(SampleCaptures.findingsOf("vrrp-split-brain.pcap", "VrrpVridClash")).isEmpty();
    }
}
