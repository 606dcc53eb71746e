CREATE TYPE book_format AS ENUM ('hardcover', 'paperback', 'ebook');
ALTER TABLE book ADD COLUMN format book_format NOT NULL DEFAULT 'paperback';
