-- +goose Up
ALTER TABLE book ADD FULLTEXT INDEX book_title_text (title);

-- +goose Down
ALTER TABLE book DROP INDEX book_title_text;
