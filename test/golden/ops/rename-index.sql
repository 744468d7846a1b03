-- The 'renameIndex' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- rename index
-- up
ALTER INDEX app.tasks_status_idx RENAME TO tasks_by_status;
-- down
ALTER INDEX app.tasks_by_status RENAME TO tasks_status_idx;
