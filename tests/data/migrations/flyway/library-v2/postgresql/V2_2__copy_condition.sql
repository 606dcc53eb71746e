ALTER TABLE copy ADD COLUMN condition text NOT NULL DEFAULT 'good'
    CHECK (condition IN ('new', 'good', 'worn', 'lost'));
