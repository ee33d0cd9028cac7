-- Caller IDs up to 255 characters (SIP URIs are longer than 64); CallService checks the same limit on both databases.
ALTER TABLE calls ALTER COLUMN from_number TYPE VARCHAR(255);
ALTER TABLE calls ALTER COLUMN to_number TYPE VARCHAR(255);
