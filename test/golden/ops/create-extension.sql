-- The 'createExtension' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- create extension
-- up
CREATE EXTENSION IF NOT EXISTS vector;
-- down
DROP EXTENSION IF EXISTS vector;

-- create extension in a schema
-- up
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA ext;
-- down
DROP EXTENSION IF EXISTS pg_trgm;
