-- A voicemail left by a caller (degraded mode, or the tenant's voicemail key) is kept apart from the call's own
-- recording: Twilio stores the voicemail and gives its URL; the appliance's stereo WAV stays in recording_path
-- (and only that local file is subject to the retention job).
ALTER TABLE calls ADD COLUMN voicemail_url VARCHAR(500);
ALTER TABLE calls ADD COLUMN voicemail_seconds INTEGER;
