#include "ScopeSelector.h"

#include "common/Icons.h"
#include "common/Theme.h"
#include "common/Workspace.h"

#include <QEvent>
#include <QLineEdit>

namespace devdash::ui {

using git::HistoryScope;

namespace {
// Item data of the two fixed entries; ref entries carry the ref's name.
const QString AllRefsKey = QStringLiteral("\x01all");
const QString HeadKey = QStringLiteral("\x01head");
} // namespace

ScopeSelector::ScopeSelector(Workspace *workspace, QWidget *parent)
    : QComboBox(parent)
    , m_workspace(workspace)
{
    setEditable(true);
    setInsertPolicy(QComboBox::NoInsert);
    setMinimumContentsLength(22);
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setToolTip(
        tr("Which history to show: the current branch, all refs, or any branch, tag or revision (type it "
           "and press Enter)"));
    connect(this, &QComboBox::activated, this, &ScopeSelector::onActivated);
    connect(lineEdit(), &QLineEdit::returnPressed, this, &ScopeSelector::onTyped);
    connect(workspace, &Workspace::refsLoaded, this, &ScopeSelector::refill);
    connect(workspace, &Workspace::infoChanged, this, &ScopeSelector::refill);
    refill();
}

void ScopeSelector::setScope(const HistoryScope &scope)
{
    m_scope = scope;
    refill();
}

void ScopeSelector::refill()
{
    const QSignalBlocker blocker(this);
    clear();
    const QString branch = m_workspace->info().currentBranch;
    addItem(branch.isEmpty() ? tr("Current branch (HEAD)") : tr("Current branch (%1)").arg(branch), HeadKey);
    addItem(tr("All refs"), AllRefsKey);
    const QStringList refs = m_workspace->refNames();
    if (!refs.isEmpty())
        insertSeparator(count());
    for (const QString &ref : refs) {
        const bool isTag = m_workspace->kindOf(ref) == git::RefKind::Tag;
        addItem(Icons::get(isTag ? QStringLiteral("commit") : QStringLiteral("branches"), Theme::mutedText()),
            ref, ref);
    }
    int index = 0;
    if (m_scope.kind == HistoryScope::Kind::All)
        index = 1;
    else if (m_scope.kind == HistoryScope::Kind::Ref)
        index = findData(m_scope.ref);
    setCurrentIndex(index);
    if (index < 0)
        setEditText(m_scope.ref); // a revision typed in, not in the list
}

void ScopeSelector::onActivated(int index)
{
    const QString key = itemData(index).toString();
    if (key == HeadKey)
        m_scope = HistoryScope::head();
    else if (key == AllRefsKey)
        m_scope = HistoryScope::all();
    else if (!key.isEmpty())
        m_scope = HistoryScope::ofRef(key);
    else
        return;
    Q_EMIT scopeChosen(m_scope);
}

void ScopeSelector::onTyped()
{
    const QString text = currentText().trimmed();
    const int index = findText(text);
    if (index >= 0) {
        onActivated(index);
    } else if (!text.isEmpty()) {
        m_scope = HistoryScope::ofRef(text);
        Q_EMIT scopeChosen(m_scope);
    }
}

void ScopeSelector::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        refill(); // icons in the theme's colours
    QComboBox::changeEvent(event);
}

} // namespace devdash::ui
