package io.moked.cluster;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Several appliances on one database, {@code moked.cluster.*} (documented with defaults in application.yml and
 * docs/operations.md "Several appliances").
 *
 * @param nodeId            this appliance's id among those sharing the database; empty = derived from the host
 *                          name and the data directory (stable across restarts), see {@link NodeIdentity}
 * @param nodeUrl           the https base URL Twilio reaches this very node at (not the load balancer): media
 *                          streams and Connect actions of the calls it answers go there; empty = moked.public-url
 * @param heartbeatInterval how often the node records that it is alive
 * @param nodeTimeout       a node silent this long is dead: its live calls stop counting against tenants' limits
 */
@ConfigurationProperties("moked.cluster")
public record ClusterConfig(@Bindable(defaultValue = "") String nodeId,
                            @Bindable(defaultValue = "") String nodeUrl,
                            @Bindable(defaultValue = "5s") Duration heartbeatInterval,
                            @Bindable(defaultValue = "30s") Duration nodeTimeout) {
}
