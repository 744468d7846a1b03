-- The 'dropExtension' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- drop extension
-- up
DROP EXTENSION IF EXISTS vector;
-- down
CREATE EXTENSION IF NOT EXISTS vector;
