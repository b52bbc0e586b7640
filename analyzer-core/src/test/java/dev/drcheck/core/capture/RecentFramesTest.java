package dev.drcheck.core.capture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecentFramesTest {

    @Test
    void keepsTheLatestFramesWithinTheFrameLimit() throws IOException {
        RecentFrames recent = new RecentFrames(3, 1000);
        for (int n = 1; n <= 5; n++) {
            recent.add(frame(n, 10));
        }

        assertThat(numbers(recent, 0)).containsExactly(3L, 4L, 5L);
        assertThat(recent.oldestFrameNumber()).isEqualTo(3);
    }

    @Test
    void dropsTheOldestFramesWhoseBytesANewFrameNeedsAndKeepsTheirContent() throws IOException {
        RecentFrames recent = new RecentFrames(100, 100);
        for (int n = 1; n <= 7; n++) {
            recent.add(frame(n, 30));
        }

        List<String> kept = new ArrayList<>();
        recent.forEachFrom(0, f -> kept.add(f.frameNumber + ":" + f.data[f.offset] + "/" + f.capturedLength));
        assertThat(kept).containsExactly("5:5/30", "6:6/30", "7:7/30");
    }

    @Test
    void handsOnlyFramesFromTheGivenNumberOnAndSkipsFramesLargerThanTheRing() throws IOException {
        RecentFrames recent = new RecentFrames(10, 100);
        recent.add(frame(1, 10));
        recent.add(frame(2, 101));
        recent.add(frame(3, 10));

        assertThat(numbers(recent, 2)).containsExactly(3L);
        assertThat(recent.size()).isEqualTo(2);
    }

    private static List<Long> numbers(RecentFrames recent, long from) throws IOException {
        List<Long> numbers = new ArrayList<>();
        recent.forEachFrom(from, f -> numbers.add(f.frameNumber));
        return numbers;
    }

    private static CapturedFrame frame(long number, int length) {
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) number);
        CapturedFrame frame = new CapturedFrame();
        frame.set(number, number * 1000, LinkType.ETHERNET, data, 0, length, length);
        return frame;
    }
}
