package io.moked.health;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.http.server.netty.NettyEmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Where management requests are served ({@code moked.management.*}) and, once the server runs, which local ports
 * are the public and the management one. The public port is the server's first listener ({@code getPort()}); the
 * management port is the other bound port.
 */
@Singleton
public class ManagementPort implements ApplicationEventListener<ServerStartupEvent> {
    private final String host;
    private final int configuredPort;
    private volatile int publicPort = -1;
    private volatile int port = -1;

    public ManagementPort(@Value("${moked.management.host:127.0.0.1}") String host,
                          @Value("${moked.management.port:8081}") int configuredPort) {
        this.host = host;
        this.configuredPort = configuredPort;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        publicPort = event.getSource().getPort();
        if (event.getSource() instanceof NettyEmbeddedServer netty) {
            Set<Integer> bound = netty.getBoundPorts();
            port = bound.stream().filter(p -> p != publicPort).findFirst().orElse(-1);
        }
    }

    /** Interface the management listener binds to (127.0.0.1 unless configured). */
    public String host() {
        return host;
    }

    int configuredPort() {
        return configuredPort;
    }

    /** The bound management port, or -1 before the server started. */
    public int port() {
        return port;
    }

    /** The bound public port, or -1 before the server started. */
    public int publicPort() {
        return publicPort;
    }

    /** True when a request that arrived on local port {@code localPort} came in through the management listener. */
    boolean isManagement(int localPort) {
        return port > 0 && localPort == port;
    }
}
