-- The 'renameConstraint' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- rename constraint
-- up
ALTER TABLE users RENAME CONSTRAINT people_pkey TO users_pkey;
-- down
ALTER TABLE users RENAME CONSTRAINT users_pkey TO people_pkey;
