-- Moked schema, shared by SQLite and PostgreSQL. Column types that differ are Flyway placeholders
-- (${id_pk}, ${ts}); see docs/database.md. All timestamps are UTC instants. JSON lives in TEXT columns and is
-- validated by the services. Every tenant-owned table carries tenant_id.

CREATE TABLE tenants (
    id                      ${id_pk},
    slug                    VARCHAR(64)  NOT NULL UNIQUE,
    business_name           VARCHAR(200) NOT NULL,
    assistant_name          VARCHAR(100) NOT NULL,
    locale                  VARCHAR(35)  NOT NULL DEFAULT 'he-IL',
    time_zone               VARCHAR(64)  NOT NULL DEFAULT 'Asia/Jerusalem',
    greeting_template       TEXT         NOT NULL,
    business_hours          TEXT         NOT NULL,               -- JSON {"SUNDAY":["09:00-18:00"],...}
    meeting_minutes         INTEGER      NOT NULL,
    transfer_number         VARCHAR(20),                         -- E.164
    recording_enabled       BOOLEAN      NOT NULL DEFAULT FALSE,
    retention_days          INTEGER      NOT NULL DEFAULT 2,
    max_concurrent_calls    INTEGER      NOT NULL,
    end_of_turn_silence_ms  INTEGER,                             -- per-tenant VAD override; NULL = engine default
    dtmf_actions            TEXT         NOT NULL,               -- JSON {"0":"transfer"}
    messages                TEXT         NOT NULL,               -- JSON fixed phrases {"busy":"...",...}
    voice                   VARCHAR(100),                        -- TTS voice id; NULL = appliance default
    twilio_account_sid      VARCHAR(64),
    twilio_auth_token_ref   VARCHAR(200),                        -- reference to a secret file, never the token
    created_at              ${ts}        NOT NULL,
    updated_at              ${ts}        NOT NULL,
    CHECK (retention_days >= 0),
    CHECK (meeting_minutes > 0),
    CHECK (max_concurrent_calls > 0)
);

CREATE TABLE tenant_phone_numbers (
    id          ${id_pk},
    tenant_id   BIGINT      NOT NULL REFERENCES tenants (id),
    e164        VARCHAR(20) NOT NULL UNIQUE,
    created_at  ${ts}       NOT NULL
);
CREATE INDEX tenant_phone_numbers_tenant ON tenant_phone_numbers (tenant_id);

CREATE TABLE prompts (
    id          ${id_pk},
    tenant_id   BIGINT      NOT NULL REFERENCES tenants (id),
    channel     VARCHAR(16) NOT NULL,                            -- voice | whatsapp | sms | chat
    created_at  ${ts}       NOT NULL,
    UNIQUE (tenant_id, channel)
);

-- Immutable: no UPDATE is allowed (trigger in the product folder).
CREATE TABLE prompt_versions (
    id          ${id_pk},
    prompt_id   BIGINT       NOT NULL REFERENCES prompts (id),
    tenant_id   BIGINT       NOT NULL REFERENCES tenants (id),
    version     INTEGER      NOT NULL,
    body        TEXT         NOT NULL,
    note        VARCHAR(500),
    author      VARCHAR(100) NOT NULL,
    created_at  ${ts}        NOT NULL,
    UNIQUE (prompt_id, version)
);
CREATE INDEX prompt_versions_tenant ON prompt_versions (tenant_id);

-- Append-only history; the newest row of a prompt is the active version. previous_activation_id makes rollback a
-- stack pop (activate v1, v2, v3; rollback -> v2; rollback -> v1).
CREATE TABLE prompt_activations (
    id                      ${id_pk},
    prompt_id               BIGINT       NOT NULL REFERENCES prompts (id),
    tenant_id               BIGINT       NOT NULL REFERENCES tenants (id),
    version_id              BIGINT       NOT NULL REFERENCES prompt_versions (id),
    previous_activation_id  BIGINT       REFERENCES prompt_activations (id),
    action                  VARCHAR(16)  NOT NULL,               -- activate | rollback
    actor                   VARCHAR(100) NOT NULL,
    activated_at            ${ts}        NOT NULL
);
CREATE INDEX prompt_activations_prompt ON prompt_activations (prompt_id, id);

CREATE TABLE lead_statuses (
    id          ${id_pk},
    tenant_id   BIGINT       NOT NULL REFERENCES tenants (id),
    code        VARCHAR(32)  NOT NULL,
    label       VARCHAR(100) NOT NULL,
    position    INTEGER      NOT NULL,
    created_at  ${ts}        NOT NULL,
    UNIQUE (tenant_id, code)
);

