package dev.drcheck.core.capture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PcapngInterfacesTest {
    private final PcapngInterfaces interfaces = new PcapngInterfaces();

    @Test
    void timestampsInEachResolution() {
        int micro = interfaces.add(1, 262_144);
        int nano = interfaces.add(1, 0);
        interfaces.tsResolution(nano, 9);
        int binary = interfaces.add(113, 65_535);
        interfaces.tsResolution(binary, 0x80 | 10);
        interfaces.tsOffsetSeconds(binary, 100);

        assertThat(interfaces.timestampNanos(micro, 0, 1_500_000)).isEqualTo(1_500_000_000L);
        assertThat(interfaces.timestampNanos(nano, 1, 0)).isEqualTo(1L << 32);
        assertThat(interfaces.timestampNanos(binary, 0, 3 * 1024 + 512)).isEqualTo(103_500_000_000L);
        assertThat(interfaces.linkType(binary)).isEqualTo(113);
        assertThat(interfaces.snapLength(micro)).isEqualTo(262_144);
    }

    @Test
    void growsAndStartsAfreshForANewSection() {
        for (int i = 0; i < 10; i++) {
            interfaces.name(interfaces.add(1, i), "eth" + i);
        }
        assertThat(interfaces.count()).isEqualTo(10);
        assertThat(interfaces.name(9)).isEqualTo("eth9");
        interfaces.clear();
        assertThat(interfaces.count()).isZero();
        int id = interfaces.add(276, 0);
        assertThat(id).isZero();
        assertThat(interfaces.name(id)).as("a new interface has no name from the old section").isNull();
        assertThat(interfaces.timestampNanos(id, 0, 1)).as("microseconds by default").isEqualTo(1_000);
    }
}
