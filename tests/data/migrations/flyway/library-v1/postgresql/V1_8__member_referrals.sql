ALTER TABLE member ADD COLUMN referred_by integer REFERENCES member ON DELETE SET NULL;
