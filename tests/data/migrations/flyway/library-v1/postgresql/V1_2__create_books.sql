CREATE TABLE book (
    isbn char(13) PRIMARY KEY,
    title text NOT NULL
);
