CREATE TABLE reservation (
    member_id integer NOT NULL REFERENCES member ON DELETE CASCADE,
    isbn char(13) NOT NULL REFERENCES book ON DELETE CASCADE,
    placed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, isbn)
);
