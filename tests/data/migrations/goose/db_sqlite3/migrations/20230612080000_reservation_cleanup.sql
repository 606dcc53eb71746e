-- +goose Up
-- +goose StatementBegin
CREATE TRIGGER reservation_cleanup AFTER INSERT ON loan
BEGIN
    DELETE FROM reservation WHERE member_id = NEW.member_id AND isbn = NEW.isbn;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER reservation_cleanup;
