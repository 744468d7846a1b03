-- The 'createSchema' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- create schema
-- up
CREATE SCHEMA app;
-- down
DROP SCHEMA app;

-- create schema needing quotes
-- up
CREATE SCHEMA "Billing";
-- down
DROP SCHEMA "Billing";
