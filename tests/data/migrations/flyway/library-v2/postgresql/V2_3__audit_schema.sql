CREATE SCHEMA audit;
CREATE TABLE audit.log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name text NOT NULL,
    at timestamptz NOT NULL DEFAULT now()
);
