-- Lead notes (agentctl lead note): timestamped free text about a lead, appended by people, never edited. Kept apart
-- from leads.qualification (what the caller told the assistant) so a note's author and time are known.
CREATE TABLE lead_notes (
    id          ${id_pk},
    tenant_id   BIGINT       NOT NULL REFERENCES tenants (id),
    lead_id     BIGINT       NOT NULL REFERENCES leads (id),
    author      VARCHAR(100) NOT NULL,
    text        TEXT         NOT NULL,
    created_at  ${ts}        NOT NULL
);
CREATE INDEX lead_notes_lead ON lead_notes (tenant_id, lead_id, created_at);

-- lead list / export filter by status and page by id (keyset) within a tenant.
CREATE INDEX leads_tenant_status ON leads (tenant_id, status);
-- lead forget finds a person's calls by lead and by number.
CREATE INDEX calls_tenant_lead ON calls (tenant_id, lead_id);
CREATE INDEX calls_tenant_from ON calls (tenant_id, from_number);
