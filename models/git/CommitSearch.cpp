#include "CommitSearch.h"

#include "HistoryModel.h"
#include "common/DisplayTime.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace devdash::git {

namespace {
// Whitespace-separated words; "double quotes" keep spaces, a backslash escapes a quote.
QStringList tokenize(const QString &input)
{
    QStringList tokens;
    QString current;
    bool quoted = false, inToken = false;
    for (qsizetype i = 0; i < input.size(); ++i) {
        const QChar c = input.at(i);
        if (c == u'\\' && i + 1 < input.size() && input.at(i + 1) == u'"') {
            current += u'"';
            inToken = true;
            ++i;
        } else if (c == u'"') {
            quoted = !quoted;
            inToken = true;
        } else if (c.isSpace() && !quoted) {
            if (inToken)
                tokens << current;
            current.clear();
            inToken = false;
        } else {
            current += c;
            inToken = true;
        }
    }
    if (inToken)
        tokens << current;
    return tokens;
}
} // namespace

bool SearchQuery::hasPath() const
{
    return std::any_of(terms.cbegin(), terms.cend(), [](const SearchTerm &t) { return t.field == Field::Path; });
}

SearchQuery SearchQuery::parse(const QString &input)
{
    static const std::pair<const char *, Field> prefixes[] = {
        { "author:", Field::Author },
        { "path:", Field::Path },
        { "id:", Field::CommitId },
        { "commit:", Field::CommitId },
        { "message:", Field::Message },
        { "msg:", Field::Message },
    };
    SearchQuery query;
    const QStringList tokens = tokenize(input);
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const QString &token = tokens.at(i);
        SearchTerm term { Field::Any, token };
        for (const auto &[prefix, field] : prefixes) {
            const QLatin1String p(prefix);
            if (token.startsWith(p, Qt::CaseInsensitive)) {
                term = { field, token.mid(p.size()) };
                // "author: ann": the value is the next word.
                if (term.text.isEmpty() && i + 1 < tokens.size())
                    term.text = tokens.at(++i);
                break;
            }
        }
        term.text = term.text.trimmed();
        if (!term.text.isEmpty())
            query.terms.append(term);
    }
    return query;
}

QString SearchQuery::syntaxHint()
{
    return QStringLiteral("words, \"a phrase\", author:NAME, path:DIR/, id:HEX, message:TEXT — all must match");
}

bool CommitSearch::matchesText(
    const SearchQuery &query, const git_oid &oid, const CommitMeta &meta, const QString &fullMessage)
{
    for (const SearchTerm &term : query.terms) {
        const QString &t = term.text;
        auto idMatches = [&] { return t.size() >= 4 && toHex(oid).startsWith(t, Qt::CaseInsensitive); };
        auto authorMatches
            = [&] { return meta.author.contains(t, Qt::CaseInsensitive) || meta.email.contains(t, Qt::CaseInsensitive); };
        bool hit = true;
        switch (term.field) {
        case SearchTerm::Field::CommitId:
            hit = idMatches();
            break;
        case SearchTerm::Field::Author:
            hit = authorMatches();
            break;
        case SearchTerm::Field::Message:
            hit = fullMessage.contains(t, Qt::CaseInsensitive);
            break;
        case SearchTerm::Field::Any:
            hit = idMatches() || fullMessage.contains(t, Qt::CaseInsensitive) || authorMatches();
            break;
        case SearchTerm::Field::Path:
            break; // needs the trees: see run()
        }
        if (!hit)
            return false;
    }
    return true;
}

namespace {
// The id of what `path` names in `tree` (a file or a folder), or zero.
git_oid entryId(git_tree *tree, const QByteArray &path)
{
    git_oid id {};
    if (!tree)
        return id;
    git_tree_entry *entry = nullptr;
    if (git_tree_entry_bypath(&entry, tree, path.constData()) == 0) {
        id = *git_tree_entry_id(entry);
        git_tree_entry_free(entry);
    } else {
        git_error_clear();
    }
    return id;
}

// As `git log -- PATH`: a commit touches the path when it differs from every parent.
bool touchesPath(git_repository *repo, git_commit *commit, const QByteArray &path)
{
    git_tree *rawTree = nullptr;
    if (git_commit_tree(&rawTree, commit) < 0)
        return false;
    TreePtr tree(rawTree);
    const git_oid mine = entryId(rawTree, path);
    const unsigned parents = git_commit_parentcount(commit);
    if (parents == 0)
        return !git_oid_is_zero(&mine);
    for (unsigned i = 0; i < parents; ++i) {
        git_commit *rawParent = nullptr;
        if (git_commit_parent(&rawParent, commit, i) < 0)
            return false;
        CommitPtr parent(rawParent);
        git_tree *rawParentTree = nullptr;
        if (git_commit_tree(&rawParentTree, rawParent) < 0)
            return false;
        TreePtr parentTree(rawParentTree);
        const git_oid theirs = entryId(rawParentTree, path);
        if (git_oid_equal(&mine, &theirs))
            return false;
    }
    Q_UNUSED(repo)
    return true;
}
} // namespace

