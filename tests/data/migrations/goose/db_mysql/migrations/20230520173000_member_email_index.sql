-- +goose Up
ALTER TABLE member ADD COLUMN email VARCHAR(120);
CREATE UNIQUE INDEX member_email ON member (email);

-- +goose Down
DROP INDEX member_email ON member;
ALTER TABLE member DROP COLUMN email;
