CREATE TABLE branch (
    branch_id serial PRIMARY KEY,
    name varchar(80) NOT NULL UNIQUE
);
