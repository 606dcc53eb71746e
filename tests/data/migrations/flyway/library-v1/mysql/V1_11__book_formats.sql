ALTER TABLE book ADD COLUMN format ENUM('hardcover', 'paperback', 'ebook') NOT NULL DEFAULT 'paperback';
