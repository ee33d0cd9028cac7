-- The receptionist (issue 9).
-- Tenant persona and lead-scoring rules, JSON validated by the services (io.moked.crm.tenant.Persona,
-- ScoringRules). NULL = the tenant predates them: moked.tenant-defaults.persona / .scoring apply until it is updated.
ALTER TABLE tenants ADD COLUMN persona TEXT;
ALTER TABLE tenants ADD COLUMN scoring TEXT;

-- A short model-written summary of the call (post-call), shown to the assistant on the caller's next calls instead
-- of raw transcripts; and the call's outcome (booked, qualified, call-back, not-interested, wrong-number, spam).
ALTER TABLE calls ADD COLUMN summary TEXT;
ALTER TABLE calls ADD COLUMN outcome VARCHAR(32);

-- A lead's earlier calls, newest first, for {{earlier_calls}}.
CREATE INDEX calls_tenant_lead_started ON calls (tenant_id, lead_id, started_at);

-- Free-slot searches and bookings look up a lead's own meetings.
CREATE INDEX meetings_tenant_lead ON meetings (tenant_id, lead_id, starts_at);
