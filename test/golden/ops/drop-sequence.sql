-- The 'dropSequence' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- drop sequence
-- up
DROP SEQUENCE app.ticket_seq;
-- down
CREATE SEQUENCE app.ticket_seq AS bigint START WITH 1000;
