CREATE TABLE fine (
    fine_id serial PRIMARY KEY,
    loan_id integer NOT NULL UNIQUE REFERENCES loan ON DELETE CASCADE,
    amount numeric(6,2) NOT NULL CHECK (amount > 0)
);
