package dev.drcheck.core.track;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class KeyIndexTest {

    @Test
    void agreesWithHashMapUnderRandomPutsAndRemoves() {
        KeyIndex index = new KeyIndex(16, 1 << 20);
        Map<List<Long>, Integer> reference = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long a = random.nextInt(500);
            long b = random.nextInt(50);
            if (random.nextInt(3) == 0) {
                index.remove(a, b);
                reference.remove(List.of(a, b));
            } else {
                index.put(a, b, i);
                reference.put(List.of(a, b), i);
            }
        }
        assertThat(index.size()).isEqualTo(reference.size());
        for (long a = 0; a < 500; a++) {
            for (long b = 0; b < 50; b++) {
                assertThat(index.get(a, b)).isEqualTo(reference.getOrDefault(List.of(a, b), -1));
            }
        }
    }

    @Test
    void refusesNewKeysWhenFullButStillUpdatesExistingOnes() {
        KeyIndex index = new KeyIndex(16, 3);
        assertThat(index.put(1, 1, 10)).isTrue();
        assertThat(index.put(2, 2, 20)).isTrue();
        assertThat(index.put(3, 3, 30)).isTrue();

        assertThat(index.put(4, 4, 40)).isFalse();
        assertThat(index.put(2, 2, 21)).isTrue();
        assertThat(index.get(2, 2)).isEqualTo(21);
        assertThat(index.get(4, 4)).isEqualTo(-1);
    }

    @Test
    void removeIfValueLeavesAKeyThatWasReassigned() {
        KeyIndex index = new KeyIndex(16, 100);
        index.put(7, 7, 1);
        index.put(7, 7, 2);

        index.removeIfValue(7, 7, 1);

        assertThat(index.get(7, 7)).isEqualTo(2);
    }
}
