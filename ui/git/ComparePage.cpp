#include "ComparePage.h"

#include "ChangedFilesView.h"
#include "ChangesBrowser.h"
#include "CommitListModel.h"
#include "DiffView.h"
#include "common/BackgroundJob.h"
#include "common/Icons.h"
#include "common/PaddedRowDelegate.h"
#include "common/Theme.h"
#include "common/Workspace.h"

#include "git/CommitDiff.h"
#include "git/HistorySession.h"

#include <QComboBox>
#include <QDataStream>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace devdash::ui {

namespace {
// Enough to read; more only costs time (the counts stay exact).
constexpr size_t MaxListedCommits = 2000;
const QString DiffModeKey = QStringLiteral("compare/diffMode");

std::vector<CommitRow> readCommits(
    git::Repository &repo, const std::vector<git_oid> &ids, const CancelToken &cancel)
{
    std::vector<CommitRow> rows;
    rows.reserve(std::min(ids.size(), MaxListedCommits));
    for (size_t i = 0; i < ids.size() && i < MaxListedCommits && !cancel.isCancelled(); ++i) {
        git_commit *raw = nullptr;
        CommitRow row;
        row.id = git::toHex(ids[i]);
        if (git_commit_lookup(&raw, repo.raw(), &ids[i]) == 0) {
            git::CommitPtr commit(raw);
            const git::CommitMeta meta = git::HistorySession::readMeta(raw);
            row.summary = meta.summary;
            row.author = meta.author;
            row.authoredAt = meta.authoredAt;
        } else {
            git_error_clear();
        }
        rows.push_back(std::move(row));
    }
    return rows;
}
} // namespace

struct ComparePage::Outcome
{
    QString base, other;
    git::Comparison comparison;
    QString mergeBaseSummary;
    std::vector<CommitRow> onlyInA, onlyInB;
};

