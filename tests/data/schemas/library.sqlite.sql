-- DevDash test data: the "library" sample schema, SQLite dialect.
-- A lending library written for DevDash's tests (see README.md). It exercises what the
-- SQLite inspector reads: INTEGER PRIMARY KEY and AUTOINCREMENT (sqlite_sequence),
-- WITHOUT ROWID tables, composite and self-referencing foreign keys with every ON
-- DELETE / ON UPDATE action, named and unnamed UNIQUE and CHECK constraints, stored
-- and virtual generated columns, partial, expression, descending and collated
-- indexes, views (one with an INSTEAD OF trigger), triggers, and names that need
-- quoting.

PRAGMA foreign_keys = ON;

CREATE TABLE branch (
    branch_id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    parent_branch_id INTEGER REFERENCES branch (branch_id) ON DELETE SET NULL,
    opened_on DATE NOT NULL DEFAULT (date('now')),
    city VARCHAR(80) NOT NULL DEFAULT 'Springfield'
);

CREATE TABLE author (
    author_id INTEGER PRIMARY KEY,
    first_name VARCHAR(60) NOT NULL,
    last_name VARCHAR(60) NOT NULL,
    born INTEGER CHECK (born > 0),
    full_name TEXT GENERATED ALWAYS AS (first_name || ' ' || last_name) VIRTUAL
);
CREATE INDEX author_name ON author (last_name, first_name);
CREATE INDEX author_last_name_lower ON author (lower(last_name));

CREATE TABLE publisher (
    publisher_id INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE,
    country CHAR(2) NOT NULL DEFAULT 'GB',
    CONSTRAINT publisher_name_country UNIQUE (name, country)
);

CREATE TABLE book (
    isbn CHAR(13) NOT NULL PRIMARY KEY,
    title TEXT NOT NULL,
    publisher_id INTEGER CONSTRAINT fk_book_publisher REFERENCES publisher ON UPDATE CASCADE ON DELETE RESTRICT,
    published INTEGER,
    pages INTEGER CONSTRAINT pages_positive CHECK (pages > 0),
    price NUMERIC(8,2) NOT NULL DEFAULT 0,
    price_with_tax NUMERIC GENERATED ALWAYS AS (round(price * 1.2, 2)) STORED,
    language TEXT NOT NULL DEFAULT 'en' CHECK (length(language) = 2)
);
CREATE INDEX book_title ON book (title COLLATE NOCASE);
CREATE INDEX book_recent ON book (published DESC) WHERE published >= 2000;

CREATE TABLE book_author (
    isbn CHAR(13) NOT NULL REFERENCES book (isbn) ON DELETE CASCADE ON UPDATE CASCADE,
    author_id INTEGER NOT NULL REFERENCES author ON DELETE CASCADE,
    position INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (isbn, author_id)
) WITHOUT ROWID;

CREATE TABLE copy (
    branch_id INTEGER NOT NULL REFERENCES branch ON DELETE RESTRICT,
    copy_no INTEGER NOT NULL,
    isbn CHAR(13) NOT NULL REFERENCES book ON DELETE RESTRICT,
    barcode TEXT NOT NULL UNIQUE,
    acquired DATE,
    condition TEXT NOT NULL DEFAULT 'good' CHECK (condition IN ('new', 'good', 'worn', 'lost')),
    PRIMARY KEY (branch_id, copy_no)
);
CREATE INDEX copy_isbn ON copy (isbn);

CREATE TABLE member (
    member_id INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    display_name TEXT NOT NULL,
    referred_by INTEGER REFERENCES member (member_id) ON DELETE SET NULL ON UPDATE CASCADE,
    home_branch_id INTEGER DEFAULT 1 REFERENCES branch ON DELETE SET DEFAULT,
    joined_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    active BOOLEAN NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX member_email ON member (lower(email));
CREATE INDEX member_active ON member (home_branch_id) WHERE active;

CREATE TABLE loan (
    loan_id INTEGER PRIMARY KEY,
    branch_id INTEGER NOT NULL,
    copy_no INTEGER NOT NULL,
    member_id INTEGER NOT NULL REFERENCES member ON DELETE CASCADE,
    borrowed_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    due_on DATE NOT NULL,
    returned_at TEXT,
    CONSTRAINT fk_loan_copy FOREIGN KEY (branch_id, copy_no) REFERENCES copy (branch_id, copy_no)
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT returned_after_borrowed CHECK (returned_at IS NULL OR returned_at >= borrowed_at)
);
CREATE INDEX loan_open ON loan (member_id, due_on) WHERE returned_at IS NULL;
CREATE INDEX loan_copy ON loan (branch_id, copy_no);

CREATE TABLE reservation (
    member_id INTEGER NOT NULL REFERENCES member ON DELETE CASCADE,
    isbn CHAR(13) NOT NULL REFERENCES book ON DELETE CASCADE ON UPDATE CASCADE,
    pickup_branch_id INTEGER NOT NULL,
    pickup_copy_no INTEGER,
    placed_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (member_id, isbn),
    FOREIGN KEY (pickup_branch_id, pickup_copy_no) REFERENCES copy ON DELETE SET NULL
) WITHOUT ROWID;

CREATE TABLE fine (
    fine_id INTEGER PRIMARY KEY,
    loan_id INTEGER NOT NULL UNIQUE REFERENCES loan ON DELETE CASCADE,
    amount NUMERIC(6,2) NOT NULL CHECK (amount > 0),
    paid INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tag (
    name TEXT NOT NULL PRIMARY KEY,
    parent TEXT REFERENCES tag (name) ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

CREATE TABLE book_tag (
    isbn CHAR(13) NOT NULL REFERENCES book ON DELETE CASCADE,
    tag TEXT NOT NULL REFERENCES tag ON DELETE CASCADE ON UPDATE CASCADE,
    PRIMARY KEY (isbn, tag)
);

CREATE TABLE "audit log" (
    id INTEGER PRIMARY KEY,
    "table name" TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE VIEW open_loans AS
    SELECT l.loan_id, m.display_name, b.title, l.due_on
    FROM loan l
    JOIN member m ON m.member_id = l.member_id
    JOIN copy c ON c.branch_id = l.branch_id AND c.copy_no = l.copy_no
    JOIN book b ON b.isbn = c.isbn
    WHERE l.returned_at IS NULL;

CREATE VIEW "books per author" AS
    SELECT a.author_id, a.full_name, count(*) AS books
    FROM author a JOIN book_author ba ON ba.author_id = a.author_id
    GROUP BY a.author_id;

CREATE TRIGGER loan_audit AFTER INSERT ON loan
BEGIN
    INSERT INTO "audit log" ("table name", action) VALUES ('loan', 'insert');
END;

CREATE TRIGGER copy_lost BEFORE UPDATE OF condition ON copy
WHEN NEW.condition = 'lost'
BEGIN
    DELETE FROM reservation WHERE pickup_branch_id = OLD.branch_id AND pickup_copy_no = OLD.copy_no;
END;

CREATE TRIGGER fine_paid AFTER UPDATE OF paid ON fine
BEGIN
    INSERT INTO "audit log" ("table name", action) VALUES ('fine', 'update');
END;

CREATE TRIGGER open_loans_return INSTEAD OF DELETE ON open_loans
BEGIN
    UPDATE loan SET returned_at = CURRENT_TIMESTAMP WHERE loan_id = OLD.loan_id;
END;
