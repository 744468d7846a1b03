-- The 'renameTable' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- rename table
-- up
ALTER TABLE app.tasks RENAME TO todos;
-- down
ALTER TABLE app.todos RENAME TO tasks;
