package dev.drcheck.core.capture;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;

class TcpdumpTextLinesTest {
    private static TcpdumpTextLines lines(String text, int maxChars) {
        return new TcpdumpTextLines(new BufferedReader(new StringReader(text)), maxChars);
    }

    private static String current(TcpdumpTextLines lines) {
        return new String(lines.chars(), 0, lines.length());
    }

    @Test
    void readsLinesDroppingCarriageReturnsAndCountingThem() throws IOException {
        TcpdumpTextLines lines = lines("one\r\n\ntwo", 100);
        assertThat(lines.next()).isTrue();
        assertThat(current(lines)).isEqualTo("one");
        assertThat(lines.next()).isTrue();
        assertThat(lines.isBlank()).isTrue();
        assertThat(lines.next()).isTrue();
        assertThat(current(lines)).isEqualTo("two");
        assertThat(lines.lineNumber()).isEqualTo(3);
        assertThat(lines.unterminatedLine()).isEqualTo(3);
        assertThat(lines.next()).isFalse();
        assertThat(lines.next()).isFalse();
    }

    @Test
    void aLineLongerThanTheBufferIsMarkedOverlongAndKeepsItsStart() throws IOException {
        TcpdumpTextLines lines = lines("abcdefgh\nok\n", 4);
        assertThat(lines.next()).isTrue();
        assertThat(lines.overlong()).isTrue();
        assertThat(current(lines)).isEqualTo("abcd");
        assertThat(lines.next()).isTrue();
        assertThat(lines.overlong()).isFalse();
        assertThat(current(lines)).isEqualTo("ok");
        assertThat(lines.unterminatedLine()).isZero();
    }

    @Test
    void aContinuationIsReadOnlyWhenIndentedAndAnyOtherLineIsKept() throws IOException {
        TcpdumpTextLines lines = lines("head\n    second half\nnext packet\n", 100);
        assertThat(lines.next()).isTrue();
        assertThat(lines.nextContinuation()).isTrue();
        assertThat(lines.isIndented()).isTrue();
        assertThat(current(lines)).isEqualTo("    second half");
        assertThat(lines.nextContinuation()).isFalse();
        assertThat(lines.next()).isTrue();
        assertThat(current(lines)).isEqualTo("next packet");
        assertThat(lines.lineNumber()).isEqualTo(3);
        assertThat(lines.nextContinuation()).isFalse();
        assertThat(lines.next()).isFalse();
    }
}
