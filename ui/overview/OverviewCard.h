#pragma once

// One card of the Overview: a title that links to its page and rich text whose
// links ("page:tests", "commit:<id>", "branch:<name>", "url:<address>") the page
// routes.

#include <QFrame>

class QLabel;
class QVBoxLayout;

namespace devdash::ui {

class OverviewCard final : public QFrame
{
    Q_OBJECT
public:
    OverviewCard(const QString &title, const QString &pageName, QWidget *parent = nullptr);

    void setBody(const QString &html);
    void setLoading();
    void setError(const QString &message);
    QString bodyText() const; // plain text, for tests
    // The target of the first link whose text contains `text` (what a click on it opens); empty: none.
    QString linkOf(const QString &text) const;
    QStringList links() const; // every link's target, in order
    QVBoxLayout *extraLayout() const { return m_extra; }

Q_SIGNALS:
    void linkActivated(const QString &link);

private:
    QLabel *m_title;
    QLabel *m_body;
    QVBoxLayout *m_extra;
};

} // namespace devdash::ui
