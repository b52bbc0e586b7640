/**
 * The cluster's own configuration as the expected topology: {@code ipvsadm -Ln} / {@code ipvsadm-save -n} output
 * ({@link dev.drcheck.core.config.IpvsadmParser}) and the {@code virtual_server} blocks of a keepalived.conf
 * ({@link dev.drcheck.core.config.KeepalivedParser}), read into an immutable
 * {@link dev.drcheck.core.config.ClusterConfig}. Parsing is pure and tolerant of what it does not need; a line it
 * cannot make sense of is a {@link dev.drcheck.core.config.ConfigException} naming the line, never a stack trace.
 */
package dev.drcheck.core.config;
