-- The 'sql' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- raw sql with down
-- up
UPDATE users SET status = 'new' WHERE status IS NULL;
-- down
SELECT 1;

-- raw sql outside a transaction
-- up
-- outside transaction
VACUUM users;
-- down
-- irreversible: raw SQL without a down statement (VACUUM users;): pass the SQL that undoes it to op.sql
