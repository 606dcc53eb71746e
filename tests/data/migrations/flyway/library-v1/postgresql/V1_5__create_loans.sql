CREATE TABLE loan (
    loan_id serial PRIMARY KEY,
    branch_id integer NOT NULL,
    copy_no integer NOT NULL,
    member_id integer NOT NULL REFERENCES member ON DELETE CASCADE,
    borrowed_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (branch_id, copy_no) REFERENCES copy
);
