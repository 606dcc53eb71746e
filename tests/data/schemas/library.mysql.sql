-- DevDash test data: the "library" sample schema, MySQL / MariaDB dialect (fed to the
-- mariadb client). A lending library written for DevDash's tests (see README.md). It
-- exercises what the MySQL/MariaDB inspector reads: AUTO_INCREMENT and unsigned keys,
-- ENUM and SET columns, composite and self-referencing foreign keys with RESTRICT,
-- CASCADE, SET NULL and NO ACTION rules, UNIQUE, FULLTEXT and multi-column indexes,
-- CHECK constraints, a persistent and a virtual generated column, string, numeric and
-- CURRENT_TIMESTAMP defaults (one with a quote), table and column comments, views and
-- triggers.

CREATE DATABASE library CHARACTER SET utf8mb4;
USE library;

CREATE TABLE branch (
    branch_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT,
    name VARCHAR(80) NOT NULL,
    parent_branch_id SMALLINT UNSIGNED NULL,
    opened_on DATE NOT NULL,
    city VARCHAR(80) NOT NULL DEFAULT 'Springfield',
    PRIMARY KEY (branch_id),
    UNIQUE KEY branch_name (name),
    CONSTRAINT fk_branch_parent FOREIGN KEY (parent_branch_id) REFERENCES branch (branch_id)
        ON DELETE SET NULL ON UPDATE CASCADE
) ENGINE=InnoDB COMMENT='Lending sites';

CREATE TABLE author (
    author_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    first_name VARCHAR(60) NOT NULL,
    last_name VARCHAR(60) NOT NULL COMMENT 'Family name',
    born SMALLINT,
    last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (author_id),
    KEY author_name (last_name, first_name),
    CONSTRAINT author_born CHECK (born IS NULL OR born > 0)
) ENGINE=InnoDB;

CREATE TABLE publisher (
    publisher_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    name VARCHAR(120) NOT NULL,
    country CHAR(2) NOT NULL DEFAULT 'GB',
    PRIMARY KEY (publisher_id),
    UNIQUE KEY publisher_name_country (name, country)
) ENGINE=InnoDB;

CREATE TABLE book (
    isbn CHAR(13) NOT NULL,
    title VARCHAR(255) NOT NULL,
    subtitle VARCHAR(255),
    publisher_id INT UNSIGNED,
    published YEAR,
    format ENUM('hardcover', 'paperback', 'ebook', 'audiobook') NOT NULL DEFAULT 'paperback',
    features SET('illustrated', 'large print', 'signed') NOT NULL DEFAULT '',
    pages INT UNSIGNED,
    price DECIMAL(8,2) NOT NULL DEFAULT 0,
    shelf_label VARCHAR(20) DEFAULT 'it''s new' COMMENT 'shown to members',
    price_with_tax DECIMAL(9,2) AS (price * 1.2) PERSISTENT,
    title_initial CHAR(1) AS (LEFT(title, 1)) VIRTUAL,
    last_update TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    PRIMARY KEY (isbn),
    KEY book_publisher (publisher_id),
    FULLTEXT KEY book_text (title, subtitle),
    CONSTRAINT fk_book_publisher FOREIGN KEY (publisher_id) REFERENCES publisher (publisher_id)
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT price_positive CHECK (price >= 0)
) ENGINE=InnoDB COMMENT='Titles the library holds';

CREATE TABLE book_author (
    isbn CHAR(13) NOT NULL,
    author_id INT UNSIGNED NOT NULL,
    position TINYINT UNSIGNED NOT NULL DEFAULT 1,
    PRIMARY KEY (isbn, author_id),
    KEY book_author_author (author_id),
    CONSTRAINT fk_book_author_book FOREIGN KEY (isbn) REFERENCES book (isbn) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT fk_book_author_author FOREIGN KEY (author_id) REFERENCES author (author_id) ON DELETE CASCADE
) ENGINE=InnoDB;

CREATE TABLE copy (
    branch_id SMALLINT UNSIGNED NOT NULL,
    copy_no INT UNSIGNED NOT NULL,
    isbn CHAR(13) NOT NULL,
    barcode BIGINT UNSIGNED NOT NULL,
    acquired DATE,
    `condition` ENUM('new', 'good', 'worn', 'lost') NOT NULL DEFAULT 'good',
    PRIMARY KEY (branch_id, copy_no),
    UNIQUE KEY copy_barcode (barcode),
    KEY copy_isbn (isbn),
    CONSTRAINT fk_copy_branch FOREIGN KEY (branch_id) REFERENCES branch (branch_id) ON DELETE RESTRICT,
    CONSTRAINT fk_copy_book FOREIGN KEY (isbn) REFERENCES book (isbn) ON DELETE RESTRICT ON UPDATE CASCADE
) ENGINE=InnoDB;

