-- The 'dropSchema' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- drop schema
-- up
DROP SCHEMA app;
-- down
CREATE SCHEMA app;
