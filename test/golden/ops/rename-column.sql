-- The 'renameColumn' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- rename column
-- up
ALTER TABLE users RENAME COLUMN name TO "user";
-- down
ALTER TABLE users RENAME COLUMN "user" TO name;
