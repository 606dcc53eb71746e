package migrations

import "testing"

// Not a migration: goose skips test files.
func TestBackfillSlugs(t *testing.T) {}
