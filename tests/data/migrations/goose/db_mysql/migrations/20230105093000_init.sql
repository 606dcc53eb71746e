-- +goose Up
-- SQL in section 'Up' is executed when this migration is applied
CREATE TABLE branch (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(80) NOT NULL UNIQUE);
CREATE TABLE book (isbn CHAR(13) NOT NULL PRIMARY KEY, title VARCHAR(255) NOT NULL);

-- +goose Down
DROP TABLE book;
DROP TABLE branch;
