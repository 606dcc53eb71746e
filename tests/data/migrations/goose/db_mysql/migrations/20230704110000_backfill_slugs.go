package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

// A Go migration: goose runs it from the compiled binary, between the SQL ones.
func init() {
	goose.AddMigrationContext(upBackfillSlugs, downBackfillSlugs)
}

func upBackfillSlugs(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "UPDATE book SET title = TRIM(title)")
	return err
}

func downBackfillSlugs(ctx context.Context, tx *sql.Tx) error {
	return nil
}
