package dev.drcheck.core.config;

import dev.drcheck.core.config.ConfiguredRealServer.HealthCheck;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeepalivedParserTest {

    @Test
    void readsVirtualServersAndSkipsOtherBlocks() throws ConfigException {
        ClusterConfig config = KeepalivedParser.parse("--keepalived k", """
                ! Configuration File for keepalived
                global_defs {
                   router_id LVS_DEVEL   # a comment
                }
                vrrp_instance VI_1 {
                    state MASTER
                    virtual_ipaddress {
                        192.0.2.100
                    }
                }
                virtual_server 192.0.2.100 80 {
                    delay_loop 6
                    lb_algo wrr
                    lb_kind DR
                    persistence_timeout 50
                    protocol TCP

                    real_server 192.0.2.11 80 {
                        weight 3
                        TCP_CHECK {
                            connect_timeout 3
                        }
                    }
                    real_server 192.0.2.12 80
                    {
                        weight 1
                        HTTP_GET { url { path / status_code 200 } }
                    }
                    real_server 192.0.2.13 80 { weight 2 }
                }
                virtual_server 192.0.2.101 443 {
                    lvs_sched rr
                    lvs_method TUN
                    real_server 192.0.2.21 443 {
                        lb_kind NAT
                    }
                }
                """);
        assertThat(config.format()).isEqualTo(ClusterConfig.Format.KEEPALIVED);
        assertThat(config.services()).hasSize(2);
        VirtualService web = config.services().get(0);
        assertThat(web.address()).isEqualTo("192.0.2.100:80");
        assertThat(web.line()).isEqualTo(11);
        assertThat(web.scheduler()).isEqualTo("wrr");
        assertThat(web.persistenceSeconds()).isEqualTo(50);
        assertThat(web.realServers()).extracting(ConfiguredRealServer::weight).containsExactly(3, 1, 2);
        assertThat(web.realServers()).extracting(ConfiguredRealServer::healthCheck)
                .containsExactly(HealthCheck.CONFIGURED, HealthCheck.CONFIGURED, HealthCheck.NONE);
        assertThat(web.realServers()).allMatch(rs -> rs.method() == ForwardingMethod.DR);
        VirtualService tls = config.services().get(1);
        assertThat(tls.scheduler()).isEqualTo("rr");
        assertThat(tls.realServers().get(0).method()).isEqualTo(ForwardingMethod.NAT);
        assertThat(tls.realServers().get(0).weight()).isEqualTo(1);
    }

    @Test
    void lbKindDefaultsToNatAsInKeepalived() throws ConfigException {
        ClusterConfig config = KeepalivedParser.parse("k", "virtual_server 192.0.2.100 80 {\n"
                + " real_server 192.0.2.11 80 {\n weight 1\n }\n}\n");
        assertThat(config.services().get(0).realServers().get(0).method()).isEqualTo(ForwardingMethod.NAT);
        assertThat(config.services().get(0).protocol()).isEqualTo(VirtualService.Protocol.TCP);
    }

    @Test
    void aBadLbKindNamesTheLine() {
        assertThatThrownBy(() -> KeepalivedParser.parse("k", "virtual_server 192.0.2.100 80 {\n"
                + "    lb_kind BRIDGE\n}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("line 2: lb_kind: BRIDGE (expected: DR, NAT or TUN)");
    }

    @Test
    void anUnclosedBlock() {
        assertThatThrownBy(() -> KeepalivedParser.parse("k", "virtual_server 192.0.2.100 80 {\n"
                + "    real_server 192.0.2.11 80 {\n        weight 1\n}\n"))
                .hasMessage("line 1: block: '{' never closed (expected: a '}' for the block opened here)");
    }

    @Test
    void aStrayClosingBrace() {
        assertThatThrownBy(() -> KeepalivedParser.parse("k", "global_defs {\n}\n}\n"))
                .hasMessage("line 3: block: '}' closes nothing (expected: as many '{' as '}')");
    }

    @Test
    void aBadWeight() {
        assertThatThrownBy(() -> KeepalivedParser.parse("k", "virtual_server 192.0.2.100 80 {\n"
                + " real_server 192.0.2.11 80 {\n  weight much\n }\n}\n"))
                .hasMessage("line 3: weight: much (expected: a number)");
    }

    @Test
    void aMissingPort() {
        assertThatThrownBy(() -> KeepalivedParser.parse("k", "virtual_server 192.0.2.100 {\n}\n"))
                .hasMessage("line 1: virtual_server: 'virtual_server 192.0.2.100'"
                        + " (expected: 'virtual_server IP PORT {')");
    }

    @Test
    void aBadAddress() {
        assertThatThrownBy(() -> KeepalivedParser.parse("k", "virtual_server 192.0.2.300 80 {\n}\n"))
                .hasMessageStartingWith("line 1: virtual_server address: 192.0.2.300 (expected: an IPv4 address");
    }

    @Test
    void fwmarkAndGroupsAreUnsupported() {
        assertThatThrownBy(() -> KeepalivedParser.parse("k", "virtual_server fwmark 1 {\n}\n"))
                .hasMessageStartingWith("line 1: virtual_server fwmark is not supported");
        assertThatThrownBy(() -> KeepalivedParser.parse("k", "virtual_server group web {\n}\n"))
                .hasMessageStartingWith("line 1: virtual_server group is not supported");
    }

    @Test
    void noVirtualServerAtAll() {
        assertThatThrownBy(() -> KeepalivedParser.parse("k", "include /etc/keepalived/conf.d/*.conf\n"))
                .hasMessageStartingWith("no virtual_server block found (it may be in a file this one includes");
    }
}
