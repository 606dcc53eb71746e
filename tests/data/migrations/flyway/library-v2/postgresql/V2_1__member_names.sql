ALTER TABLE member ADD COLUMN display_name text NOT NULL DEFAULT '';
