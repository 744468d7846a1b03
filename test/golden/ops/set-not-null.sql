-- The 'setNotNull' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- set not null
-- up
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
-- down
ALTER TABLE users ALTER COLUMN email DROP NOT NULL;
