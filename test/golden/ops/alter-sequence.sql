-- The 'alterSequence' samples of test/unit/ops-samples.ts, rendered up and down.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ops-golden.test.ts rewrites it.

-- alter sequence type and options
-- up
ALTER SEQUENCE n_seq AS bigint INCREMENT BY 10 NO MINVALUE NO MAXVALUE START WITH 1 CYCLE;
-- down
ALTER SEQUENCE n_seq AS integer INCREMENT BY 1 MINVALUE 5 NO MAXVALUE START WITH 5 NO CYCLE;
