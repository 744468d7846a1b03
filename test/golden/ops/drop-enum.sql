-- The 'dropEnum' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- drop enum
-- up
DROP TYPE mood;
-- down
CREATE TYPE mood AS ENUM ('sad', 'happy');

-- drop enum without its labels
-- up
DROP TYPE mood;
-- down
-- irreversible: the labels of enum mood are not known: pass them to op.dropEnum
