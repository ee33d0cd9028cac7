-- An assistant turn that resumed the previous reply after a false interruption (the caller coughed or said "כן"
-- and did not take the turn): it says the sentences the caller had not heard. See docs/call-path.md.
ALTER TABLE call_turns ADD COLUMN resumed BOOLEAN NOT NULL DEFAULT FALSE;
