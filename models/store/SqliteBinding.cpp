#include "SqliteBinding.h"

#include "Database.h"

#include <QSqlDriver>

#include <sqlite3.h>

namespace devdash::store {

sqlite3 *sqliteHandle(const Database &db)
{
    if (db.isPostgres())
        return nullptr;
    const QVariant handle = db.connection().driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.data());
}

int bindSqliteValue(sqlite3_stmt *statement, int index, const QVariant &value)
{
    switch (value.isNull() ? QMetaType::UnknownType : value.metaType().id()) {
    case QMetaType::UnknownType:
        return sqlite3_bind_null(statement, index);
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::Bool:
    case QMetaType::Short:
    case QMetaType::UShort:
        return sqlite3_bind_int64(statement, index, value.toLongLong());
    case QMetaType::Double:
        return sqlite3_bind_double(statement, index, value.toDouble());
    case QMetaType::QString: {
        const QString *text = static_cast<const QString *>(value.constData());
        return sqlite3_bind_text16(statement, index, text->utf16(), int(text->size() * 2), SQLITE_STATIC);
    }
    default: {
        const QString text = value.toString();
        return sqlite3_bind_text16(statement, index, text.utf16(), int(text.size() * 2), SQLITE_TRANSIENT);
    }
    }
}

} // namespace devdash::store
