-- The 'dropConstraint' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- drop unique constraint
-- up
ALTER TABLE users DROP CONSTRAINT users_email_key;
-- down
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE NULLS NOT DISTINCT (email);

-- drop constraint without its model
-- up
ALTER TABLE users DROP CONSTRAINT users_pkey;
-- down
-- irreversible: constraint users_pkey of users is not described: pass its model to op.dropConstraint
