-- The 'dropIndex' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- drop index
-- up
DROP INDEX app.tasks_status_idx;
-- down
CREATE INDEX tasks_status_idx ON app.tasks USING btree (status, due_at DESC) INCLUDE (title) WITH (fillfactor = 90) WHERE deleted_at IS NULL;
COMMENT ON INDEX app.tasks_status_idx IS 'Open tasks by status';

-- drop index concurrently without its model
-- up
-- outside transaction
DROP INDEX CONCURRENTLY docs_embedding_idx;
-- down
-- irreversible: index docs_embedding_idx is not described: pass its model to op.dropIndex
