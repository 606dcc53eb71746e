ALTER TABLE loan ADD COLUMN due_on date;
UPDATE loan SET due_on = (borrowed_at + interval '21 days')::date;
ALTER TABLE loan ALTER COLUMN due_on SET NOT NULL;
