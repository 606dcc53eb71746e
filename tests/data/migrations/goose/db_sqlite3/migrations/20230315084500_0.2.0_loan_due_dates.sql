-- +goose Up
ALTER TABLE loan ADD COLUMN due_on DATE;

-- +goose Down
ALTER TABLE loan DROP COLUMN due_on;
