CREATE TABLE copy (
    branch_id integer NOT NULL REFERENCES branch ON DELETE RESTRICT,
    copy_no integer NOT NULL,
    isbn char(13) NOT NULL REFERENCES book,
    PRIMARY KEY (branch_id, copy_no)
);
