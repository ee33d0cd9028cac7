-- Several appliances on one PostgreSQL database (docs/operations.md "Several appliances"); on SQLite the one
-- appliance uses the same tables.

-- Appliances that run on this database, by node id (moked.cluster.node-id), with their latest heartbeat. A node
-- whose heartbeat is older than moked.cluster.node-timeout is dead: its live calls no longer count.
CREATE TABLE cluster_nodes (
    node_id       VARCHAR(64)  PRIMARY KEY,
    public_url    VARCHAR(500),
    started_at    ${ts}        NOT NULL,
    heartbeat_at  ${ts}        NOT NULL
);

-- One row per call admitted and not ended, with the node that holds it: tenants' concurrent-call limits are
-- counted here across nodes. Written in the admitting transaction, removed when the call ends; rows of a node
-- that crashed are closed by that node when it starts again.
CREATE TABLE live_calls (
    call_sid     VARCHAR(64)  PRIMARY KEY,
    tenant_id    BIGINT       NOT NULL REFERENCES tenants (id),
    node_id      VARCHAR(64)  NOT NULL,
    admitted_at  ${ts}        NOT NULL
);
CREATE INDEX live_calls_tenant ON live_calls (tenant_id);
CREATE INDEX live_calls_node ON live_calls (node_id);

-- Periodic jobs that must run once per cluster (recording retention): when one last started and where.
CREATE TABLE cluster_jobs (
    job              VARCHAR(100) PRIMARY KEY,
    node_id          VARCHAR(64)  NOT NULL,
    last_started_at  ${ts}        NOT NULL
);

-- Crash recovery: an assistant turn is stored as soon as its first sentence is known, and what the caller heard of
-- it is kept here as it is heard (mark echoes). While the turn is being spoken, text = what the agent is saying,
-- interrupted = TRUE and heard_text = the words heard so far; when it is finished, text = what was heard (as for
-- every other turn) and heard_text is NULL. A row left with heard_text set was cut off by a crash.
ALTER TABLE call_turns ADD COLUMN heard_text TEXT;
