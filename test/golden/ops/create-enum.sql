-- The 'createEnum' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- create enum
-- up
CREATE TYPE app.task_status AS ENUM ('todo', 'won''t do', 'done');
-- down
DROP TYPE app.task_status;
