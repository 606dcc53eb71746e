CREATE TABLE author (
    author_id serial PRIMARY KEY,
    first_name varchar(60) NOT NULL,
    last_name varchar(60) NOT NULL
);
CREATE TABLE book_author (
    isbn char(13) NOT NULL REFERENCES book ON DELETE CASCADE,
    author_id integer NOT NULL REFERENCES author ON DELETE CASCADE,
    PRIMARY KEY (isbn, author_id)
);
