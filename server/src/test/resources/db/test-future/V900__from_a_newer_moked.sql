-- Test only (SchemaUpgradeContract): a migration this build does not know, as a newer Moked would have applied.
CREATE TABLE newer_feature (id INTEGER);