Result<int> CommitSearch::run(const QString &repoPath, const HistoryScope &scope, const SearchQuery &query,
    const CancelToken &cancel, const std::function<void(std::vector<SearchMatch>)> &onMatches,
    const std::function<void(qint64)> &onProgress)
{
    auto opened = HistorySession::open(repoPath, scope, cancel);
    if (!opened)
        return opened.error();
    HistorySession &session = *opened.value();
    git_repository *repo = session.repository().raw();
    QList<QByteArray> paths;
    for (const SearchTerm &term : query.terms) {
        if (term.field != SearchTerm::Field::Path)
            continue;
        QByteArray path = term.text.toUtf8();
        while (path.endsWith('/'))
            path.chop(1);
        paths << path;
    }

    int matches = 0;
    qint64 scanned = 0;
    while (!session.atEnd()) {
        if (cancel.isCancelled())
            return Error { QStringLiteral("cancelled") };
        const HistoryBatch batch = session.next(2048);
        std::vector<SearchMatch> found;
        for (const git_oid &oid : batch.oids) {
            git_commit *raw = nullptr;
            if (git_commit_lookup(&raw, repo, &oid) < 0) {
                git_error_clear();
                continue;
            }
            CommitPtr commit(raw);
            const CommitMeta meta = HistorySession::readMeta(raw);
            // The cheap text terms first; the trees only for commits that pass them.
            const QString message = decodeMessage(git_commit_message(raw), git_commit_message_encoding(raw));
            bool hit = matchesText(query, oid, meta, message);
            for (const QByteArray &path : std::as_const(paths))
                hit = hit && !path.isEmpty() && touchesPath(repo, raw, path);
            if (hit)
                found.push_back({ oid, meta, session.refsByCommit().value(HistorySession::key(oid)) });
        }
        scanned += qint64(batch.size());
        matches += int(found.size());
        if (!found.empty() && onMatches)
            onMatches(std::move(found));
        if (onProgress)
            onProgress(scanned);
    }
    return matches;
}

CommitSearchModel::CommitSearchModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

CommitSearchModel::~CommitSearchModel()
{
    m_cancel.cancel();
}

void CommitSearchModel::cancel()
{
    m_cancel.cancel();
}

void CommitSearchModel::start(const QString &repoPath, const HistoryScope &scope, const SearchQuery &query)
{
    m_cancel.cancel();
    m_cancel = CancelToken();
    const quint64 generation = ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_query = query;
    m_scanned = 0;
    endResetModel();
    m_running = true;

    QPointer<CommitSearchModel> self(this);
    CancelToken cancel = m_cancel;
    // Matches and progress hop to the GUI thread through queued invocations.
    auto onMatches = [self, generation](std::vector<SearchMatch> batch) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, batch = std::move(batch)]() mutable {
                if (!self || generation != self->m_generation)
                    return;
                const int first = int(self->m_rows.size());
                self->beginInsertRows({}, first, first + int(batch.size()) - 1);
                for (auto &m : batch)
                    self->m_rows.push_back(std::move(m));
                self->endInsertRows();
            },
            Qt::QueuedConnection);
    };
    auto onProgress = [self, generation](qint64 scanned) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, scanned]() {
                if (!self || generation != self->m_generation)
                    return;
                self->m_scanned = scanned;
                Q_EMIT self->progress(scanned, int(self->m_rows.size()));
            },
            Qt::QueuedConnection);
    };
    // "finished" takes the same queue as the matches, so it never overtakes them; the
    // future is not needed (cancellation goes through the token).
    (void)QtConcurrent::run([=]() {
        const Result<int> result = CommitSearch::run(repoPath, scope, query, cancel, onMatches, onProgress);
        const QString error = result ? QString() : result.errorMessage();
        QMetaObject::invokeMethod(
            self.data(),
            [self, generation, error]() {
                if (!self || generation != self->m_generation)
                    return;
                self->m_running = false;
                Q_EMIT self->finished(int(self->m_rows.size()), error);
            },
            Qt::QueuedConnection);
    });
}

int CommitSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CommitSearchModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : HistoryModel::ColumnCount;
}

QVariant CommitSearchModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const SearchMatch &m = m_rows[size_t(index.row())];
    switch (role) {
    case HistoryModel::CommitIdRole:
        return toHex(m.oid);
    case HistoryModel::ShortIdRole:
        return shortHex(m.oid);
    case HistoryModel::RefsRole:
        return m.refs;
    case HistoryModel::AuthorRole:
        return m.meta.author;
    case HistoryModel::AuthorEmailRole:
        return m.meta.email;
    case HistoryModel::AuthoredAtRole:
        return m.meta.authoredAt;
    case HistoryModel::SummaryRole:
        return m.meta.summary;
    case HistoryModel::MetaLoadedRole:
        return true;
    case Qt::ToolTipRole: // as in HistoryModel
        return QStringLiteral("%1\n%2 <%3>\n%4")
            .arg(toHex(m.oid), m.meta.author, m.meta.email, DisplayTime::exact(m.meta.authoredAt));
    case Qt::DisplayRole:
        switch (index.column()) {
        case HistoryModel::SummaryColumn:
            return m.meta.summary;
        case HistoryModel::AuthorColumn:
            return m.meta.author;
        case HistoryModel::DateColumn:
            return DisplayTime::format(m.meta.authoredAt);
        case HistoryModel::CommitColumn:
            return shortHex(m.oid);
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant CommitSearchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    static const char *names[] = { "", "Description", "Author", "Date", "Commit" };
    return section >= 0 && section < 5 ? tr(names[section]) : QVariant();
}

} // namespace devdash::git
