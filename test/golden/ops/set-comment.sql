-- The 'setComment' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- comment on table
-- up
COMMENT ON TABLE app.tasks IS 'Bob''s tasks';
-- down
COMMENT ON TABLE app.tasks IS 'Tasks';

-- comment on column
-- up
COMMENT ON COLUMN users.email IS 'Login';
-- down
COMMENT ON COLUMN users.email IS NULL;

-- remove index comment
-- up
COMMENT ON INDEX app.tasks_status_idx IS NULL;
-- down
COMMENT ON INDEX app.tasks_status_idx IS 'Open tasks by status';
