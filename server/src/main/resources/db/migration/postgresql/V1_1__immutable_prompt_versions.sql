-- Prompt versions are immutable: a change is a new version.
CREATE FUNCTION prompt_versions_no_update() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'prompt versions are immutable';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER prompt_versions_no_update
    BEFORE UPDATE ON prompt_versions
    FOR EACH ROW EXECUTE FUNCTION prompt_versions_no_update();
