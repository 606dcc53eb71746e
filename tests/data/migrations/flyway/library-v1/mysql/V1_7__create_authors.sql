CREATE TABLE author (
    author_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    first_name VARCHAR(60) NOT NULL,
    last_name VARCHAR(60) NOT NULL
) ENGINE=InnoDB;
CREATE TABLE book_author (
    isbn CHAR(13) NOT NULL,
    author_id INT UNSIGNED NOT NULL,
    PRIMARY KEY (isbn, author_id),
    CONSTRAINT fk_book_author_book FOREIGN KEY (isbn) REFERENCES book (isbn) ON DELETE CASCADE,
    CONSTRAINT fk_book_author_author FOREIGN KEY (author_id) REFERENCES author (author_id) ON DELETE CASCADE
) ENGINE=InnoDB;