ComparePage::ComparePage(Workspace *workspace, QWidget *parent)
    : Page(parent)
    , m_workspace(workspace)
    , m_baseBox(new QComboBox(this))
    , m_otherBox(new QComboBox(this))
    , m_compareButton(new QPushButton(tr("&Compare"), this))
    , m_modeBox(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_onlyInALabel(new QLabel(this))
    , m_onlyInBLabel(new QLabel(this))
    , m_onlyInA(new CommitListModel(this))
    , m_onlyInB(new CommitListModel(this))
    , m_onlyInAView(makeList(m_onlyInA))
    , m_onlyInBView(makeList(m_onlyInB))
    , m_changes(new ChangesBrowser(workspace->jobs(), this))
    , m_outer(new QSplitter(Qt::Vertical, this))
    , m_lists(new QSplitter(Qt::Horizontal, m_outer))
    , m_bottom(new QSplitter(Qt::Horizontal, m_outer))
{
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(8, 6, 8, 6);
    bar->setSpacing(8);
    for (QComboBox *box : { m_baseBox, m_otherBox }) {
        box->setEditable(true);
        box->setInsertPolicy(QComboBox::NoInsert);
        box->setMinimumContentsLength(20);
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        connect(box->lineEdit(), &QLineEdit::returnPressed, this, &ComparePage::compareCurrent);
    }
    m_baseBox->setToolTip(tr("A: the base (a branch, tag or any revision)"));
    m_otherBox->setToolTip(tr("B: what is compared with the base"));
    auto *swapButton = m_swapButton = new QToolButton(this);
    swapButton->setIcon(Icons::get(QStringLiteral("swap")));
    swapButton->setToolTip(tr("Swap A and B"));
    swapButton->setAutoRaise(true);
    m_compareButton->setIcon(Icons::get(QStringLiteral("compare")));
    m_compareButton->setDefault(true);
    m_compareButton->setToolTip(tr("Compare A with B (Enter)"));
    auto *labelA = new QLabel(tr("&A (base)"), this);
    labelA->setBuddy(m_baseBox);
    auto *labelB = new QLabel(tr("&B"), this);
    labelB->setBuddy(m_otherBox);
    bar->addWidget(labelA);
    bar->addWidget(m_baseBox, 1);
    bar->addWidget(swapButton);
    bar->addWidget(labelB);
    bar->addWidget(m_otherBox, 1);
    bar->addWidget(m_compareButton);

    auto *summaryFrame = new QFrame(this);
    summaryFrame->setObjectName(QStringLiteral("compareSummary"));
    auto *summaryLayout = new QHBoxLayout(summaryFrame);
    summaryLayout->setContentsMargins(10, 5, 10, 5);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    summaryLayout->addWidget(m_summary, 1);
    // Both diffs are what git offers; "0 files changed" over hundreds of commits is
    // right for one and surprising for the other, so the choice is in view.
    m_modeBox->addItem(tr("A...B: what B adds"), int(git::CompareMode::ThreeDot));
    m_modeBox->addItem(tr("A..B: tree of A against tree of B"), int(git::CompareMode::TwoDot));
    m_modeBox->setItemData(
        0, tr("The files B changed since the merge base (git diff A...B)"), Qt::ToolTipRole);
    m_modeBox->setItemData(1, tr("Every file that differs between A and B (git diff A B)"), Qt::ToolTipRole);
    m_modeBox->setToolTip(tr("Which files are listed: what B adds since the merge base, or every difference "
                             "between the two trees"));
    m_modeBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    const auto remembered = git::compareModeFromName(QSettings().value(DiffModeKey).toString())
                                .value_or(git::CompareMode::ThreeDot);
    m_modeBox->setCurrentIndex(m_modeBox->findData(int(remembered)));
    auto *modeLabel = new QLabel(tr("&Files:"), summaryFrame);
    modeLabel->setBuddy(m_modeBox);
    summaryLayout->addWidget(modeLabel);
    summaryLayout->addWidget(m_modeBox);

    auto makeSide = [this](QLabel *label, QTreeView *view) {
        auto *box = new QWidget(m_lists);
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(0);
        label->setTextFormat(Qt::PlainText); // ref names are the repository's text
        label->setContentsMargins(8, 5, 8, 5);
        QFont bold = label->font();
        bold.setBold(true);
        label->setFont(bold);
        layout->addWidget(label);
        layout->addWidget(view, 1);
        return box;
    };
    m_lists->addWidget(makeSide(m_onlyInALabel, m_onlyInAView));
    m_lists->addWidget(makeSide(m_onlyInBLabel, m_onlyInBView));
    m_lists->setChildrenCollapsible(false);
    m_bottom->addWidget(m_changes->filesWidget());
    m_bottom->addWidget(m_changes->diffView());
    m_bottom->setStretchFactor(0, 2);
    m_bottom->setStretchFactor(1, 3);
    m_bottom->setSizes({ 420, 640 });
    m_bottom->setChildrenCollapsible(false);
    m_outer->addWidget(m_lists);
    m_outer->addWidget(m_bottom);
    m_outer->setStretchFactor(0, 2);
    m_outer->setStretchFactor(1, 3);
    m_outer->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(summaryFrame);
    layout->addWidget(m_outer, 1);

    connect(swapButton, &QToolButton::clicked, this, &ComparePage::swap);
    connect(m_compareButton, &QPushButton::clicked, this, &ComparePage::compareCurrent);
    connect(m_modeBox, &QComboBox::currentIndexChanged, this, [this] {
        QSettings().setValue(DiffModeKey, git::compareModeName(diffMode()));
        if (m_done || m_running)
            compareCurrent();
    });
    connect(m_changes, &ChangesBrowser::readyChanged, this, &Page::readyChanged);
    connect(workspace, &Workspace::refsLoaded, this, [this] {
        fillRefs();
        chooseDefaults();
    });
    connect(m_onlyInAView, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT historyRequested(baseRef(), index.data(CommitListModel::CommitIdRole).toString());
    });
    connect(m_onlyInBView, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        Q_EMIT historyRequested(otherRef(), index.data(CommitListModel::CommitIdRole).toString());
    });
    setRepository({});
}

QIcon ComparePage::icon() const
{
    return Icons::get(QStringLiteral("compare"));
}

QTreeView *ComparePage::makeList(CommitListModel *model)
{
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(model);
    proxy->setSortRole(CommitListModel::SortRole);
    auto *view = new QTreeView(this);
    view->setModel(proxy);
    view->setItemDelegate(new PaddedRowDelegate(
        { CommitListModel::CommitColumn, CommitListModel::AuthorColumn, CommitListModel::DateColumn },
        { CommitListModel::CommitColumn }, view));
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setAllColumnsShowFocus(true);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setFrameShape(QFrame::NoFrame);
    view->header()->setSortIndicator(-1, Qt::AscendingOrder);
    view->setSortingEnabled(true);
    view->header()->setStretchLastSection(false);
    view->header()->setSectionResizeMode(CommitListModel::SummaryColumn, QHeaderView::Stretch);
    view->header()->resizeSection(CommitListModel::CommitColumn, 72);
    view->header()->resizeSection(CommitListModel::AuthorColumn, 120);
    view->header()->resizeSection(CommitListModel::DateColumn, 140);
    view->setToolTip(tr("Double-click to show the commit in the history"));
    return view;
}

