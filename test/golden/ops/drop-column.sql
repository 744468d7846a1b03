-- The 'dropColumn' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- drop column
-- up
ALTER TABLE users DROP COLUMN bio;
-- down
ALTER TABLE users ADD COLUMN bio text;
COMMENT ON COLUMN users.bio IS 'User''s bio';

-- drop generated column
-- up
ALTER TABLE users DROP COLUMN total;
-- down
ALTER TABLE users ADD COLUMN total integer GENERATED ALWAYS AS (price * qty) STORED;
