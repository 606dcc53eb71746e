CREATE TABLE copy (
    branch_id SMALLINT UNSIGNED NOT NULL,
    copy_no INT UNSIGNED NOT NULL,
    isbn CHAR(13) NOT NULL,
    PRIMARY KEY (branch_id, copy_no),
    CONSTRAINT fk_copy_branch FOREIGN KEY (branch_id) REFERENCES branch (branch_id),
    CONSTRAINT fk_copy_book FOREIGN KEY (isbn) REFERENCES book (isbn)
) ENGINE=InnoDB;