void ComparePage::setRepository(const QString &path)
{
    ++m_generation;
    m_repoPath = path;
    m_running = false;
    m_done = false;
    m_defaultsChosen = false;
    m_onlyInA->clear();
    m_onlyInB->clear();
    m_onlyInALabel->setText(tr("Only in A"));
    m_onlyInBLabel->setText(tr("Only in B"));
    setSummary([] { return tr("Choose two refs and press Compare."); });
    m_changes->setNote({});
    m_changes->clear(tr("The files that differ appear here."));
    m_baseBox->clear();
    m_otherBox->clear();
    fillRefs();
    chooseDefaults(); // the refs may be known already
}

void ComparePage::fillRefs()
{
    const QStringList refs = m_workspace->refNames();
    for (QComboBox *box : { m_baseBox, m_otherBox }) {
        const QString text = box->currentText();
        const QSignalBlocker blocker(box);
        box->clear();
        for (const QString &ref : refs) {
            const auto kind = m_workspace->kindOf(ref);
            box->addItem(
                Icons::get(kind == git::RefKind::Tag ? QStringLiteral("commit") : QStringLiteral("branches"),
                    Theme::mutedText()),
                ref);
        }
        box->setCurrentIndex(-1);
        box->setEditText(text);
    }
}

void ComparePage::chooseDefaults()
{
    if (m_defaultsChosen || m_repoPath.isEmpty() || m_workspace->refNames().isEmpty())
        return;
    m_defaultsChosen = true;
    if (!baseRef().isEmpty() || !otherRef().isEmpty())
        return; // the user (or a navigation) chose already
    const QString base = m_workspace->baseRef();
    QString other = m_workspace->info().currentBranch;
    if (other.isEmpty() || other == base)
        other = m_workspace->mostRecentOtherBranch(base);
    m_baseBox->setEditText(base);
    m_otherBox->setEditText(other);
    if (!base.isEmpty() && !other.isEmpty() && base != other)
        compareCurrent();
}

QString ComparePage::baseRef() const
{
    return m_baseBox->currentText().trimmed();
}
QString ComparePage::otherRef() const
{
    return m_otherBox->currentText().trimmed();
}

void ComparePage::swap()
{
    const QString base = baseRef();
    m_baseBox->setEditText(otherRef());
    m_otherBox->setEditText(base);
    if (m_done || m_running)
        compareCurrent();
}

void ComparePage::compare(const QString &base, const QString &other)
{
    m_defaultsChosen = true;
    m_baseBox->setEditText(base);
    m_otherBox->setEditText(other);
    compareCurrent();
}

void ComparePage::refresh()
{
    if (m_done)
        compareCurrent();
}

void ComparePage::compareCurrent()
{
    const QString base = baseRef();
    const QString other = otherRef();
    if (m_repoPath.isEmpty() || base.isEmpty() || other.isEmpty()) {
        setSummary([] { return tr("Choose two refs to compare."); });
        return;
    }
    const quint64 generation = ++m_generation;
    m_running = true;
    m_done = false;
    const QString comparing = tr("Comparing %1 with %2…").arg(base.toHtmlEscaped(), other.toHtmlEscaped());
    setSummary([comparing] { return comparing; });
    m_changes->clear(tr("Comparing…"));
    Q_EMIT readyChanged();
    const QString path = m_repoPath;
    const git::CompareMode mode = diffMode();
    runJob(
        m_workspace->jobs(), tr("Comparing %1 with %2").arg(base, other), this,
        [path, base, other, mode](const JobContext &job) -> Result<Outcome> {
            auto repo = git::Repository::open(path);
            if (!repo)
                return repo.error();
            auto comparison = git::CommitDiff::compare(*repo, base, other, job.token, mode);
            if (!comparison)
                return comparison.error();
            Outcome outcome;
            outcome.base = base;
            outcome.other = other;
            outcome.comparison = std::move(comparison.value());
            if (outcome.comparison.mergeBase) {
                auto rows = readCommits(*repo, { *outcome.comparison.mergeBase }, job.token);
                outcome.mergeBaseSummary = rows.empty() ? QString() : rows.front().summary;
            }
            outcome.onlyInA = readCommits(*repo, outcome.comparison.onlyInA, job.token);
            outcome.onlyInB = readCommits(*repo, outcome.comparison.onlyInB, job.token);
            if (job.isCancelled())
                return Error { QStringLiteral("cancelled") };
            return outcome;
        },
        [this, generation](Result<Outcome> result) {
            if (generation != m_generation)
                return;
            m_running = false;
            m_done = true;
            if (!result) {
                const QString message = tr("Cannot compare: %1").arg(result.errorMessage()).toHtmlEscaped();
                setSummary([message] {
                    return QStringLiteral("<span style='color:%1'>%2</span>")
                        .arg(Theme::deletedText().name(), message);
                });
                m_onlyInA->clear();
                m_onlyInB->clear();
                m_changes->clear(tr("Nothing to show."));
                Q_EMIT readyChanged();
                return;
            }
            showOutcome(result.value());
        });
}

