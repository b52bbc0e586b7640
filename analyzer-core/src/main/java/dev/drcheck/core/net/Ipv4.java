package dev.drcheck.core.net;

/** IPv4 addresses held as the 32 bits of an int in network order: parsing and formatting. */
public final class Ipv4 {
    private Ipv4() {
    }

    /** Formats as dotted quad. */
    public static String format(int ip) {
        return ((ip >>> 24) & 0xff) + "." + ((ip >>> 16) & 0xff) + "." + ((ip >>> 8) & 0xff) + "." + (ip & 0xff);
    }

    /**
     * Parses a dotted quad.
     *
     * @throws IllegalArgumentException shaped as "IPv4 address: actual (expected: four numbers 0-255 ...)"
     */
    public static int parse(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            throw invalid(text);
        }
        int ip = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw invalid(text);
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                throw invalid(text);
            }
            ip = (ip << 8) | value;
        }
        return ip;
    }

    /** Reads four bytes at {@code offset} as an address. */
    public static int read(byte[] data, int offset) {
        return ((data[offset] & 0xff) << 24) | ((data[offset + 1] & 0xff) << 16)
                | ((data[offset + 2] & 0xff) << 8) | (data[offset + 3] & 0xff);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "IPv4 address: " + text + " (expected: four numbers 0-255 such as 192.0.2.100)");
    }
}
