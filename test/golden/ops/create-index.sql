-- The 'createIndex' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- create index
-- up
CREATE INDEX tasks_status_idx ON app.tasks USING btree (status, due_at DESC) INCLUDE (title) WITH (fillfactor = 90) WHERE deleted_at IS NULL;
COMMENT ON INDEX app.tasks_status_idx IS 'Open tasks by status';
-- down
DROP INDEX app.tasks_status_idx;

-- create index concurrently
-- up
-- outside transaction
CREATE INDEX CONCURRENTLY docs_embedding_idx ON docs USING hnsw ((embedding::halfvec(3)) halfvec_cosine_ops) WITH (m = 16, ef_construction = 64);
-- down
-- outside transaction
DROP INDEX CONCURRENTLY docs_embedding_idx;
