package dev.drcheck.core.config;

import dev.drcheck.core.config.ConfiguredRealServer.HealthCheck;
import dev.drcheck.core.config.VirtualService.Protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the {@code virtual_server} blocks of a keepalived.conf:
 *
 * <pre>
 * virtual_server 192.0.2.100 80 {
 *     delay_loop 6
 *     lb_algo wrr
 *     lb_kind DR
 *     persistence_timeout 300
 *     protocol TCP
 *     real_server 192.0.2.11 80 {
 *         weight 1
 *         TCP_CHECK { connect_timeout 3 }
 *     }
 * }
 * </pre>
 *
 * Comments start with {@code #} or {@code !}; braces nest and may share a line with other words. Every other
 * block ({@code global_defs}, {@code vrrp_instance}, ...) and every keyword drcheck does not need is skipped.
 * {@code lvs_sched}/{@code lvs_method} are read as synonyms of {@code lb_algo}/{@code lb_kind}; a
 * {@code real_server} may set its own {@code lb_kind}. Unset values take keepalived's defaults: protocol TCP,
 * weight 1, lb_kind NAT, scheduler wlc (the kernel's). Firewall-mark and group virtual servers are refused with a
 * message saying so.
 */
public final class KeepalivedParser {
    private static final Set<String> CHECKS = Set.of("TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK",
            "SMTP_CHECK", "DNS_CHECK", "UDP_CHECK", "PING_CHECK", "FILE_CHECK", "BFD_CHECK");

    private KeepalivedParser() {
    }

    /** A statement: its words and, when it opens a block, the statements inside. */
    private record Statement(List<String> words, int line, List<Statement> block) {
        String keyword() {
            return words.get(0);
        }
    }

    /** A word and the line it is on; "{" and "}" are words of their own. */
    private record Token(String text, int line, boolean endOfLine) {
    }

    /**
     * Parses {@code text}.
     *
     * @param source how the user named the file, e.g. {@code --keepalived keepalived.conf}
     * @throws ConfigException at the first statement that cannot be read, or when no virtual server was found
     */
    public static ClusterConfig parse(String source, String text) throws ConfigException {
        List<Token> tokens = tokenize(text);
        int[] position = {0};
        List<Statement> top = statements(tokens, position, 0);
        List<VirtualService> services = new ArrayList<>();
        boolean includes = false;
        for (Statement s : top) {
            if (s.keyword().equals("virtual_server")) {
                services.add(virtualServer(s));
            } else if (s.keyword().equals("include")) {
                includes = true;
            }
        }
        if (services.isEmpty()) {
            throw new ConfigException(0, "no virtual_server block found"
                    + (includes ? " (it may be in a file this one includes, which drcheck does not follow)" : "")
                    + " (expected: a keepalived.conf with blocks such as 'virtual_server 192.0.2.100 80 { ... }')");
        }
        return new ClusterConfig(source, ClusterConfig.Format.KEEPALIVED, services);
    }

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]);
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            boolean quoted = false;
            for (int c = 0; c < line.length(); c++) {
                char ch = line.charAt(c);
                if (ch == '"') {
                    quoted = !quoted;
                } else if (!quoted && (ch == '{' || ch == '}')) {
                    flush(word, words);
                    words.add(String.valueOf(ch));
                } else if (!quoted && Character.isWhitespace(ch)) {
                    flush(word, words);
                } else {
                    word.append(ch);
                }
            }
            flush(word, words);
            for (int w = 0; w < words.size(); w++) {
                tokens.add(new Token(words.get(w), i + 1, w == words.size() - 1));
            }
        }
        return tokens;
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '#' || c == '!')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (!word.isEmpty()) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    /** Statements up to the "}" that closes the block opened at {@code openLine} (0: the end of the file). */
    private static List<Statement> statements(List<Token> tokens, int[] pos, int openLine) throws ConfigException {
        List<Statement> result = new ArrayList<>();
        List<String> words = new ArrayList<>();
        int line = 0;
        while (pos[0] < tokens.size()) {
            Token t = tokens.get(pos[0]++);
            switch (t.text()) {
                case "{" -> {
                    if (words.isEmpty()) {
                        throw new ConfigException(t.line(), "block: '{' with no keyword before it (expected: a"
                                + " keyword such as virtual_server or real_server before '{')");
                    }
                    List<Statement> block = statements(tokens, pos, t.line());
                    result.add(new Statement(List.copyOf(words), line, block));
                    words.clear();
                }
                case "}" -> {
                    if (!words.isEmpty()) {
                        result.add(new Statement(List.copyOf(words), line, null));
                    }
                    if (openLine == 0) {
                        throw new ConfigException(t.line(), "block: '}' closes nothing (expected: as many '{' as"
                                + " '}')");
                    }
                    return result;
                }
                default -> {
                    if (words.isEmpty()) {
                        line = t.line();
                    }
                    words.add(t.text());
                    if (t.endOfLine() && !nextIsOpenBrace(tokens, pos[0])) {
                        result.add(new Statement(List.copyOf(words), line, null));
                        words.clear();
                    }
                }
            }
        }
        if (openLine != 0) {
            throw new ConfigException(openLine, "block: '{' never closed (expected: a '}' for the block opened"
                    + " here)");
        }
        if (!words.isEmpty()) {
            result.add(new Statement(List.copyOf(words), line, null));
        }
        return result;
    }

    private static boolean nextIsOpenBrace(List<Token> tokens, int pos) {
        return pos < tokens.size() && tokens.get(pos).text().equals("{");
    }

    private static VirtualService virtualServer(Statement s) throws ConfigException {
        List<String> w = s.words();
        if (w.size() >= 2 && (w.get(1).equals("fwmark") || w.get(1).equals("group"))) {
            throw new ConfigException(s.line(), "virtual_server " + w.get(1) + " is not supported (expected:"
                    + " 'virtual_server IP PORT { ... }' with the address written out)");
        }
        if (w.size() != 3) {
            throw new ConfigException(s.line(), "virtual_server: " + Fields.quote(String.join(" ", w))
                    + " (expected: 'virtual_server IP PORT {')");
        }
        if (s.block() == null) {
            throw new ConfigException(s.line(), "virtual_server " + w.get(1) + " " + w.get(2)
                    + ": no block (expected: '{' after it)");
        }
        int vip = Fields.ip(w.get(1), s.line(), "virtual_server address");
        int port = Fields.port(w.get(2), s.line(), "virtual_server port");
        String scheduler = "wlc";
        ForwardingMethod method = ForwardingMethod.NAT;
        Protocol protocol = Protocol.TCP;
        int persistence = 0;
        List<Statement> servers = new ArrayList<>();
        for (Statement inner : s.block()) {
            String key = inner.keyword();
            switch (key) {
                case "lb_algo", "lvs_sched" -> scheduler = value(inner);
                case "lb_kind", "lvs_method" -> method = method(inner);
                case "persistence_timeout" -> persistence = Fields.number(value(inner), inner.line(), key,
                        "the timeout in seconds");
                case "protocol" -> protocol = protocol(inner);
                case "real_server" -> servers.add(inner);
                default -> {
                }
            }
        }
        List<ConfiguredRealServer> realServers = new ArrayList<>();
        for (Statement rs : servers) {
            realServers.add(realServer(rs, method));
        }
        return new VirtualService(protocol, vip, port, scheduler, persistence, realServers, s.line());
    }

    private static ConfiguredRealServer realServer(Statement s, ForwardingMethod serviceMethod)
            throws ConfigException {
        List<String> w = s.words();
        if (w.size() != 3) {
            throw new ConfigException(s.line(), "real_server: " + Fields.quote(String.join(" ", w))
                    + " (expected: 'real_server IP PORT {')");
        }
        int ip = Fields.ip(w.get(1), s.line(), "real_server address");
        int port = Fields.port(w.get(2), s.line(), "real_server port");
        int weight = 1;
        ForwardingMethod method = serviceMethod;
        HealthCheck check = HealthCheck.NONE;
        if (s.block() != null) {
            for (Statement inner : s.block()) {
                String key = inner.keyword();
                if (key.equals("weight")) {
                    weight = Fields.number(value(inner), inner.line(), "weight", "a number");
                } else if (key.equals("lb_kind") || key.equals("lvs_method")) {
                    method = method(inner);
                } else if (CHECKS.contains(key.toUpperCase(Locale.ROOT))) {
                    check = HealthCheck.CONFIGURED;
                }
            }
        }
        return new ConfiguredRealServer(ip, port, weight, method, check, s.line());
    }

    private static String value(Statement s) throws ConfigException {
        if (s.words().size() < 2) {
            throw new ConfigException(s.line(), s.keyword() + ": no value (expected: '" + s.keyword() + " VALUE')");
        }
        return s.words().get(1);
    }

    private static ForwardingMethod method(Statement s) throws ConfigException {
        String v = value(s).toUpperCase(Locale.ROOT);
        return switch (v) {
            case "DR" -> ForwardingMethod.DR;
            case "NAT" -> ForwardingMethod.NAT;
            case "TUN" -> ForwardingMethod.TUN;
            default -> throw new ConfigException(s.line(), s.keyword() + ": " + value(s)
                    + " (expected: DR, NAT or TUN)");
        };
    }

    private static Protocol protocol(Statement s) throws ConfigException {
        String v = value(s).toUpperCase(Locale.ROOT);
        try {
            return Protocol.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.line(), "protocol: " + value(s) + " (expected: TCP, UDP or SCTP)");
        }
    }
}
