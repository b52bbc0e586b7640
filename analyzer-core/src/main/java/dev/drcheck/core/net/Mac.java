package dev.drcheck.core.net;

/** MAC addresses held as the low 48 bits of a long: parsing and formatting. */
public final class Mac {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Mac() {
    }

    /** Formats as {@code 02:00:00:00:00:11}. */
    public static String format(long mac) {
        char[] out = new char[17];
        for (int i = 0; i < 6; i++) {
            int b = (int) (mac >>> (40 - 8 * i)) & 0xff;
            out[i * 3] = HEX[b >>> 4];
            out[i * 3 + 1] = HEX[b & 0xf];
            if (i < 5) {
                out[i * 3 + 2] = ':';
            }
        }
        return new String(out);
    }

    /**
     * Parses {@code 02:00:00:00:00:11} or {@code 02-00-00-00-00-11}.
     *
     * @throws IllegalArgumentException shaped as "MAC address: actual (expected: six hex pairs ...)"
     */
    public static long parse(String text) {
        String[] parts = text.trim().split("[:-]", -1);
        if (parts.length != 6) {
            throw invalid(text);
        }
        long mac = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 2) {
                throw invalid(text);
            }
            int value;
            try {
                value = Integer.parseInt(part, 16);
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            mac = (mac << 8) | value;
        }
        return mac;
    }

    /** Reads six bytes at {@code offset} as a MAC. */
    public static long read(byte[] data, int offset) {
        long mac = 0;
        for (int i = 0; i < 6; i++) {
            mac = (mac << 8) | (data[offset + i] & 0xff);
        }
        return mac;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "MAC address: " + text + " (expected: six hex pairs such as 02:00:00:00:00:11)");
    }
}
