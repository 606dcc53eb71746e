-- The whole 1.x history in one script: what a new database starts from (a Flyway
-- baseline migration). Databases migrated with 1.1 .. 1.12 skip it.
CREATE TYPE book_format AS ENUM ('hardcover', 'paperback', 'ebook');

CREATE TABLE branch (
    branch_id serial PRIMARY KEY,
    name varchar(80) NOT NULL UNIQUE
);
CREATE TABLE book (
    isbn char(13) PRIMARY KEY,
    title text NOT NULL,
    format book_format NOT NULL DEFAULT 'paperback'
);
CREATE TABLE copy (
    branch_id integer NOT NULL REFERENCES branch ON DELETE RESTRICT,
    copy_no integer NOT NULL,
    isbn char(13) NOT NULL REFERENCES book,
    PRIMARY KEY (branch_id, copy_no)
);
CREATE TABLE member (
    member_id serial PRIMARY KEY,
    email text NOT NULL,
    referred_by integer REFERENCES member ON DELETE SET NULL
);
CREATE UNIQUE INDEX member_email ON member (lower(email));
CREATE TABLE loan (
    loan_id serial PRIMARY KEY,
    branch_id integer NOT NULL,
    copy_no integer NOT NULL,
    member_id integer NOT NULL REFERENCES member ON DELETE CASCADE,
    borrowed_at timestamptz NOT NULL DEFAULT now(),
    due_on date NOT NULL,
    returned_at timestamptz,
    FOREIGN KEY (branch_id, copy_no) REFERENCES copy
);
CREATE INDEX loan_open ON loan (member_id, due_on) WHERE returned_at IS NULL;
CREATE TABLE author (
    author_id serial PRIMARY KEY,
    first_name varchar(60) NOT NULL,
    last_name varchar(60) NOT NULL
);
CREATE TABLE book_author (
    isbn char(13) NOT NULL REFERENCES book ON DELETE CASCADE,
    author_id integer NOT NULL REFERENCES author ON DELETE CASCADE,
    PRIMARY KEY (isbn, author_id)
);
CREATE TABLE fine (
    fine_id serial PRIMARY KEY,
    loan_id integer NOT NULL UNIQUE REFERENCES loan ON DELETE CASCADE,
    amount numeric(6,2) NOT NULL CHECK (amount > 0)
);
CREATE TABLE reservation (
    member_id integer NOT NULL REFERENCES member ON DELETE CASCADE,
    isbn char(13) NOT NULL REFERENCES book ON DELETE CASCADE,
    placed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, isbn)
);
