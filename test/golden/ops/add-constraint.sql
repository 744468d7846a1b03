-- The 'addConstraint' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- add foreign key
-- up
ALTER TABLE app.tasks ADD CONSTRAINT tasks_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE;
-- down
ALTER TABLE app.tasks DROP CONSTRAINT tasks_owner_id_fkey;

-- add NOT VALID check
-- up
ALTER TABLE users ADD CONSTRAINT users_age_check CHECK (age >= 0) NOT VALID;
-- down
ALTER TABLE users DROP CONSTRAINT users_age_check;