void ComparePage::showOutcome(const Outcome &outcome)
{
    const git::Comparison &c = outcome.comparison;
    const int inA = int(c.onlyInA.size());
    const int inB = int(c.onlyInB.size());
    const std::optional<git_oid> mergeBase = c.mergeBase;
    setSummary([mergeBase, inA, inB, base = outcome.base, other = outcome.other,
                   baseSummary = outcome.mergeBaseSummary]() -> QString {
        QString text;
        if (mergeBase) {
            text
                = tr("merge base <code>%1</code> <span style='color:%2'>(%3)</span>")
                      .arg(git::shortHex(*mergeBase), Theme::mutedText().name(), baseSummary.toHtmlEscaped());
        } else {
            text = tr("<b>no common history</b> — %1 and %2 share no commit")
                       .arg(base.toHtmlEscaped(), other.toHtmlEscaped());
        }
        text += QStringLiteral(" &nbsp;·&nbsp; ");
        if (inA == 0 && inB == 0)
            text
                += tr("%1 and %2 point at the same history").arg(base.toHtmlEscaped(), other.toHtmlEscaped());
        else
            text += tr("<b>%1</b> is %2 ahead and %3 behind <b>%4</b>")
                        .arg(other.toHtmlEscaped())
                        .arg(inB)
                        .arg(inA)
                        .arg(base.toHtmlEscaped());
        return text;
    });
    auto caption = [](const QString &side, const QString &ref, int count, int listed) {
        QString label = tr("Only in %1 — %2 (%3)").arg(side, ref).arg(count);
        if (listed < count)
            label += tr(", first %1 shown").arg(listed);
        return label;
    };
    m_onlyInALabel->setText(caption(QStringLiteral("A"), outcome.base, inA, int(outcome.onlyInA.size())));
    m_onlyInBLabel->setText(caption(QStringLiteral("B"), outcome.other, inB, int(outcome.onlyInB.size())));
    m_onlyInA->setCommits(outcome.onlyInA, inA);
    m_onlyInB->setCommits(outcome.onlyInB, inB);
    m_changes->setChanges(m_repoPath, c.from, c.b, c.files);
    const QString a = outcome.base.toHtmlEscaped();
    const QString b = outcome.other.toHtmlEscaped();
    if (c.mode == git::CompareMode::TwoDot)
        m_changes->setNote(tr("tree of <b>%1</b> against tree of <b>%2</b> (two-dot, A..B)").arg(a, b));
    else if (c.mergeBase)
        m_changes->setNote(tr("changes on <b>%1</b> since the merge base (three-dot, A...B)").arg(b));
    else
        m_changes->setNote(tr("everything in <b>%1</b>: no merge base (three-dot, A...B)").arg(b));
    Q_EMIT readyChanged();
}

git::CompareMode ComparePage::diffMode() const
{
    return git::CompareMode(m_modeBox->currentData().toInt());
}

void ComparePage::setDiffMode(git::CompareMode mode)
{
    m_modeBox->setCurrentIndex(m_modeBox->findData(int(mode))); // the signal re-runs and remembers
}

void ComparePage::setSummary(std::function<QString()> render)
{
    m_renderSummary = std::move(render);
    m_summary->setText(m_renderSummary());
}

void ComparePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange) {
        m_swapButton->setIcon(Icons::get(QStringLiteral("swap")));
        m_compareButton->setIcon(Icons::get(QStringLiteral("compare")));
        fillRefs();
        if (m_renderSummary)
            m_summary->setText(m_renderSummary());
    }
    Page::changeEvent(event);
}

bool ComparePage::isReady() const
{
    return m_done && !m_running
        && (m_changes->isReady() || m_onlyInA->total() + m_onlyInB->total() == 0
            || m_changes->fileCount() == 0);
}

QString ComparePage::summaryText() const
{
    return m_summary->text();
}

QByteArray ComparePage::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << m_outer->saveState() << m_lists->saveState() << m_bottom->saveState();
    return state;
}

void ComparePage::restoreState(const QByteArray &state)
{
    QDataStream in(state);
    QByteArray outer, lists, bottom;
    in >> outer >> lists >> bottom;
    if (in.status() != QDataStream::Ok)
        return;
    m_outer->restoreState(outer);
    m_lists->restoreState(lists);
    m_bottom->restoreState(bottom);
}

} // namespace devdash::ui
