-- DevDash test data: the "library" sample schema, PostgreSQL dialect (psql -f).
-- A lending library written for DevDash's tests (see README.md). It exercises what the
-- PostgreSQL inspector reads: three schemas (public, audit, reporting) with a foreign
-- key across them; serial columns, an identity column and a free-standing sequence;
-- an enum and two domains; composite and self-referencing foreign keys with every
-- ON DELETE / ON UPDATE action; UNIQUE, CHECK and exclusion-free constraints;
-- partial, expression, hash, GIN and multi-column indexes; a stored generated column;
-- a trigger function with BEFORE and AFTER triggers; a view and a materialized view;
-- an inheritance child and a declarative partition; comments on tables and columns.

SET client_min_messages = warning;

CREATE SCHEMA audit;
CREATE SCHEMA reporting;

CREATE TYPE public.book_format AS ENUM ('hardcover', 'paperback', 'ebook', 'audiobook');
CREATE DOMAIN public.year AS integer CONSTRAINT year_check CHECK (VALUE >= 1450 AND VALUE <= 2200);
CREATE DOMAIN public.isbn13 AS character(13) CONSTRAINT isbn13_digits CHECK (VALUE ~ '^[0-9]{13}$');

-- Free-standing: no OWNED BY, used by a default.
CREATE SEQUENCE public.barcode_seq START WITH 100000;

CREATE FUNCTION public.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE TABLE public.branch (
    branch_id serial PRIMARY KEY,
    name varchar(80) NOT NULL UNIQUE,
    parent_branch_id integer REFERENCES public.branch ON DELETE SET NULL ON UPDATE CASCADE,
    opened_on date NOT NULL DEFAULT CURRENT_DATE,
    city varchar(80) NOT NULL DEFAULT 'Springfield'
);

CREATE TABLE public.author (
    author_id serial NOT NULL,
    first_name varchar(60) NOT NULL,
    last_name varchar(60) NOT NULL,
    born public.year,
    updated_at timestamp with time zone NOT NULL DEFAULT now(),
    CONSTRAINT author_pkey PRIMARY KEY (author_id)
);
COMMENT ON TABLE public.author IS 'People who write books';
COMMENT ON COLUMN public.author.last_name IS 'Family name';
CREATE INDEX author_name ON public.author (last_name, first_name);
CREATE INDEX author_lower_name ON public.author USING hash (lower(last_name));

CREATE TABLE public.publisher (
    publisher_id serial PRIMARY KEY,
    name text NOT NULL,
    country character(2) NOT NULL DEFAULT 'GB',
    CONSTRAINT publisher_name_country UNIQUE (name, country)
);

CREATE TABLE public.book (
    isbn public.isbn13 PRIMARY KEY,
    title text NOT NULL,
    publisher_id integer CONSTRAINT fk_book_publisher REFERENCES public.publisher
        ON UPDATE CASCADE ON DELETE RESTRICT,
    published public.year,
    format public.book_format NOT NULL DEFAULT 'paperback',
    pages integer CONSTRAINT pages_positive CHECK (pages > 0),
    price numeric(8,2) NOT NULL DEFAULT 0,
    price_with_tax numeric(9,2) GENERATED ALWAYS AS (round(price * 1.2, 2)) STORED,
    keywords text[] NOT NULL DEFAULT '{}',
    updated_at timestamp with time zone NOT NULL DEFAULT now()
);
COMMENT ON COLUMN public.book.price_with_tax IS 'Price with 20% VAT';
CREATE INDEX book_long ON public.book (pages) WHERE pages > 500;
CREATE INDEX book_keywords ON public.book USING gin (keywords);
CREATE INDEX book_recent ON public.book (published DESC NULLS LAST);
CREATE TRIGGER book_touch BEFORE UPDATE ON public.book
    FOR EACH ROW EXECUTE FUNCTION public.touch_updated_at();

CREATE TABLE public.book_author (
    isbn public.isbn13 NOT NULL REFERENCES public.book ON DELETE CASCADE ON UPDATE CASCADE,
    author_id integer NOT NULL REFERENCES public.author ON DELETE CASCADE,
    position smallint NOT NULL DEFAULT 1,
    PRIMARY KEY (isbn, author_id)
);

CREATE TABLE public.copy (
    branch_id integer NOT NULL REFERENCES public.branch ON DELETE RESTRICT,
    copy_no integer NOT NULL,
    isbn public.isbn13 NOT NULL REFERENCES public.book ON DELETE RESTRICT,
    barcode bigint NOT NULL DEFAULT nextval('public.barcode_seq') UNIQUE,
    acquired date,
    condition text NOT NULL DEFAULT 'good'
        CONSTRAINT copy_condition CHECK (condition IN ('new', 'good', 'worn', 'lost')),
    PRIMARY KEY (branch_id, copy_no)
);
CREATE INDEX copy_isbn ON public.copy (isbn);

