-- Caller IDs up to 255 characters: SQLite does not enforce VARCHAR lengths, so nothing changes here (the PostgreSQL
-- companion widens the columns); CallService checks the same limit on both databases.
SELECT 1;
