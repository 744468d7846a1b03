-- toSql() of the 'blog' fixture in test/support/model-fixtures.ts.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ddl-golden.test.ts rewrites it.

CREATE TABLE users (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  email text NOT NULL,
  display_name character varying(100),
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT users_email_key UNIQUE (email)
);

CREATE TABLE posts (
  id uuid DEFAULT gen_random_uuid() NOT NULL,
  author_id uuid NOT NULL,
  title text NOT NULL,
  body text DEFAULT ''::text NOT NULL,
  published_at timestamp with time zone,
  created_at timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT posts_pkey PRIMARY KEY (id)
);

ALTER TABLE posts ADD CONSTRAINT posts_author_id_fkey FOREIGN KEY (author_id) REFERENCES users (id) ON DELETE CASCADE;

CREATE INDEX posts_author_id_idx ON posts USING btree (author_id);
CREATE INDEX posts_published_at_idx ON posts USING btree (published_at DESC) WHERE published_at IS NOT NULL;

COMMENT ON TABLE users IS 'People who can sign in.';
COMMENT ON COLUMN users.email IS 'Login name; unique, compared as written.';
