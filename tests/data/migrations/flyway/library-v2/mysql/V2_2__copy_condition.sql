ALTER TABLE copy ADD COLUMN `condition` ENUM('new', 'good', 'worn', 'lost') NOT NULL DEFAULT 'good';
