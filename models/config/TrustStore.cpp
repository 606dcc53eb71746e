#include "config/TrustStore.h"

#include "config/ProjectConfig.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace devdash::config {

namespace {

constexpr qint64 MaxStoreBytes = 8 * 1024 * 1024;

} // namespace

TrustStore::TrustStore(const QString &file)
    : m_file(file.isEmpty() ? defaultFile() : file)
{
}

QString TrustStore::defaultFile()
{
    QString dir = qEnvironmentVariable("DEVDASH_CONFIG_DIR");
    if (dir.isEmpty()) {
        const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        dir = base.isEmpty() ? QString() : QDir(base).filePath(QStringLiteral("devdash"));
    }
    // No config folder at all (no HOME): nothing is trusted and decisions cannot be kept.
    return dir.isEmpty() ? QString() : QDir(dir).filePath(QStringLiteral("trusted-repositories.json"));
}

QString TrustStore::keyOf(const QString &repoRoot)
{
    const QFileInfo info(repoRoot);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

QList<TrustDecision> TrustStore::decisions() const
{
    QList<TrustDecision> out;
    if (m_file.isEmpty())
        return out;
    QFile file(m_file);
    if (!file.open(QIODevice::ReadOnly))
        return out;
    const QJsonArray entries = QJsonDocument::fromJson(file.read(MaxStoreBytes))
                                   .object()
                                   .value(QStringLiteral("repositories"))
                                   .toArray();
    for (const QJsonValue &v : entries) {
        const QJsonObject o = v.toObject();
        TrustDecision d;
        d.path = o.value(QStringLiteral("path")).toString();
        d.sha256 = o.value(QStringLiteral("sha256")).toString().toLatin1();
        d.trusted = o.value(QStringLiteral("trusted")).toBool();
        d.decidedAt = QDateTime::fromString(o.value(QStringLiteral("decided_at")).toString(), Qt::ISODate);
        if (!d.path.isEmpty() && d.sha256.size() == 64)
            out.append(d);
    }
    return out;
}

std::optional<TrustDecision> TrustStore::decision(const QString &repoRoot) const
{
    const QString key = keyOf(repoRoot);
    for (const TrustDecision &d : decisions())
        if (d.path == key)
            return d;
    return std::nullopt;
}

bool TrustStore::isTrusted(const QString &repoRoot, const QByteArray &sha256) const
{
    const auto d = decision(repoRoot);
    return d && d->trusted && d->sha256 == sha256;
}

bool TrustStore::isDecided(const QString &repoRoot, const QByteArray &sha256) const
{
    const auto d = decision(repoRoot);
    return d && d->sha256 == sha256;
}

Result<void> TrustStore::decide(const QString &repoRoot, const QByteArray &sha256, bool trusted)
{
    QList<TrustDecision> all = decisions();
    const QString key = keyOf(repoRoot);
    // Folders that are gone (demo workspaces, deleted clones) are forgotten on the way.
    all.removeIf([&](const TrustDecision &d) { return d.path == key || !QFileInfo::exists(d.path); });
    all.append(TrustDecision { key, sha256, trusted, QDateTime::currentDateTimeUtc() });
    return write(all);
}

Result<void> TrustStore::trustCurrentFile(const QString &repoRoot)
{
    auto config = ProjectConfig::load(repoRoot, *this);
    if (!config)
        return config.error();
    if (!config->exists() || config->isTrusted())
        return {};
    return decide(repoRoot, config->sha256(), true);
}

Result<void> TrustStore::forget(const QString &repoRoot)
{
    QList<TrustDecision> all = decisions();
    const QString key = keyOf(repoRoot);
    if (all.removeIf([&](const TrustDecision &d) { return d.path == key; }) == 0)
        return {};
    return write(all);
}

Result<void> TrustStore::write(const QList<TrustDecision> &decisions) const
{
    if (m_file.isEmpty())
        return Error { QStringLiteral("there is no config folder to keep trust decisions in (HOME and "
                                      "XDG_CONFIG_HOME are unset); set DEVDASH_CONFIG_DIR") };
    const QString dir = QFileInfo(m_file).absolutePath();
    if (!QDir().mkpath(dir))
        return Error { QStringLiteral("could not create %1").arg(dir) };
    // Only the user may read or change who they trust.
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QJsonArray entries;
    for (const TrustDecision &d : decisions)
        entries.append(QJsonObject {
            { QStringLiteral("path"), d.path },
            { QStringLiteral("sha256"), QString::fromLatin1(d.sha256) },
            { QStringLiteral("trusted"), d.trusted },
            { QStringLiteral("decided_at"), d.decidedAt.toUTC().toString(Qt::ISODate) },
        });
    QSaveFile file(m_file);
    if (!file.open(QIODevice::WriteOnly))
        return Error { QStringLiteral("could not write %1: %2").arg(m_file, file.errorString()) };
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(QJsonDocument(QJsonObject { { QStringLiteral("repositories"), entries } }).toJson());
    if (!file.commit())
        return Error { QStringLiteral("could not write %1: %2").arg(m_file, file.errorString()) };
    QFile::setPermissions(m_file, QFile::ReadOwner | QFile::WriteOwner);
    return {};
}

} // namespace devdash::config
