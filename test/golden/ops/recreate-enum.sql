-- The 'recreateEnum' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- recreate enum without a label
-- up
ALTER TYPE mood RENAME TO mood__old;
CREATE TYPE mood AS ENUM ('sad', 'happy');
ALTER TABLE users ALTER COLUMN mood DROP DEFAULT;
ALTER TABLE users ALTER COLUMN mood TYPE mood USING mood::text::mood;
ALTER TABLE users ALTER COLUMN mood SET DEFAULT 'happy';
ALTER TABLE users ALTER COLUMN past_moods TYPE mood[] USING past_moods::text[]::mood[];
DROP TYPE mood__old;
-- down
ALTER TYPE mood RENAME TO mood__old;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
ALTER TABLE users ALTER COLUMN mood DROP DEFAULT;
ALTER TABLE users ALTER COLUMN mood TYPE mood USING mood::text::mood;
ALTER TABLE users ALTER COLUMN mood SET DEFAULT 'ok';
ALTER TABLE users ALTER COLUMN past_moods TYPE mood[] USING past_moods::text[]::mood[];
DROP TYPE mood__old;
