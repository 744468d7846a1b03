-- The 'addColumn' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- add column with a comment
-- up
ALTER TABLE users ADD COLUMN bio text;
COMMENT ON COLUMN users.bio IS 'User''s bio';
-- down
ALTER TABLE users DROP COLUMN bio;
