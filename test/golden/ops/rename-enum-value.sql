-- The 'renameEnumValue' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- rename enum value
-- up
ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
-- down
ALTER TYPE mood RENAME VALUE 'blue' TO 'sad';
