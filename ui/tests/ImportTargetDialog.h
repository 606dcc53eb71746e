#pragma once

// Before an import: which commit and branch the run will be filed under. Both are
// prefilled with HEAD and the current branch and can be changed (a report from CI
// or from yesterday's build belongs to another commit); the commit is checked
// against the repository as it is typed.

#include <QDialog>

#include <memory>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace devdash::git {
class Repository;
}

namespace devdash::ui {

class ImportTargetDialog final : public QDialog
{
    Q_OBJECT
public:
    ImportTargetDialog(const QString &repositoryPath, const QStringList &files, QWidget *parent = nullptr);
    ~ImportTargetDialog() override;

    // The commit's full id; empty while what was typed names no commit.
    QString commit() const { return m_resolved; }
    QString branch() const;

    QLineEdit *commitField() const { return m_commit; }
    QLineEdit *branchField() const { return m_branch; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    QString statusText() const;

private:
    void validate();

    std::unique_ptr<git::Repository> m_repository;
    QLineEdit *m_commit;
    QLineEdit *m_branch;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
    QString m_resolved;
};

} // namespace devdash::ui
