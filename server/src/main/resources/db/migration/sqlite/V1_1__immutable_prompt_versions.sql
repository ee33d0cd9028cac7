-- Prompt versions are immutable: a change is a new version.
CREATE TRIGGER prompt_versions_no_update
    BEFORE UPDATE ON prompt_versions
BEGIN
    SELECT RAISE(ABORT, 'prompt versions are immutable');
END;
