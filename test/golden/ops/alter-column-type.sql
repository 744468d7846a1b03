-- The 'alterColumnType' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- alter column type with USING both ways
-- up
ALTER TABLE users ALTER COLUMN qty TYPE integer USING qty::integer;
-- down
ALTER TABLE users ALTER COLUMN qty TYPE text;

-- narrow column type with a collation
-- up
ALTER TABLE app.tasks ALTER COLUMN title TYPE character varying(20) COLLATE "C";
-- down
ALTER TABLE app.tasks ALTER COLUMN title TYPE text;

-- alter column type without the previous type
-- up
ALTER TABLE users ALTER COLUMN age TYPE bigint;
-- down
-- irreversible: the previous type of users.age is not known: pass { previous } to op.alterColumnType
