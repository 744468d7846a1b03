-- The 'dropIdentity' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- drop identity
-- up
ALTER TABLE users ALTER COLUMN id DROP IDENTITY;
-- down
ALTER TABLE users ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
