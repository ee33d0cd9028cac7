-- What happened to the caller's audio frames of a call's media stream, counted by the appliance from Twilio's
-- chunk numbers (NULL = the call never streamed): received, lost (chunk numbers skipped), duplicate (a chunk number
-- seen again, dropped), dropped (audio ahead of real time).
ALTER TABLE calls ADD COLUMN frames_received BIGINT;
ALTER TABLE calls ADD COLUMN frames_lost BIGINT;
ALTER TABLE calls ADD COLUMN frames_duplicate BIGINT;
ALTER TABLE calls ADD COLUMN frames_dropped BIGINT;
