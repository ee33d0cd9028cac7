-- Facts the appliance keeps with its data. 'last-migrated-by' = the Moked version that last migrated the schema:
-- an older Moked started on this database names it when it refuses to run (a downgrade, see docs/operations.md).
CREATE TABLE appliance_meta (
    name        VARCHAR(100) PRIMARY KEY,
    value       VARCHAR(500) NOT NULL,
    updated_at  ${ts}        NOT NULL
);
