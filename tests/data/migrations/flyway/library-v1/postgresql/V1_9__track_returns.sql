ALTER TABLE loan ADD COLUMN returned_at timestamptz;
CREATE INDEX loan_open ON loan (member_id, due_on) WHERE returned_at IS NULL;
