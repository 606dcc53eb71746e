-- +goose Up
CREATE TABLE loan (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id INTEGER NOT NULL REFERENCES member (id),
    isbn CHAR(13) NOT NULL REFERENCES book (isbn),
    borrowed_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- +goose Down
DROP TABLE loan;
