package dev.drcheck.core.config;

import dev.drcheck.core.net.Ipv4;

/** Parsing of the small values both formats share; every failure is a {@link ConfigException} for one line. */
final class Fields {
    private Fields() {
    }

    /** An IPv4 address. */
    static int ip(String text, int line, String what) throws ConfigException {
        if (text.startsWith("[") || text.indexOf(':') >= 0 && text.indexOf(':') != text.lastIndexOf(':')) {
            throw new ConfigException(line, what + ": " + text + " is IPv6, which drcheck does not check"
                    + " (expected: an IPv4 address)");
        }
        try {
            return Ipv4.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(line, what + ": " + text + " (expected: an IPv4 address such as 192.0.2.100;"
                    + " names are not resolved, use numeric output: ipvsadm -Ln, ipvsadm-save -n)");
        }
    }

    /** A port 1-65535. */
    static int port(String text, int line, String what) throws ConfigException {
        int port = number(text, line, what, "a port 1-65535; names are not resolved, use numeric output");
        if (port < 1 || port > 65535) {
            throw new ConfigException(line, what + ": " + text + " (expected: a port 1-65535)");
        }
        return port;
    }

    /** A non-negative number. */
    static int number(String text, int line, String what, String expected) throws ConfigException {
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            throw new ConfigException(line, what + ": " + (text.isEmpty() ? "nothing" : text)
                    + " (expected: " + expected + ")");
        }
        return Integer.parseInt(text);
    }

    /** An {@code IP:PORT} pair as ipvsadm prints it. */
    static int[] address(String text, int line, String what) throws ConfigException {
        if (text.startsWith("[")) {
            throw new ConfigException(line, what + ": " + text + " is IPv6, which drcheck does not check"
                    + " (expected: IPv4-ADDRESS:PORT)");
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon != text.indexOf(':')) {
            throw new ConfigException(line, what + ": " + text + " (expected: IPv4-ADDRESS:PORT such as"
                    + " 192.0.2.100:80)");
        }
        return new int[] {ip(text.substring(0, colon), line, what), port(text.substring(colon + 1), line, what)};
    }

    /** A short, printable rendering of what a line held. */
    static String quote(String text) {
        String trimmed = text.strip();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < trimmed.length() && sb.length() < 60; i++) {
            char c = trimmed.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return "'" + sb + (trimmed.length() > 60 ? "...'" : "'");
    }
}
