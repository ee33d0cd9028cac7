-- Where each assistant turn's latency went, stage by stage (milliseconds; NULL = the turn had no such stage, e.g.
-- the greeting has no caller speech and no model). end_of_speech_ms comes before the turn's trigger; the other
-- five are consecutive and add up to latency_ms. See docs/database.md.
ALTER TABLE call_turns ADD COLUMN end_of_speech_ms INTEGER;     -- caller's last speech -> VAD end-of-turn decision
ALTER TABLE call_turns ADD COLUMN stt_ms INTEGER;               -- VAD decision -> transcript
ALTER TABLE call_turns ADD COLUMN llm_first_token_ms INTEGER;   -- transcript -> model's first text
ALTER TABLE call_turns ADD COLUMN first_sentence_ms INTEGER;    -- first text -> first sentence ready for TTS
ALTER TABLE call_turns ADD COLUMN tts_first_audio_ms INTEGER;   -- first sentence -> first TTS audio
ALTER TABLE call_turns ADD COLUMN first_frame_sent_ms INTEGER;  -- first TTS audio -> first audio frame sent
