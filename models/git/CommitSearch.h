#pragma once

// Searching a history by message, author, commit id or path. Runs on a worker over
// the whole scope (not only the rows loaded so far); matches stream out in batches.

#include "HistorySession.h"

#include <QAbstractTableModel>
#include <QPointer>

namespace devdash::git {

// One condition of a search: a field and the text it must contain.
struct SearchTerm
{
    enum class Field { Any, Message, Author, CommitId, Path };
    Field field = Field::Any;
    QString text;
};

// What the History search box holds: terms that must all match (AND).
// `path:db/ author:carla fix "null pointer"`: a prefix names the field
// (author:, path:, id:/commit:, message:/msg:), a word without one is matched against the
// message, author and id, and double quotes keep a phrase (or a value with spaces) whole.
struct SearchQuery
{
    using Field = SearchTerm::Field;
    QList<SearchTerm> terms;
    bool isEmpty() const { return terms.isEmpty(); }
    bool hasPath() const;
    static SearchQuery parse(const QString &input);
    // The syntax in one line, for the search box's placeholder and Help.
    static QString syntaxHint();
};

struct SearchMatch
{
    git_oid oid;
    CommitMeta meta;
    QStringList refs;
};

class CommitSearch
{
public:
    // Walks `scope` and calls `onMatches` with batches of matches in display order;
    // `onProgress` with commits scanned. Returns the number of matches.
    static Result<int> run(const QString &repoPath, const HistoryScope &scope, const SearchQuery &query,
        const CancelToken &cancel, const std::function<void(std::vector<SearchMatch>)> &onMatches,
        const std::function<void(qint64 scanned)> &onProgress = {});
    // Pure: does this commit's text match? (Path matches need the trees; see run().)
    static bool matchesText(
        const SearchQuery &query, const git_oid &oid, const CommitMeta &meta, const QString &fullMessage);
};

// The results of a search, with the same columns and roles as HistoryModel (no graph).
class CommitSearchModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    explicit CommitSearchModel(QObject *parent = nullptr);
    ~CommitSearchModel() override;

    void start(const QString &repoPath, const HistoryScope &scope, const SearchQuery &query);
    void cancel();
    bool isRunning() const { return m_running; }
    qint64 scanned() const { return m_scanned; }
    SearchQuery query() const { return m_query; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

Q_SIGNALS:
    void progress(qint64 scanned, int matches);
    void finished(int matches, const QString &error);

private:
    std::vector<SearchMatch> m_rows;
    SearchQuery m_query;
    CancelToken m_cancel;
    quint64 m_generation = 0;
    qint64 m_scanned = 0;
    bool m_running = false;
};

} // namespace devdash::git
