package dev.drcheck.cli;

import dev.drcheck.core.finding.Host;
import dev.drcheck.core.finding.Severity;
import dev.drcheck.core.net.Ipv4;
import dev.drcheck.core.net.Mac;
import dev.drcheck.core.topology.TopologyOverrides.VipSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters for the topology flags. They reuse the core parsers, whose messages are already shaped
 * for people ("IPv4 address: 300.1.1.1 (expected: ...)"), and hand them to picocli as one-line usage errors.
 */
final class Converters {
    private Converters() {
    }

    /** {@code --vip IP[:PORT]}. */
    static final class VipConverter implements ITypeConverter<VipSpec> {
        @Override
        public VipSpec convert(String value) {
            int colon = value.lastIndexOf(':');
            String ipText = colon < 0 ? value : value.substring(0, colon);
            int ip = ipv4(ipText);
            int port = -1;
            if (colon >= 0) {
                port = port(value.substring(colon + 1));
            }
            return new VipSpec(ip, port);
        }

        private static int port(String text) {
            String trimmed = text.trim();
            if (!trimmed.isEmpty() && trimmed.length() <= 5 && trimmed.chars().allMatch(Character::isDigit)) {
                int port = Integer.parseInt(trimmed);
                if (port >= 1 && port <= 65_535) {
                    return port;
                }
            }
            throw new TypeConversionException("port: " + text + " (expected: a number 1-65535, as in 192.0.2.100:80)");
        }
    }

    /** {@code --director-mac MAC}. */
    static final class MacConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return mac(value);
        }
    }

    /** {@code --rs MAC[=RIP]}. */
    static final class RealServerConverter implements ITypeConverter<Host> {
        @Override
        public Host convert(String value) {
            int equals = value.indexOf('=');
            if (equals < 0) {
                return Host.macOnly(mac(value));
            }
            return Host.of(mac(value.substring(0, equals)), ipv4(value.substring(equals + 1)));
        }
    }

    /** {@code --fail-on info|warning|error}. */
    static final class SeverityConverter implements ITypeConverter<Severity> {
        @Override
        public Severity convert(String value) {
            try {
                return Severity.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    private static long mac(String text) {
        try {
            return Mac.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    private static int ipv4(String text) {
        try {
            return Ipv4.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
