-- toSql() of the 'documents' fixture in test/support/model-fixtures.ts.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ddl-golden.test.ts rewrites it.

CREATE TABLE documents (
  id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
  owner_id uuid NOT NULL,
  title text NOT NULL,
  body text DEFAULT ''::text NOT NULL,
  data jsonb DEFAULT '{}'::jsonb NOT NULL,
  tags text[] DEFAULT '{}'::text[] NOT NULL,
  search tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, (title || ' '::text) || body)) STORED,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  deleted_at timestamp with time zone,
  CONSTRAINT documents_pkey PRIMARY KEY (id),
  CONSTRAINT documents_title_check CHECK (btrim(title) <> ''::text)
);

CREATE INDEX documents_data_idx ON documents USING gin (data jsonb_path_ops);
CREATE INDEX documents_owner_id_idx ON documents USING btree (owner_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX documents_owner_id_title_key ON documents USING btree (owner_id, (lower(title))) WHERE deleted_at IS NULL;
CREATE INDEX documents_search_idx ON documents USING gin (search);
CREATE INDEX documents_tags_idx ON documents USING gin (tags) WITH (fastupdate = off);

COMMENT ON COLUMN documents.deleted_at IS 'Soft delete: set instead of deleting the row.';
COMMENT ON INDEX documents_owner_id_title_key IS 'One live document per title and owner, ignoring case.';