CREATE TABLE leads (
    id             ${id_pk},
    tenant_id      BIGINT       NOT NULL REFERENCES tenants (id),
    phone          VARCHAR(20)  NOT NULL,                        -- E.164
    name           VARCHAR(200),
    email          VARCHAR(254),
    source         VARCHAR(32)  NOT NULL,                        -- call | whatsapp | sms | chat | manual | import
    status         VARCHAR(32)  NOT NULL,
    qualification  TEXT         NOT NULL,                        -- JSON {"budget":"...","area":"...",...}
    score          INTEGER,
    tier           VARCHAR(8),                                   -- hot | warm | cold
    created_at     ${ts}        NOT NULL,
    updated_at     ${ts}        NOT NULL,
    UNIQUE (tenant_id, phone),
    FOREIGN KEY (tenant_id, status) REFERENCES lead_statuses (tenant_id, code),
    CHECK (score IS NULL OR (score >= 0 AND score <= 100)),
    CHECK (tier IS NULL OR tier IN ('hot', 'warm', 'cold'))
);
CREATE INDEX leads_tenant_updated ON leads (tenant_id, updated_at);

CREATE TABLE calls (
    id                    ${id_pk},
    tenant_id             BIGINT       NOT NULL REFERENCES tenants (id),
    call_sid              VARCHAR(64)  NOT NULL UNIQUE,
    from_number           VARCHAR(64)  NOT NULL,                 -- as Twilio sent it (may be "anonymous")
    to_number             VARCHAR(64)  NOT NULL,
    direction             VARCHAR(16)  NOT NULL,                 -- inbound | outbound
    status                VARCHAR(16)  NOT NULL,                 -- Twilio call status
    status_rank           INTEGER      NOT NULL,                 -- lifecycle order, for out-of-order callbacks
    status_seq            INTEGER      NOT NULL,                 -- Twilio SequenceNumber of the applied status
    status_at             ${ts}        NOT NULL,
    started_at            ${ts}        NOT NULL,
    answered_at           ${ts},
    ended_at              ${ts},
    end_reason            VARCHAR(32),
    lead_id               BIGINT       REFERENCES leads (id),
    prompt_version_id     BIGINT       REFERENCES prompt_versions (id),
    recording_path        VARCHAR(500),
    recording_deleted_at  ${ts},
    degraded              BOOLEAN      NOT NULL DEFAULT FALSE,
    degraded_reason       VARCHAR(500),
    created_at            ${ts}        NOT NULL,
    updated_at            ${ts}        NOT NULL
);
CREATE INDEX calls_tenant_started ON calls (tenant_id, started_at);
CREATE INDEX calls_tenant_ended ON calls (tenant_id, ended_at);

CREATE TABLE call_turns (
    id              ${id_pk},
    call_id         BIGINT       NOT NULL REFERENCES calls (id),
    tenant_id       BIGINT       NOT NULL REFERENCES tenants (id),
    seq             INTEGER      NOT NULL,
    role            VARCHAR(16)  NOT NULL,                       -- user | assistant | tool | system
    text            TEXT         NOT NULL,
    start_ms        BIGINT,                                      -- offsets from call start
    end_ms          BIGINT,
    stt_confidence  DOUBLE PRECISION,
    interrupted     BOOLEAN      NOT NULL DEFAULT FALSE,
    latency_ms      INTEGER,                                     -- end of user speech -> first assistant audio
    created_at      ${ts}        NOT NULL,
    UNIQUE (call_id, seq)
);
CREATE INDEX call_turns_tenant ON call_turns (tenant_id);

CREATE TABLE meetings (
    id          ${id_pk},
    tenant_id   BIGINT       NOT NULL REFERENCES tenants (id),
    lead_id     BIGINT       NOT NULL REFERENCES leads (id),
    call_id     BIGINT       REFERENCES calls (id),
    starts_at   ${ts}        NOT NULL,
    ends_at     ${ts}        NOT NULL,
    kind        VARCHAR(16)  NOT NULL,                           -- viewing | meeting
    address     VARCHAR(500),
    notes       TEXT,
    status      VARCHAR(16)  NOT NULL,                           -- scheduled | confirmed | cancelled | done | no-show
    created_at  ${ts}        NOT NULL,
    updated_at  ${ts}        NOT NULL,
    CHECK (ends_at > starts_at)
);
CREATE INDEX meetings_tenant_starts ON meetings (tenant_id, starts_at);

CREATE TABLE reminders (
    id          ${id_pk},
    tenant_id   BIGINT       NOT NULL REFERENCES tenants (id),
    meeting_id  BIGINT       NOT NULL REFERENCES meetings (id),
    due_at      ${ts}        NOT NULL,
    channel     VARCHAR(16)  NOT NULL,                           -- sms | whatsapp | voice
    sent_at     ${ts},
    created_at  ${ts}        NOT NULL
);
CREATE INDEX reminders_due ON reminders (sent_at, due_at);

CREATE TABLE audit_log (
    id          ${id_pk},
    tenant_id   BIGINT       REFERENCES tenants (id),            -- NULL for appliance-wide actions
    actor       VARCHAR(100) NOT NULL,
    action      VARCHAR(64)  NOT NULL,
    entity      VARCHAR(64)  NOT NULL,
    entity_id   VARCHAR(64),
    before_json TEXT,
    after_json  TEXT,
    at          ${ts}        NOT NULL
);
CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, at);
