#pragma once

// What every PostgreSQL catalog query of DevDash shares.

namespace devdash::schema {

// The user's schemas: not the system ones, not another session's temporary schema
// (a condition on `n`, the pg_namespace joined in).
inline constexpr const char *kUserNamespace = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
                                              "AND n.nspname !~ '^pg_(toast|temp_|toast_temp_)'";

} // namespace devdash::schema
