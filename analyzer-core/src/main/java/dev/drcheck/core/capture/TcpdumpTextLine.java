package dev.drcheck.core.capture;

/**
 * A cursor over one line of tcpdump text held in a reused char array: the small hand-written tokenizer the
 * {@link TcpdumpTextReader} parses with. Every method either consumes what it expects and returns true (or a
 * value), or leaves the position where it was and returns false (or -1). Nothing here allocates or backtracks
 * more than one token.
 */
final class TcpdumpTextLine {
    char[] text;
    int length;
    int pos;

    void reset(char[] text, int length) {
        this.text = text;
        this.length = length;
        this.pos = 0;
    }

    boolean atEnd() {
        return pos >= length;
    }

    char peek() {
        return pos < length ? text[pos] : '\0';
    }

    char peek(int ahead) {
        return pos + ahead < length ? text[pos + ahead] : '\0';
    }

    /** Consumes {@code literal} if the text continues with it. */
    boolean accept(String literal) {
        int n = literal.length();
        if (pos + n > length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (text[pos + i] != literal.charAt(i)) {
                return false;
            }
        }
        pos += n;
        return true;
    }

    /** True if the text continues with {@code literal}; consumes nothing. */
    boolean startsWith(String literal) {
        int saved = pos;
        boolean found = accept(literal);
        pos = saved;
        return found;
    }

    void skipSpaces() {
        while (pos < length && (text[pos] == ' ' || text[pos] == '\t')) {
            pos++;
        }
    }

    /** Consumes up to {@code maxDigits} decimal digits; -1 (nothing consumed) when there is none. */
    long decimal(int maxDigits) {
        long value = 0;
        int start = pos;
        while (pos < length && pos - start < maxDigits && isDigit(text[pos])) {
            value = value * 10 + (text[pos] - '0');
            pos++;
        }
        if (pos == start || (pos < length && isDigit(text[pos]))) {
            pos = start;
            return -1;
        }
        return value;
    }

    /** Consumes exactly {@code count} decimal digits; -1 (nothing consumed) otherwise. */
    int fixedDigits(int count) {
        if (pos + count > length) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < count; i++) {
            char c = text[pos + i];
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        pos += count;
        return value;
    }

    /** Consumes "0x" and up to 8 hex digits; -1 (nothing consumed) when absent. */
    long hex() {
        int start = pos;
        if (!accept("0x")) {
            return -1;
        }
        long value = 0;
        int digits = 0;
        while (pos < length && digits < 8 && hexValue(text[pos]) >= 0) {
            value = value << 4 | hexValue(text[pos]);
            pos++;
            digits++;
        }
        if (digits == 0) {
            pos = start;
            return -1;
        }
        return value;
    }

    /** Consumes a MAC address written as six colon-separated hex pairs; -1 (nothing consumed) otherwise. */
    long mac() {
        if (pos + 17 > length) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < 6; i++) {
            int at = pos + i * 3;
            int high = hexValue(text[at]);
            int low = hexValue(text[at + 1]);
            if (high < 0 || low < 0 || (i < 5 && text[at + 2] != ':')) {
                return -1;
            }
            value = value << 8 | high << 4 | low;
        }
        if (pos + 17 < length && hexValue(text[pos + 17]) >= 0) {
            return -1;
        }
        pos += 17;
        return value;
    }

    /**
     * Consumes a dotted IPv4 address, optionally followed by ".port" (as tcpdump -nn writes endpoints). Stores the
     * address in {@link #lastIp} and the port in {@link #lastPort} (-1 when there is none).
     *
     * @param withPort true to require a port, false to forbid one
     */
    boolean endpoint(boolean withPort) {
        int start = pos;
        int ip = 0;
        for (int i = 0; i < 4; i++) {
            if (i > 0 && !accept(".")) {
                pos = start;
                return false;
            }
            long octet = decimal(3);
            if (octet < 0 || octet > 255) {
                pos = start;
                return false;
            }
            ip = ip << 8 | (int) octet;
        }
        lastIp = ip;
        lastPort = -1;
        if (withPort) {
            if (!accept(".")) {
                pos = start;
                return false;
            }
            long port = decimal(5);
            if (port < 0 || port > 65535) {
                pos = start;
                return false;
            }
            lastPort = (int) port;
        } else if (peek() == '.' && isDigit(peek(1))) {
            pos = start;
            return false;
        }
        return true;
    }

    int lastIp;
    int lastPort;

    /** Moves past the next occurrence of {@code literal}, bounded by the line; false (nothing consumed) if none. */
    boolean skipPast(String literal) {
        int n = literal.length();
        for (int i = pos; i + n <= length; i++) {
            boolean match = true;
            for (int j = 0; j < n; j++) {
                if (text[i + j] != literal.charAt(j)) {
                    match = false;
                    break;
                }
            }
            if (match) {
                pos = i + n;
                return true;
            }
        }
        return false;
    }

    /**
     * Moves to the end of the current comma-separated item: just before the next ", " outside brackets and
     * parentheses, or the end of the line.
     */
    void skipItem() {
        int depth = 0;
        while (pos < length) {
            char c = text[pos];
            if (c == '[' || c == '(') {
                depth++;
            } else if ((c == ']' || c == ')') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0 && peek(1) == ' ') {
                return;
            }
            pos++;
        }
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
