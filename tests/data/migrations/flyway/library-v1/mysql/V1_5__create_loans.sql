CREATE TABLE loan (
    loan_id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
    branch_id SMALLINT UNSIGNED NOT NULL,
    copy_no INT UNSIGNED NOT NULL,
    member_id INT UNSIGNED NOT NULL,
    borrowed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT fk_loan_copy FOREIGN KEY (branch_id, copy_no) REFERENCES copy (branch_id, copy_no),
    CONSTRAINT fk_loan_member FOREIGN KEY (member_id) REFERENCES member (member_id) ON DELETE CASCADE
) ENGINE=InnoDB;
