ALTER TABLE loan ADD COLUMN returned_at DATETIME;
CREATE INDEX loan_member_due ON loan (member_id, due_on);
