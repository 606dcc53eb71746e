-- The whole 1.x history in one script: what a new database starts from (a Flyway
-- baseline migration). Databases migrated with 1.1 .. 1.12 skip it.
CREATE TABLE branch (
    branch_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(80) NOT NULL UNIQUE
) ENGINE=InnoDB;
CREATE TABLE book (
    isbn CHAR(13) NOT NULL PRIMARY KEY,
    title VARCHAR(255) NOT NULL,
    format ENUM('hardcover', 'paperback', 'ebook') NOT NULL DEFAULT 'paperback'
) ENGINE=InnoDB;
CREATE TABLE copy (
    branch_id SMALLINT UNSIGNED NOT NULL,
    copy_no INT UNSIGNED NOT NULL,
    isbn CHAR(13) NOT NULL,
    acquired DATE,
    PRIMARY KEY (branch_id, copy_no),
    CONSTRAINT fk_copy_branch FOREIGN KEY (branch_id) REFERENCES branch (branch_id),
    CONSTRAINT fk_copy_book FOREIGN KEY (isbn) REFERENCES book (isbn)
) ENGINE=InnoDB;
CREATE TABLE member (
    member_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email VARCHAR(120) NOT NULL UNIQUE,
    referred_by INT UNSIGNED,
    CONSTRAINT fk_member_referrer FOREIGN KEY (referred_by) REFERENCES member (member_id) ON DELETE SET NULL
) ENGINE=InnoDB;
CREATE TABLE loan (
    loan_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    branch_id SMALLINT UNSIGNED NOT NULL,
    copy_no INT UNSIGNED NOT NULL,
    member_id INT UNSIGNED NOT NULL,
    borrowed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    due_on DATE NOT NULL,
    returned_at DATETIME,
    KEY loan_member_due (member_id, due_on),
    CONSTRAINT fk_loan_copy FOREIGN KEY (branch_id, copy_no) REFERENCES copy (branch_id, copy_no),
    CONSTRAINT fk_loan_member FOREIGN KEY (member_id) REFERENCES member (member_id) ON DELETE CASCADE
) ENGINE=InnoDB;
CREATE TABLE author (
    author_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    first_name VARCHAR(60) NOT NULL,
    last_name VARCHAR(60) NOT NULL,
    FULLTEXT KEY author_names (first_name, last_name)
) ENGINE=InnoDB;
CREATE TABLE book_author (
    isbn CHAR(13) NOT NULL,
    author_id INT UNSIGNED NOT NULL,
    PRIMARY KEY (isbn, author_id),
    CONSTRAINT fk_book_author_book FOREIGN KEY (isbn) REFERENCES book (isbn) ON DELETE CASCADE,
    CONSTRAINT fk_book_author_author FOREIGN KEY (author_id) REFERENCES author (author_id) ON DELETE CASCADE
) ENGINE=InnoDB;
CREATE TABLE fine (
    fine_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    loan_id INT UNSIGNED NOT NULL UNIQUE,
    amount DECIMAL(6,2) NOT NULL CHECK (amount > 0),
    CONSTRAINT fk_fine_loan FOREIGN KEY (loan_id) REFERENCES loan (loan_id) ON DELETE CASCADE
) ENGINE=InnoDB;
CREATE TABLE reservation (
    member_id INT UNSIGNED NOT NULL,
    isbn CHAR(13) NOT NULL,
    placed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (member_id, isbn),
    CONSTRAINT fk_reservation_member FOREIGN KEY (member_id) REFERENCES member (member_id) ON DELETE CASCADE,
    CONSTRAINT fk_reservation_book FOREIGN KEY (isbn) REFERENCES book (isbn) ON DELETE CASCADE
) ENGINE=InnoDB;