CREATE TABLE member (
    member_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    email VARCHAR(120) NOT NULL,
    display_name VARCHAR(80) NOT NULL,
    referred_by INT UNSIGNED,
    home_branch_id SMALLINT UNSIGNED,
    joined_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    active TINYINT(1) NOT NULL DEFAULT 1,
    PRIMARY KEY (member_id),
    UNIQUE KEY member_email (email),
    KEY member_home_branch (home_branch_id, active),
    CONSTRAINT fk_member_referrer FOREIGN KEY (referred_by) REFERENCES member (member_id)
        ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT fk_member_branch FOREIGN KEY (home_branch_id) REFERENCES branch (branch_id)
        ON DELETE SET NULL
) ENGINE=InnoDB;

CREATE TABLE loan (
    loan_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    branch_id SMALLINT UNSIGNED NOT NULL,
    copy_no INT UNSIGNED NOT NULL,
    member_id INT UNSIGNED NOT NULL,
    borrowed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    due_on DATE NOT NULL,
    returned_at DATETIME,
    PRIMARY KEY (loan_id),
    KEY loan_copy (branch_id, copy_no),
    KEY loan_member_due (member_id, due_on),
    CONSTRAINT fk_loan_copy FOREIGN KEY (branch_id, copy_no) REFERENCES copy (branch_id, copy_no)
        ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT fk_loan_member FOREIGN KEY (member_id) REFERENCES member (member_id) ON DELETE CASCADE,
    CONSTRAINT returned_after_borrowed CHECK (returned_at IS NULL OR returned_at >= borrowed_at)
) ENGINE=InnoDB;

CREATE TABLE reservation (
    member_id INT UNSIGNED NOT NULL,
    isbn CHAR(13) NOT NULL,
    pickup_branch_id SMALLINT UNSIGNED NOT NULL,
    pickup_copy_no INT UNSIGNED,
    placed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (member_id, isbn),
    KEY reservation_book (isbn),
    KEY reservation_copy (pickup_branch_id, pickup_copy_no),
    CONSTRAINT fk_reservation_member FOREIGN KEY (member_id) REFERENCES member (member_id) ON DELETE CASCADE,
    CONSTRAINT fk_reservation_book FOREIGN KEY (isbn) REFERENCES book (isbn) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT fk_reservation_copy FOREIGN KEY (pickup_branch_id, pickup_copy_no)
        REFERENCES copy (branch_id, copy_no) ON DELETE NO ACTION
) ENGINE=InnoDB;

CREATE TABLE fine (
    fine_id INT UNSIGNED NOT NULL AUTO_INCREMENT,
    loan_id INT UNSIGNED NOT NULL,
    amount DECIMAL(6,2) NOT NULL,
    paid TINYINT(1) NOT NULL DEFAULT 0,
    PRIMARY KEY (fine_id),
    UNIQUE KEY fine_loan (loan_id),
    CONSTRAINT fk_fine_loan FOREIGN KEY (loan_id) REFERENCES loan (loan_id) ON DELETE CASCADE,
    CONSTRAINT fine_amount CHECK (amount > 0)
) ENGINE=InnoDB;

CREATE TABLE audit_log (
    id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
    table_name VARCHAR(64) NOT NULL,
    action ENUM('insert', 'update', 'delete') NOT NULL,
    at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    note TEXT,
    PRIMARY KEY (id)
) ENGINE=MyISAM COMMENT='Written by triggers';

CREATE VIEW open_loans AS
    SELECT l.loan_id, m.display_name, b.title, l.due_on
    FROM loan l
    JOIN member m ON m.member_id = l.member_id
    JOIN copy c ON c.branch_id = l.branch_id AND c.copy_no = l.copy_no
    JOIN book b ON b.isbn = c.isbn
    WHERE l.returned_at IS NULL;

CREATE VIEW author_books AS
    SELECT a.author_id, a.first_name, a.last_name, COUNT(ba.isbn) AS books
    FROM author a LEFT JOIN book_author ba ON ba.author_id = a.author_id
    GROUP BY a.author_id, a.first_name, a.last_name;

DELIMITER ;;
CREATE TRIGGER loan_audit AFTER INSERT ON loan FOR EACH ROW
BEGIN
    INSERT INTO audit_log (table_name, action) VALUES ('loan', 'insert');
END;;
CREATE TRIGGER book_title_trim BEFORE INSERT ON book FOR EACH ROW
BEGIN
    SET NEW.title = TRIM(NEW.title);
END;;
CREATE TRIGGER book_audit AFTER UPDATE ON book FOR EACH ROW
BEGIN
    INSERT INTO audit_log (table_name, action, note) VALUES ('book', 'update', NEW.isbn);
END;;
DELIMITER ;
