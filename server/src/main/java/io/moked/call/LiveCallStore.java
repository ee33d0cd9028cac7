package io.moked.call;

/**
 * The calls admitted on every appliance sharing the database, beyond this node's memory: tenants' concurrent-call
 * limits are counted here across nodes (docs/operations.md "Several appliances"). The appliance's implementation is
 * {@code io.moked.cluster.LiveCalls}. Blocking (database): called on the webhook's blocking executor, the scheduler
 * and the persistence executor, never on an event loop.
 */
public interface LiveCallStore {
    /**
     * Records {@code callSid} as live on this node, if the tenant's live calls on all nodes are under its limit;
     * atomic across nodes.
     *
     * @param tenantLimit the tenant's max concurrent calls (0 or less = no tenant limit)
     */
    TenantAdmission admit(String callSid, long tenantId, int tenantLimit);

    /** The call is no longer live on this node (ended, or handed to voicemail); safe to call more than once. */
    void release(String callSid);

    /** Ends the call's row with {@code reason} (unless it already ended) and releases it. */
    void close(String tenantSlug, String callSid, String reason);

    /**
     * @param admitted whether the call was recorded as live on this node
     * @param active   the tenant's live calls on all nodes before this one
     * @param liveOn   when not admitted because the call is already live on another node: that node, else null
     */
    record TenantAdmission(boolean admitted, int active, String liveOn) {
    }
}
