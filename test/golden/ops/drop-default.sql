-- The 'dropDefault' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- drop default
-- up
ALTER TABLE users ALTER COLUMN created_at DROP DEFAULT;
-- down
ALTER TABLE users ALTER COLUMN created_at SET DEFAULT now();

-- drop default not known
-- up
ALTER TABLE users ALTER COLUMN created_at DROP DEFAULT;
-- down
-- irreversible: the default of users.created_at is not known: pass { previous } to op.dropDefault
