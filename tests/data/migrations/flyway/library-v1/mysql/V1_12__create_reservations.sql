CREATE TABLE reservation (
    member_id INT UNSIGNED NOT NULL,
    isbn CHAR(13) NOT NULL,
    placed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (member_id, isbn),
    CONSTRAINT fk_reservation_member FOREIGN KEY (member_id) REFERENCES member (member_id) ON DELETE CASCADE,
    CONSTRAINT fk_reservation_book FOREIGN KEY (isbn) REFERENCES book (isbn) ON DELETE CASCADE
) ENGINE=InnoDB;
