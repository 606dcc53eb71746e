ALTER TABLE author ADD FULLTEXT KEY author_names (first_name, last_name);
-- Windows line ends: Flyway's checksum ignores them.
