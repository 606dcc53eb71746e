#pragma once

// The suites' own data, in the repository under tests/data (DEVDASH_TEST_DATA, given by
// the devdash_testdata target). A file that is missing fails the test with its path:
// never a crash, never a silent skip.

#include <QByteArray>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QStringList>
#include <QTest>

namespace devdash::test {

inline QString testDataDir()
{
    return QStringLiteral(DEVDASH_TEST_DATA);
}

// `relative` under tests/data ("junit/gtest.xml").
inline QString testDataPath(const QString &relative)
{
    return testDataDir() + QLatin1Char('/') + relative;
}

// The files of `relatives` that are not there, in one message; empty when all are.
inline QString missingTestData(const QStringList &relatives)
{
    QStringList missing;
    for (const QString &relative : relatives) {
        if (!QFileInfo::exists(testDataPath(relative)))
            missing << testDataPath(relative);
    }
    return missing.isEmpty() ? QString()
                             : QStringLiteral("missing test data: ") + missing.join(QStringLiteral(", "));
}

// The bytes of a file under tests/data. A file that cannot be read fails the running
// test with its path and gives an empty array.
inline QByteArray readTestData(const QString &relative)
{
    QFile file(testDataPath(relative));
    if (!file.open(QIODevice::ReadOnly)) {
        QTest::qFail(
            qPrintable(
                QStringLiteral("cannot read test data %1: %2").arg(file.fileName(), file.errorString())),
            __FILE__, __LINE__);
        return {};
    }
    return file.readAll();
}

} // namespace devdash::test

// In a test function (initTestCase for a whole suite): fails it, naming every file of
// the list that is not under tests/data.
#define DEVDASH_REQUIRE_TEST_DATA(...)                                                                       \
    do {                                                                                                     \
        const QString missingData_ = devdash::test::missingTestData(QStringList { __VA_ARGS__ });            \
        QVERIFY2(missingData_.isEmpty(), qPrintable(missingData_));                                          \
    } while (false)
