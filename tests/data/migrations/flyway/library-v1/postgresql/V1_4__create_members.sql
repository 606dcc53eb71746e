CREATE TABLE member (
    member_id serial PRIMARY KEY,
    email text NOT NULL
);
CREATE UNIQUE INDEX member_email ON member (lower(email));
