#include "TestStoreAccess.h"

#include "testresults/RunImport.h"

#include "common/Workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QMutex>

namespace devdash::ui {

namespace {
QMutex g_locationMutex;
std::optional<store::StoreLocation> g_location;
} // namespace

Result<store::StoreLocation> TestStoreAccess::location()
{
    {
        QMutexLocker lock(&g_locationMutex);
        if (g_location)
            return *g_location;
    }
    return store::StoreLocation::defaultLocation();
}

void TestStoreAccess::setLocation(std::optional<store::StoreLocation> location)
{
    QMutexLocker lock(&g_locationMutex);
    g_location = std::move(location);
}

Result<store::Database> TestStoreAccess::open(const store::StoreLocation &location)
{
    return store::Database::open(location);
}

QString TestStoreAccess::repositoryKey(const QString &path)
{
    return testresults::RunImport::keyOfFolder(path);
}

QString TestStoreAccess::repositoryKey(const RepositoryInfo &info)
{
    if (!info.workDir.isEmpty())
        return repositoryKey(info.workDir);
    if (!info.gitDir.isEmpty())
        return repositoryKey(info.gitDir);
    return repositoryKey(info.path);
}

} // namespace devdash::ui
