-- toSql() of the 'commerce' fixture in test/support/model-fixtures.ts.
-- Do not edit by hand: UPDATE_GOLDEN=1 npx vitest run test/unit/ddl-golden.test.ts rewrites it.

CREATE TABLE customers (
  id serial NOT NULL,
  country character(2) NOT NULL,
  email character varying(254) NOT NULL,
  name text COLLATE "C" NOT NULL,
  CONSTRAINT customers_pkey PRIMARY KEY (id),
  CONSTRAINT customers_email_key UNIQUE (email),
  CONSTRAINT customers_country_check CHECK (country = upper(country))
);

CREATE TABLE orders (
  id serial NOT NULL,
  customer_id integer NOT NULL,
  invoice_number character varying(20),
  status text DEFAULT 'new'::text NOT NULL,
  total numeric(10,2) DEFAULT 0 NOT NULL,
  placed_at timestamp(3) with time zone DEFAULT now() NOT NULL,
  CONSTRAINT orders_pkey PRIMARY KEY (id),
  CONSTRAINT orders_customer_id_invoice_number_key UNIQUE NULLS NOT DISTINCT (customer_id, invoice_number)
);

CREATE TABLE products (
  sku character varying(50) NOT NULL,
  name text NOT NULL,
  price numeric(10,2) NOT NULL,
  CONSTRAINT products_pkey PRIMARY KEY (sku),
  CONSTRAINT products_price_check CHECK (price >= (0)::numeric)
);

CREATE TABLE order_lines (
  order_id integer NOT NULL,
  line_no smallint NOT NULL,
  sku character varying(50) NOT NULL,
  quantity integer NOT NULL,
  unit_price numeric(10,2) NOT NULL,
  CONSTRAINT order_lines_pkey PRIMARY KEY (order_id, line_no),
  CONSTRAINT order_lines_order_id_sku_key UNIQUE (order_id, sku) DEFERRABLE,
  CONSTRAINT order_lines_quantity_check CHECK (quantity > 0)
);

ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= (0)::numeric) NOT VALID;
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT;
ALTER TABLE order_lines ADD CONSTRAINT order_lines_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE order_lines ADD CONSTRAINT order_lines_sku_fkey FOREIGN KEY (sku) REFERENCES products (sku) ON UPDATE CASCADE;

CREATE INDEX orders_customer_id_placed_at_idx ON orders USING btree (customer_id, placed_at DESC NULLS LAST) INCLUDE (status, total);
CREATE INDEX products_name_idx ON products USING btree (name COLLATE "C" text_pattern_ops) WITH (fillfactor = 90);
CREATE INDEX order_lines_sku_idx ON order_lines USING btree (sku);
