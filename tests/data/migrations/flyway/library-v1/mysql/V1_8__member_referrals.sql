ALTER TABLE member ADD COLUMN referred_by INT UNSIGNED,
    ADD CONSTRAINT fk_member_referrer FOREIGN KEY (referred_by) REFERENCES member (member_id) ON DELETE SET NULL;
