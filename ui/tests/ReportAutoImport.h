#pragma once

// Imports the test reports a repository's `.devdash.json` lists, as they appear:
// reads the configuration on a worker, then runs a ReportWatcher (its own thread
// and store connection) while the repository is open.

#include "testresults/ReportWatcher.h"

#include <QObject>

#include <memory>

namespace devdash::ui {

class ReportAutoImport final : public QObject
{
    Q_OBJECT
public:
    explicit ReportAutoImport(QObject *parent = nullptr);
    ~ReportAutoImport() override;

    // Stops watching the previous repository; starts on this one when it lists reports.
    void setRepository(const QString &path, const store::StoreLocation &location);
    QStringList globs() const;

Q_SIGNALS:
    void imported(const devdash::testresults::RunSummary &run);
    void failed(const QString &message);

private:
    std::unique_ptr<testresults::ReportWatcher> m_watcher;
    quint64 m_generation = 0;
};

} // namespace devdash::ui