CREATE TABLE public.member (
    member_id serial PRIMARY KEY,
    email text NOT NULL,
    display_name text NOT NULL,
    referred_by integer REFERENCES public.member ON DELETE SET NULL ON UPDATE CASCADE,
    home_branch_id integer DEFAULT 1 REFERENCES public.branch ON DELETE SET DEFAULT,
    joined_at timestamp without time zone NOT NULL DEFAULT LOCALTIMESTAMP,
    active boolean NOT NULL DEFAULT true
);
CREATE UNIQUE INDEX member_email ON public.member (lower(email));
CREATE INDEX member_active ON public.member (home_branch_id) WHERE active;

CREATE TABLE public.loan (
    loan_id serial PRIMARY KEY,
    branch_id integer NOT NULL,
    copy_no integer NOT NULL,
    member_id integer NOT NULL REFERENCES public.member ON DELETE CASCADE,
    borrowed_at timestamp with time zone NOT NULL DEFAULT now(),
    due_on date NOT NULL,
    returned_at timestamp with time zone,
    CONSTRAINT fk_loan_copy FOREIGN KEY (branch_id, copy_no) REFERENCES public.copy (branch_id, copy_no)
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT returned_after_borrowed CHECK (returned_at IS NULL OR returned_at >= borrowed_at)
);
CREATE INDEX loan_open ON public.loan (member_id, due_on) WHERE returned_at IS NULL;
CREATE INDEX loan_copy ON public.loan (branch_id, copy_no);

-- Loans of past years are moved to children of loan (table inheritance).
CREATE TABLE public.loan_2023 (
    CONSTRAINT loan_2023_borrowed CHECK (borrowed_at >= '2023-01-01' AND borrowed_at < '2024-01-01')
) INHERITS (public.loan);

CREATE TABLE public.reservation (
    member_id integer NOT NULL REFERENCES public.member ON DELETE CASCADE,
    isbn public.isbn13 NOT NULL REFERENCES public.book ON DELETE CASCADE ON UPDATE CASCADE,
    pickup_branch_id integer NOT NULL,
    pickup_copy_no integer,
    placed_at timestamp with time zone NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, isbn),
    CONSTRAINT fk_reservation_copy FOREIGN KEY (pickup_branch_id, pickup_copy_no)
        REFERENCES public.copy (branch_id, copy_no) ON DELETE NO ACTION
);

CREATE TABLE public.fine (
    fine_id serial PRIMARY KEY,
    loan_id integer NOT NULL UNIQUE REFERENCES public.loan ON DELETE CASCADE,
    amount numeric(6,2) NOT NULL CHECK (amount > 0),
    paid boolean NOT NULL DEFAULT false
);

CREATE TABLE public.tag (
    name text PRIMARY KEY,
    parent text REFERENCES public.tag (name) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE public.book_tag (
    isbn public.isbn13 NOT NULL REFERENCES public.book ON DELETE CASCADE,
    tag text NOT NULL REFERENCES public.tag ON DELETE CASCADE ON UPDATE CASCADE,
    PRIMARY KEY (isbn, tag)
);

-- Visits counted per day, one partition per year.
CREATE TABLE public.visit (
    branch_id integer NOT NULL,
    day date NOT NULL,
    visitors integer NOT NULL DEFAULT 0,
    doubled integer GENERATED ALWAYS AS (visitors * 2) STORED
) PARTITION BY RANGE (day);
CREATE TABLE public.visit_2024 PARTITION OF public.visit FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

CREATE TABLE audit.log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id integer REFERENCES public.member ON DELETE SET NULL ON UPDATE RESTRICT,
    table_name text NOT NULL,
    action text NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    at timestamp with time zone NOT NULL DEFAULT now()
);

CREATE FUNCTION audit.record_loan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO audit.log (member_id, table_name, action) VALUES (NEW.member_id, 'loan', 'insert');
    RETURN NEW;
END
$$;
CREATE TRIGGER loan_audit AFTER INSERT ON public.loan
    FOR EACH ROW EXECUTE FUNCTION audit.record_loan();

CREATE VIEW reporting.open_loans AS
    SELECT l.loan_id, m.display_name, b.title, l.due_on
    FROM public.loan l
    JOIN public.member m ON m.member_id = l.member_id
    JOIN public.copy c ON c.branch_id = l.branch_id AND c.copy_no = l.copy_no
    JOIN public.book b ON b.isbn = c.isbn
    WHERE l.returned_at IS NULL;

CREATE VIEW public.author_books AS
    SELECT a.author_id, a.first_name, a.last_name, count(ba.isbn) AS books
    FROM public.author a LEFT JOIN public.book_author ba ON ba.author_id = a.author_id
    GROUP BY a.author_id;

CREATE MATERIALIZED VIEW reporting.books_per_format AS
    SELECT format, count(*) AS n FROM public.book GROUP BY format;
