#pragma once

// Lets the window take test reports dropped on it: installed as an event filter
// on the main window, it accepts drags of .xml/.trx files (or folders) and hands
// the paths over. Kept out of MainWindow so that the window only wires it.

#include <QObject>
#include <QStringList>

#include <functional>

namespace devdash::ui {

class ReportDropFilter final : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(const QStringList &paths)>;
    ReportDropFilter(Handler handler, QObject *parent);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    Handler m_handler;
};

} // namespace devdash::ui
