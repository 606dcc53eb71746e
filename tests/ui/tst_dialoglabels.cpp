// Dialog labels: a mnemonic "&" is only shown as an underline when the label has a
// buddy; without one the user reads "&URL:". Every label with a mnemonic has a buddy.

#include "database/AddConnectionDialog.h"

#include <QApplication>
#include <QLabel>
#include <QTest>

#include <functional>
#include <memory>

using namespace devdash;

Q_DECLARE_METATYPE(std::function<QWidget *()>)

class TestDialogLabels : public QObject
{
    Q_OBJECT
private slots:
    void mnemonicsHaveBuddies_data()
    {
        QTest::addColumn<std::function<QWidget *()>>("make");
        QTest::newRow("Add Database Connection")
            << std::function<QWidget *()>([] { return new ui::AddConnectionDialog({ QStringLiteral("staging") }); });
    }
    void mnemonicsHaveBuddies()
    {
        QFETCH(std::function<QWidget *()>, make);
        const std::unique_ptr<QWidget> dialog(make());
        dialog->show();
        const auto labels = dialog->findChildren<QLabel *>();
        QVERIFY(!labels.isEmpty());
        for (const QLabel *label : labels) {
            const QString text = label->text();
            const bool mnemonic = label->textFormat() != Qt::RichText && text.contains(QLatin1Char('&'))
                && !text.contains(QStringLiteral("&&"));
            if (mnemonic)
                QVERIFY2(label->buddy() != nullptr, qPrintable(QStringLiteral("\"%1\" is shown with its &").arg(text)));
        }
    }
};

QTEST_MAIN(TestDialogLabels)
#include "tst_dialoglabels.moc"
