package dev.drcheck.core.config;

import dev.drcheck.core.config.ConfiguredRealServer.HealthCheck;
import dev.drcheck.core.config.VirtualService.Protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what {@code ipvsadm -Ln} or {@code ipvsadm-save -n} prints, telling them apart line by line.
 *
 * <pre>
 * IP Virtual Server version 1.2.1 (size=4096)
 * Prot LocalAddress:Port Scheduler Flags
 *   -&gt; RemoteAddress:Port           Forward Weight ActiveConn InActConn
 * TCP  192.0.2.100:80 wrr persistent 300
 *   -&gt; 192.0.2.11:80                Route   1      0          0
 *
 * -A -t 192.0.2.100:80 -s wrr -p 300
 * -a -t 192.0.2.100:80 -r 192.0.2.11:80 -g -w 1
 * </pre>
 *
 * Empty lines and lines starting with {@code #} are skipped. Firewall-mark services ({@code FWM}, {@code -f}),
 * IPv6 and the {@code --stats}/{@code --rate} tables (which omit scheduler and forwarding method) are refused with
 * a message saying so.
 */
public final class IpvsadmParser {
    private static final String DEFAULT_SCHEDULER = "wlc";
    private static final int DEFAULT_PERSISTENCE = 300;

    private final Map<String, Builder> services = new LinkedHashMap<>();
    private Builder current;

    private IpvsadmParser() {
    }

    /**
     * Parses {@code text}.
     *
     * @param source how the user named the file, e.g. {@code --ipvs ipvsadm.txt}
     * @throws ConfigException at the first line that cannot be read, or when no virtual service was found
     */
    public static ClusterConfig parse(String source, String text) throws ConfigException {
        IpvsadmParser parser = new IpvsadmParser();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            parser.line(lines[i], i + 1);
        }
        if (parser.services.isEmpty()) {
            throw new ConfigException(0, "no virtual service found (expected: the output of ipvsadm -Ln or"
                    + " ipvsadm-save -n, with lines such as 'TCP  192.0.2.100:80 rr' or '-A -t 192.0.2.100:80 -s rr')");
        }
        List<VirtualService> list = new ArrayList<>();
        parser.services.values().forEach(b -> list.add(b.build()));
        return new ClusterConfig(source, ClusterConfig.Format.IPVSADM, list);
    }

    private void line(String raw, int line) throws ConfigException {
        String text = raw.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return;
        }
        String[] f = text.split("\\s+");
        String first = f[0];
        if (text.startsWith("IP Virtual Server") || first.equals("Prot")
                || first.equals("->") && f.length > 1 && f[1].startsWith("RemoteAddress")) {
            if (text.contains("Conns") || text.contains("CPS") || text.contains("InPkts")) {
                throw new ConfigException(line, "ipvsadm --stats/--rate table: " + Fields.quote(text)
                        + " (expected: ipvsadm -Ln or ipvsadm-save -n, which show scheduler and forwarding method)");
            }
            return;
        }
        if (first.equals("->")) {
            listRealServer(f, line, text);
        } else if (first.startsWith("-")) {
            saveLine(f, line, text);
        } else {
            listService(f, line, text);
        }
    }

    /** {@code TCP  192.0.2.100:80 wrr persistent 300}. */
    private void listService(String[] f, int line, String text) throws ConfigException {
        String proto = f[0].toUpperCase(Locale.ROOT);
        if (proto.equals("FWM")) {
            throw new ConfigException(line, "firewall-mark service " + Fields.quote(text) + " is not supported"
                    + " (expected: a TCP, UDP or SCTP service with an address, e.g. 'TCP  192.0.2.100:80 rr')");
        }
        Protocol protocol = protocol(proto, line, text);
        if (f.length < 3) {
            throw new ConfigException(line, "service line: " + Fields.quote(text) + " (expected: PROTOCOL"
                    + " VIP:PORT SCHEDULER [persistent SECONDS], e.g. 'TCP  192.0.2.100:80 rr')");
        }
        int[] address = Fields.address(f[1], line, "virtual service address");
        if (f[2].chars().allMatch(Character::isDigit)) {
            throw new ConfigException(line, "ipvsadm --stats/--rate line: " + Fields.quote(text)
                    + " (expected: ipvsadm -Ln or ipvsadm-save -n, which show scheduler and forwarding method)");
        }
        int persistence = 0;
        for (int i = 3; i < f.length; i++) {
            if (f[i].equals("persistent")) {
                if (i + 1 >= f.length) {
                    throw new ConfigException(line, "persistent: nothing (expected: the timeout in seconds)");
                }
                persistence = Fields.number(f[++i], line, "persistent", "the timeout in seconds");
            }
        }
        current = service(protocol, address, f[2], persistence, line, text);
    }

    /** {@code   -> 192.0.2.11:80  Route  1  0  0}. */
    private void listRealServer(String[] f, int line, String text) throws ConfigException {
        if (current == null) {
            throw new ConfigException(line, "real server before any service: " + Fields.quote(text)
                    + " (expected: a service line such as 'TCP  192.0.2.100:80 rr' above it)");
        }
        if (f.length < 4) {
            throw new ConfigException(line, "real server line: " + Fields.quote(text) + " (expected: '-> RIP:PORT"
                    + " Route|Masq|Tunnel|Local WEIGHT ACTIVECONN INACTCONN')");
        }
        int[] address = Fields.address(f[1], line, "real server address");
        ForwardingMethod method = null;
        for (ForwardingMethod m : ForwardingMethod.values()) {
            if (m.listName().equalsIgnoreCase(f[2])) {
                method = m;
            }
        }
        if (method == null) {
            if (f[2].chars().allMatch(Character::isDigit)) {
                throw new ConfigException(line, "ipvsadm --stats/--rate line: " + Fields.quote(text)
                        + " (expected: ipvsadm -Ln or ipvsadm-save -n, which show the forwarding method)");
            }
            throw new ConfigException(line, "forwarding method: " + f[2] + " (expected: Route, Masq, Tunnel or Local)");
        }
        int weight = Fields.number(f[3], line, "weight", "a number");
        current.add(new ConfiguredRealServer(address[0], address[1], weight, method, HealthCheck.UNKNOWN, line),
                line);
    }

    /** {@code -A -t VIP:PORT -s wrr -p 300} or {@code -a -t VIP:PORT -r RIP:PORT -g -w 1}. */
    private void saveLine(String[] f, int line, String text) throws ConfigException {
        String command = f[0];
        boolean addService = command.equals("-A") || command.equals("--add-service");
        boolean addServer = command.equals("-a") || command.equals("--add-server");
        if (!addService && !addServer) {
            throw new ConfigException(line, "ipvsadm-save line: " + Fields.quote(text)
                    + " (expected: -A to add a service or -a to add a real server)");
        }
        SaveOptions o = saveOptions(f, line, text);
        if (o.service == null) {
            throw new ConfigException(line, "virtual service: missing in " + Fields.quote(text)
                    + " (expected: -t VIP:PORT)");
        }
        if (addService) {
            service(o.protocol, o.service, o.scheduler, o.persistence, line, text);
            return;
        }
        if (o.real == null) {
            throw new ConfigException(line, "real server: missing in " + Fields.quote(text)
                    + " (expected: -r RIP:PORT)");
        }
        Builder owner = services.get(o.protocol + " " + o.service[0] + ":" + o.service[1]);
        if (owner == null) {
            throw new ConfigException(line, "real server for a service not declared: " + Fields.quote(text)
                    + " (expected: an -A line for " + o.protocol + " service " + f[2] + " above it)");
        }
        owner.add(new ConfiguredRealServer(o.real[0], o.real[1], o.weight, o.method, HealthCheck.UNKNOWN, line),
                line);
    }

    /** The options of an ipvsadm-save line; what is not given keeps its ipvsadm default. */
    private static final class SaveOptions {
        private Protocol protocol;
        private int[] service;
        private int[] real;
        private String scheduler = DEFAULT_SCHEDULER;
        private int persistence;
        private ForwardingMethod method = ForwardingMethod.DR;
        private int weight = 1;
    }

    private static SaveOptions saveOptions(String[] f, int line, String text) throws ConfigException {
        SaveOptions o = new SaveOptions();
        for (int i = 1; i < f.length; i++) {
            String opt = f[i];
            String value = i + 1 < f.length ? f[i + 1] : null;
            switch (opt) {
                case "-t", "--tcp-service", "-u", "--udp-service", "--sctp-service" -> {
                    o.protocol = opt.startsWith("-t") || opt.equals("--tcp-service") ? Protocol.TCP
                            : opt.contains("sctp") ? Protocol.SCTP : Protocol.UDP;
                    o.service =
                            Fields.address(require(value, opt, line, "VIP:PORT"), line, "virtual service address");
                    i++;
                }
                case "-f", "--fwmark-service" -> throw new ConfigException(line, "firewall-mark service "
                        + Fields.quote(text) + " is not supported (expected: -t, -u or --sctp-service VIP:PORT)");
                case "-r", "--real-server" -> {
                    o.real = Fields.address(require(value, opt, line, "RIP:PORT"), line, "real server address");
                    i++;
                }
                case "-s", "--scheduler" -> {
                    o.scheduler = require(value, opt, line, "a scheduler name such as rr or wrr");
                    i++;
                }
                case "-p", "--persistent" -> {
                    o.persistence = DEFAULT_PERSISTENCE;
                    if (value != null && !value.startsWith("-")) {
                        o.persistence = Fields.number(value, line, "persistence timeout", "seconds");
                        i++;
                    }
                }
                case "-g", "--gatewaying" -> o.method = ForwardingMethod.DR;
                case "-m", "--masquerading" -> o.method = ForwardingMethod.NAT;
                case "-i", "--ipip" -> o.method = ForwardingMethod.TUN;
                case "-w", "--weight" -> {
                    o.weight = Fields.number(require(value, opt, line, "a number"), line, "weight", "a number");
                    i++;
                }
                case "-M", "--netmask", "-x", "--u-threshold", "-y", "--l-threshold", "--pe", "-b",
                        "--sched-flags", "--tun-type", "--tun-port", "--tun-nocsum", "--tun-csum",
                        "--tun-remcsum" -> {
                    if (value != null && !value.startsWith("-")) {
                        i++;
                    }
                }
                case "-o", "--ops" -> {
                }
                default -> throw new ConfigException(line, "ipvsadm option: " + opt + " in " + Fields.quote(text)
                        + " (expected: -t/-u VIP:PORT, -s SCHEDULER, -p SECONDS, -r RIP:PORT, -g/-m/-i, -w WEIGHT)");
            }
        }
        return o;
    }

    private Builder service(Protocol protocol, int[] address, String scheduler, int persistence, int line,
                            String text) throws ConfigException {
        String key = protocol + " " + address[0] + ":" + address[1];
        if (services.containsKey(key)) {
            throw new ConfigException(line, "service declared twice: " + Fields.quote(text)
                    + " (expected: each virtual service once)");
        }
        Builder builder = new Builder(protocol, address, scheduler, persistence, line);
        services.put(key, builder);
        return builder;
    }

    private static Protocol protocol(String proto, int line, String text) throws ConfigException {
        try {
            return Protocol.valueOf(proto);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(line, "line: " + Fields.quote(text) + " (expected: a service line"
                    + " 'TCP|UDP|SCTP VIP:PORT SCHEDULER', a real server line '-> RIP:PORT METHOD WEIGHT ...',"
                    + " or an ipvsadm-save line starting with -A or -a)");
        }
    }

    private static String require(String value, String option, int line, String expected) throws ConfigException {
        if (value == null || value.startsWith("-") && value.length() > 1 && !Character.isDigit(value.charAt(1))) {
            throw new ConfigException(line, option + ": no value (expected: " + expected + ")");
        }
        return value;
    }

    /** A service being read. */
    private static final class Builder {
        private final Protocol protocol;
        private final int[] address;
        private final String scheduler;
        private final int persistence;
        private final int line;
        private final List<ConfiguredRealServer> realServers = new ArrayList<>();

        Builder(Protocol protocol, int[] address, String scheduler, int persistence, int line) {
            this.protocol = protocol;
            this.address = address;
            this.scheduler = scheduler;
            this.persistence = persistence;
            this.line = line;
        }

        void add(ConfiguredRealServer rs, int line) throws ConfigException {
            for (ConfiguredRealServer other : realServers) {
                if (other.ip() == rs.ip() && other.port() == rs.port()) {
                    throw new ConfigException(line, "real server listed twice: " + rs.address()
                            + " (expected: each real server once per service)");
                }
            }
            realServers.add(rs);
        }

        VirtualService build() {
            return new VirtualService(protocol, address[0], address[1], scheduler, persistence, realServers, line);
        }
    }
}
