package io.moked.health;

import io.micronaut.context.env.Environment;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration.NettyListenerConfiguration;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Gives the HTTP server two listeners: the public one ({@code micronaut.server.host}/{@code port}, what Twilio
 * reaches) and the management one ({@code moked.management.host}/{@code port}, 127.0.0.1:8081 by default) that alone
 * serves /ready, /warmup, /prometheus and Micronaut's management endpoints ({@link PortSeparationFilter} enforces
 * which path is served on which). When the public port is random (-1: tests, {@code agentctl serve --port -1}) the
 * management port is random too, so two appliances on one machine never fight over it. A site that configures
 * {@code micronaut.server.netty.listeners} itself keeps its own listeners; the first one is then the public one.
 */
@Singleton
public class ManagementListeners implements BeanCreatedEventListener<NettyHttpServerConfiguration> {
    /** Micronaut's own default when micronaut.server.port is not set (random in the test environment). */
    private static final int MICRONAUT_DEFAULT_PORT = 8080;
    private static final int RANDOM_PORT = -1;

    private final ManagementPort management;
    private final Environment environment;

    public ManagementListeners(ManagementPort management, Environment environment) {
        this.management = management;
        this.environment = environment;
    }

    @Override
    public NettyHttpServerConfiguration onCreated(BeanCreatedEvent<NettyHttpServerConfiguration> event) {
        NettyHttpServerConfiguration server = event.getBean();
        if (server.getListeners() != null && !server.getListeners().isEmpty()) {
            return server;
        }
        int publicPort = server.getPort().orElse(
                environment.getActiveNames().contains(Environment.TEST) ? RANDOM_PORT : MICRONAUT_DEFAULT_PORT);
        int managementPort = publicPort <= 0 ? RANDOM_PORT : management.configuredPort();
        if (managementPort > 0 && managementPort == publicPort) {
            throw new IllegalStateException("moked.management.port " + managementPort
                    + " is the public HTTP port too: management endpoints need a port of their own");
        }
        server.setListeners(List.of(
                NettyListenerConfiguration.createTcp(server.getHost().orElse(null), publicPort, false, null, null),
                NettyListenerConfiguration.createTcp(management.host(), managementPort, false, null, null)));
        return server;
    }
}
