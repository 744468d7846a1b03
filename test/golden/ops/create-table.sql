-- The 'createTable' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- create table with everything
-- up
CREATE TABLE app.tasks (
  id bigint GENERATED ALWAYS AS IDENTITY (START WITH 100) NOT NULL,
  owner_id uuid NOT NULL,
  title text NOT NULL,
  status app.task_status DEFAULT 'todo' NOT NULL,
  due_at timestamp with time zone,
  deleted_at timestamp with time zone,
  CONSTRAINT tasks_pkey PRIMARY KEY (id),
  CONSTRAINT tasks_title_check CHECK (title <> '')
);
ALTER TABLE app.tasks ADD CONSTRAINT tasks_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX tasks_status_idx ON app.tasks USING btree (status, due_at DESC) INCLUDE (title) WITH (fillfactor = 90) WHERE deleted_at IS NULL;
COMMENT ON TABLE app.tasks IS 'Things to do';
COMMENT ON COLUMN app.tasks.title IS 'What to do';
COMMENT ON INDEX app.tasks_status_idx IS 'Open tasks by status';
-- down
DROP TABLE app.tasks;
