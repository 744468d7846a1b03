-- The 'addGenerated' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- make a column generated
-- up
ALTER TABLE users DROP COLUMN total;
ALTER TABLE users ADD COLUMN total integer GENERATED ALWAYS AS (price * qty) STORED;
-- down
ALTER TABLE users ALTER COLUMN total DROP EXPRESSION;
