-- The 'addEnumValue' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- add enum value at the end
-- up
-- outside transaction
ALTER TYPE mood ADD VALUE 'ok';
-- down
ALTER TYPE mood RENAME TO mood__old;
CREATE TYPE mood AS ENUM ('sad', 'happy');
DROP TYPE mood__old;

-- add enum value first, with a column to convert on the way down
-- up
-- outside transaction
ALTER TYPE app.task_status ADD VALUE 'backlog' BEFORE 'todo';
-- down
ALTER TYPE app.task_status RENAME TO task_status__old;
CREATE TYPE app.task_status AS ENUM ('todo', 'done');
ALTER TABLE app.tasks ALTER COLUMN status DROP DEFAULT;
ALTER TABLE app.tasks ALTER COLUMN status TYPE app.task_status USING status::text::app.task_status;
ALTER TABLE app.tasks ALTER COLUMN status SET DEFAULT 'todo';
DROP TYPE app.task_status__old;

-- add enum value without what the downgrade needs
-- up
-- outside transaction
ALTER TYPE mood ADD VALUE 'ok' AFTER 'sad';
-- down
-- irreversible: PostgreSQL cannot remove label 'ok' from enum mood; pass { existing: { values, usages } } to op.addEnumValue so the downgrade can recreate the type

-- add enum value in the middle
-- up
-- outside transaction
ALTER TYPE mood ADD VALUE 'ok' AFTER 'sad';
-- down
ALTER TYPE mood RENAME TO mood__old;
CREATE TYPE mood AS ENUM ('sad', 'happy');
DROP TYPE mood__old;
