-- The 'setDefault' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- set default where there was none
-- up
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'new';
-- down
ALTER TABLE users ALTER COLUMN status DROP DEFAULT;

-- change default
-- up
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'new';
-- down
ALTER TABLE users ALTER COLUMN status SET DEFAULT 'old';
