package dev.drcheck.core.check;

import dev.drcheck.core.topology.TopologyOverrides;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PersistenceBrokenTest extends LabCaptureCheckTest {
    @Override Check check() { return new PersistenceBroken(); }
    @Override String capture() { return "healthy.pcap"; }
    @Override TopologyOverrides overrides() { return SampleCaptures.config("persistent.ipvsadm"); }
    @Override TopologyOverrides healthyOverrides() { return SampleCaptures.config("healthy.ipvsadm"); }
    @Override List<String> culpritMacs() { return List.of("02:00:00:00:00:02"); }
    @Override String messageExcerpt() {
        return "client 192.0.2.10 went to 02:00:00:00:00:11 (192.0.2.11) (frame 3) and 0.5 s later to"
                + " 02:00:00:00:00:12 (192.0.2.12) (frame 67)";
    }
    @Override long firstEvidenceFrame() { return 67; }

    @Test
    void countsEveryConnectionSentElsewhereAndGivesTheDashP() {
        assertThat(findings().get(0).count()).isEqualTo(6);
        assertThat(findings().get(0).message()).contains("sets persistence 300 s");
        assertThat(findings().get(0).fix()).contains("ipvsadm -E -t 192.0.2.100:80 -s rr -p 300");
    }
}
