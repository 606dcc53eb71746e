-- +goose Up
CREATE TABLE reservation (
    member_id INT UNSIGNED NOT NULL REFERENCES member (id),
    isbn CHAR(13) NOT NULL REFERENCES book (isbn),
    PRIMARY KEY (member_id, isbn)
);

-- +goose Down
DROP TABLE reservation;
