package dev.drcheck.core.config;

import dev.drcheck.core.config.ConfiguredRealServer.HealthCheck;
import dev.drcheck.core.net.Ipv4;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpvsadmParserTest {

    @Test
    void readsTheListTable() throws ConfigException {
        ClusterConfig config = IpvsadmParser.parse("--ipvs t", """
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port Scheduler Flags
                  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
                TCP  192.0.2.100:80 wrr persistent 300
                  -> 192.0.2.11:80                Route   3      0          0
                  -> 192.0.2.12:8080              Masq    1      2          5
                UDP  192.0.2.100:53 rr
                  -> 192.0.2.13:53                Tunnel  1      0          0
                  -> 192.0.2.2:53                 Local   0      0          0
                """);
        assertThat(config.format()).isEqualTo(ClusterConfig.Format.IPVSADM);
        assertThat(config.services()).hasSize(2);
        VirtualService web = config.services().get(0);
        assertThat(web.protocol()).isEqualTo(VirtualService.Protocol.TCP);
        assertThat(web.address()).isEqualTo("192.0.2.100:80");
        assertThat(web.scheduler()).isEqualTo("wrr");
        assertThat(web.persistenceSeconds()).isEqualTo(300);
        assertThat(web.line()).isEqualTo(4);
        assertThat(web.realServers()).extracting(ConfiguredRealServer::address)
                .containsExactly("192.0.2.11:80", "192.0.2.12:8080");
        assertThat(web.realServers()).extracting(ConfiguredRealServer::weight).containsExactly(3, 1);
        assertThat(web.realServers()).extracting(ConfiguredRealServer::method)
                .containsExactly(ForwardingMethod.DR, ForwardingMethod.NAT);
        assertThat(web.realServers().get(0).healthCheck()).isEqualTo(HealthCheck.UNKNOWN);
        VirtualService dns = config.services().get(1);
        assertThat(dns.protocol()).isEqualTo(VirtualService.Protocol.UDP);
        assertThat(dns.persistent()).isFalse();
        assertThat(dns.realServers()).extracting(ConfiguredRealServer::method)
                .containsExactly(ForwardingMethod.TUN, ForwardingMethod.LOCAL);
        assertThat(config.vips()).containsExactly(Ipv4.parse("192.0.2.100"));
    }

    @Test
    void readsIpvsadmSave() throws ConfigException {
        ClusterConfig config = IpvsadmParser.parse("--ipvs t", """
                -A -t 192.0.2.100:80 -s wrr -p 300
                -a -t 192.0.2.100:80 -r 192.0.2.11:80 -g -w 1
                -a -t 192.0.2.100:80 -r 192.0.2.12:80 -m -w 2
                -a -t 192.0.2.100:80 -r 192.0.2.13:80 -i -w 0
                -A -u 192.0.2.100:53 -s sh
                -a -u 192.0.2.100:53 -r 192.0.2.11:53 -g
                """);
        VirtualService web = config.services().get(0);
        assertThat(web.scheduler()).isEqualTo("wrr");
        assertThat(web.persistenceSeconds()).isEqualTo(300);
        assertThat(web.realServers()).extracting(ConfiguredRealServer::method)
                .containsExactly(ForwardingMethod.DR, ForwardingMethod.NAT, ForwardingMethod.TUN);
        assertThat(web.realServers()).extracting(ConfiguredRealServer::weight).containsExactly(1, 2, 0);
        assertThat(config.services().get(1).realServers().get(0).weight()).isEqualTo(1);
        assertThat(config.service(Ipv4.parse("192.0.2.100"), 53)).isPresent();
    }

    @Test
    void persistentWithoutTimeoutMeansThreeHundredSeconds() throws ConfigException {
        ClusterConfig config = IpvsadmParser.parse("x", "-A -t 192.0.2.100:443 -s rr -p\n");
        assertThat(config.services().get(0).persistenceSeconds()).isEqualTo(300);
    }

    @Test
    void aBadForwardingMethodNamesTheLine() {
        assertThatThrownBy(() -> IpvsadmParser.parse("x", "TCP  192.0.2.100:80 rr\n  -> 192.0.2.11:80 Bridge 1 0 0\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("line 2: forwarding method: Bridge (expected: Route, Masq, Tunnel or Local)");
    }

    @Test
    void aRealServerBeforeAnyService() {
        assertThatThrownBy(() -> IpvsadmParser.parse("x", "  -> 192.0.2.11:80 Route 1 0 0\n"))
                .hasMessageStartingWith("line 1: real server before any service: '-> 192.0.2.11:80 Route 1 0 0'"
                        + " (expected: a service line");
    }

    @Test
    void aNameInsteadOfAnAddress() {
        assertThatThrownBy(() -> IpvsadmParser.parse("x", "-A -t www.example.com:http -s rr\n"))
                .hasMessageStartingWith("line 1: virtual service address: www.example.com (expected: an IPv4 address")
                .hasMessageContaining("ipvsadm-save -n");
    }

    @Test
    void aBadWeight() {
        assertThatThrownBy(() -> IpvsadmParser.parse("x", "-A -t 192.0.2.100:80 -s rr\n"
                + "-a -t 192.0.2.100:80 -r 192.0.2.11:80 -g -w heavy\n"))
                .hasMessage("line 2: weight: heavy (expected: a number)");
    }

    @Test
    void aRealServerOfAnUndeclaredService() {
        assertThatThrownBy(() -> IpvsadmParser.parse("x", "-a -t 192.0.2.100:80 -r 192.0.2.11:80 -g -w 1\n"))
                .hasMessageStartingWith("line 1: real server for a service not declared");
    }

    @Test
    void anUnknownOption() {
        assertThatThrownBy(() -> IpvsadmParser.parse("x", "-A -t 192.0.2.100:80 -s rr --frobnicate\n"))
                .hasMessageStartingWith("line 1: ipvsadm option: --frobnicate");
    }

    @Test
    void firewallMarksAreUnsupported() {
        assertThatThrownBy(() -> IpvsadmParser.parse("x", "FWM  1 rr\n"))
                .hasMessageStartingWith("line 1: firewall-mark service 'FWM  1 rr' is not supported");
        assertThatThrownBy(() -> IpvsadmParser.parse("x", "-A -f 1 -s rr\n"))
                .hasMessageContaining("is not supported");
    }

    @Test
    void theStatsTableIsRefused() {
        assertThatThrownBy(() -> IpvsadmParser.parse("x", """
                IP Virtual Server version 1.2.1 (size=4096)
                Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes
                """)).hasMessageStartingWith("line 2: ipvsadm --stats/--rate table");
    }

    @Test
    void ipv6IsRefused() {
        assertThatThrownBy(() -> IpvsadmParser.parse("x", "TCP  [2001:db8::1]:80 rr\n"))
                .hasMessageContaining("is IPv6");
    }

    @Test
    void garbageAndEmptyFiles() {
        assertThatThrownBy(() -> IpvsadmParser.parse("x", "hello world\n"))
                .hasMessageStartingWith("line 1: line: 'hello world' (expected: a service line");
        assertThatThrownBy(() -> IpvsadmParser.parse("x", "\n# nothing\n"))
                .hasMessageStartingWith("no virtual service found (expected:");
    }

    @Test
    void aPortOutOfRange() {
        assertThatThrownBy(() -> IpvsadmParser.parse("x", "TCP  192.0.2.100:70000 rr\n"))
                .hasMessage("line 1: virtual service address: 70000 (expected: a port 1-65535)");
    }
}
