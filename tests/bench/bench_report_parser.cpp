// Benchmark of ReportParser (issue 3, performance a): parsing a generated ~200 MB JUnit
// report must run at >= 50% of the speed of a bare QXmlStreamReader loop over the same
// file, with a peak memory under 100 MB.
//
//   devdash_bench_reports [--size-mb 200] [--runs 3] [--shape output|cases] [--dir DIR] [--keep]
//
// Each measurement runs in a child process (this program with --child), so that its
// VmHWM (peak resident memory, from /proc/self/status) is its own.
//   shape "output": 25 cases a suite, a third with output, 8% failing with traces, suites
//                   with logs — where the bytes of big reports usually are.
//   shape "cases":  the same bytes as small passing cases only (~1.2 M cases): the worst case
//                   for memory, since every case is kept.

#include "testresults/ReportParser.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <algorithm>
#include <cstdio>

using namespace devdash::testresults;

namespace {

qint64 peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// A small deterministic generator: same file for the same arguments.
class Lcg
{
public:
    quint32 next()
    {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return quint32(m_state >> 33);
    }
    int below(int n) { return int(next() % quint32(n)); }

private:
    quint64 m_state = 42;
};

QByteArray logLines(Lcg &rng, int bytes)
{
    static const char *const words[] = { "connecting", "to", "database", "pool", "started", "request", "GET",
        "/api/v1/orders", "200", "OK", "cache", "miss", "for", "key", "user:1234", "took", "ms", "<tag>", "&",
        "retrying", "timeout", "after", "3", "attempts" };
    QByteArray out;
    out.reserve(bytes + 64);
    int line = 0;
    while (out.size() < bytes) {
        out += "2023-05-04 10:11:" + QByteArray::number(10 + line % 50) + " INFO  ";
        const int n = 6 + rng.below(8);
        for (int i = 0; i < n; ++i) {
            out += words[rng.below(int(std::size(words)))];
            out += ' ';
        }
        out += '\n';
        ++line;
    }
    return out;
}

QByteArray stackTrace(Lcg &rng, int frames)
{
    QByteArray out = "java.lang.AssertionError: expected:<" + QByteArray::number(rng.below(100))
        + "> but was:<" + QByteArray::number(rng.below(100)) + ">\n";
    for (int i = 0; i < frames; ++i) {
        out += "\tat com.acme.module" + QByteArray::number(rng.below(40)) + ".Service"
            + QByteArray::number(rng.below(90)) + ".handle(Service.java:" + QByteArray::number(rng.below(900))
            + ")\n";
    }
    return out;
}

QByteArray escaped(const QByteArray &text)
{
    QByteArray out = text;
    out.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    return out;
}

struct Generated
{
    qint64 bytes = 0;
    int suites = 0;
    int cases = 0;
};

Generated generate(const QString &path, qint64 targetBytes, bool outputShape)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    Lcg rng;
    Generated g;
    QByteArray buf;
    auto flush = [&](bool force) {
        if (force || buf.size() > (1 << 20)) {
            file.write(buf);
            g.bytes += buf.size();
            buf.clear();
        }
    };
    buf += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"bench\">\n";
    while (g.bytes + buf.size() < targetBytes) {
        const QByteArray suite = "com.acme.module" + QByteArray::number(g.suites % 40) + ".Feature"
            + QByteArray::number(g.suites) + "Test";
        const int cases = outputShape ? 25 : 400;
        buf += "  <testsuite name=\"" + suite + "\" tests=\"" + QByteArray::number(cases)
            + "\" time=\"1,234.5\" timestamp=\"2023-05-04T10:11:12\" hostname=\"ci-7\">\n";
        if (outputShape) {
            buf += "    <properties>\n";
            for (int p = 0; p < 20; ++p) {
                buf += "      <property name=\"java.prop" + QByteArray::number(p)
                    + "\" value=\"/usr/lib/jvm/java-17/lib/" + QByteArray::number(rng.below(1000)) + "\"/>\n";
            }
            buf += "    </properties>\n";
        }
        for (int c = 0; c < cases; ++c) {
            buf += "    <testcase name=\"test" + QByteArray::number(c) + "_"
                + QByteArray::number(rng.below(10000)) + "\" classname=\"" + suite + "\" time=\"0."
                + QByteArray::number(rng.below(999)) + "\"";
            const int roll = outputShape ? rng.below(100) : 99;
            if (roll < 8) {
                buf += ">\n      <failure message=\"expected:&lt;1&gt; but was:&lt;2&gt;\" "
                       "type=\"java.lang.AssertionError\">"
                    + escaped(stackTrace(rng, 60)) + "</failure>\n      <system-out><![CDATA["
                    + logLines(rng, 3000) + "]]></system-out>\n    </testcase>\n";
            } else if (roll < 35) {
                buf += ">\n      <system-out>" + escaped(logLines(rng, 1500))
                    + "</system-out>\n    </testcase>\n";
            } else {
                buf += "/>\n";
            }
            ++g.cases;
        }
        if (outputShape)
            buf += "    <system-out><![CDATA[" + logLines(rng, 40000) + "]]></system-out>\n";
        buf += "  </testsuite>\n";
        ++g.suites;
        flush(false);
    }
    buf += "</testsuites>\n";
    flush(true);
    return g;
}

struct Measure
{
    double ms = 0;
    qint64 peakKiB = 0;
    qint64 tokens = 0;
};

// In the child: one measurement, printed as "ms peakKiB tokens".
int child(const QString &mode, const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    qint64 count = 0;
    if (mode == u"bare") {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return 2;
        QXmlStreamReader reader(&file);
        while (!reader.atEnd()) {
            reader.readNext();
            ++count;
        }
        if (reader.hasError()) {
            fprintf(stderr, "%s\n", qPrintable(reader.errorString()));
            return 1;
        }
    } else {
        const auto report = ReportParser::parseFile(path);
        if (!report.ok()) {
            fprintf(stderr, "%s\n", qPrintable(report.errorMessage()));
            return 1;
        }
        count = report->counts().tests;
    }
    const double ms = double(timer.nsecsElapsed()) / 1e6;
    printf("%.1f %lld %lld\n", ms, peakRssKiB(), count);
    return 0;
}

Measure runChild(const QString &mode, const QString &path)
{
    QProcess process;
    process.start(QCoreApplication::applicationFilePath(), { QStringLiteral("--child"), mode, path });
    if (!process.waitForFinished(-1) || process.exitCode() != 0)
        qFatal("child %s failed: %s", qPrintable(mode), process.readAllStandardError().constData());
    const QList<QByteArray> fields = process.readAllStandardOutput().trimmed().split(' ');
    return { fields.value(0).toDouble(), fields.value(1).toLongLong(), fields.value(2).toLongLong() };
}

Measure median(QList<Measure> runs)
{
    std::sort(runs.begin(), runs.end(), [](const Measure &a, const Measure &b) { return a.ms < b.ms; });
    Measure m = runs[runs.size() / 2];
    for (const Measure &r : runs)
        m.peakKiB = std::max(m.peakKiB, r.peakKiB); // the worst peak, not the median's
    return m;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 4 && args[1] == u"--child")
        return child(args[2], args[3]);

    qint64 sizeMb = 200;
    int runs = 3;
    bool outputShape = true;
    bool keep = false;
    QString dirPath;
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == u"--size-mb" && i + 1 < args.size())
            sizeMb = args[++i].toLongLong();
        else if (args[i] == u"--runs" && i + 1 < args.size())
            runs = std::max(1, args[++i].toInt());
        else if (args[i] == u"--shape" && i + 1 < args.size())
            outputShape = args[++i] != u"cases";
        else if (args[i] == u"--dir" && i + 1 < args.size())
            dirPath = args[++i];
        else if (args[i] == u"--keep")
            keep = true;
        else {
            fprintf(stderr,
                "usage: %s [--size-mb N] [--runs N] [--shape output|cases] [--dir DIR] [--keep]\n", argv[0]);
            return 2;
        }
    }
    QTemporaryDir tmp;
    if (dirPath.isEmpty())
        dirPath = tmp.path();
    tmp.setAutoRemove(!keep);
    QDir().mkpath(dirPath);
    const QString path = dirPath
        + QStringLiteral("/bench-report-%1-%2mb.xml").arg(outputShape ? "output" : "cases").arg(sizeMb);

    QElapsedTimer timer;
    timer.start();
    const Generated g = generate(path, sizeMb * 1000 * 1000, outputShape);
    printf("generated %s: %.1f MB, %d suites, %d cases in %.1f s\n", qPrintable(path), g.bytes / 1e6,
        g.suites, g.cases, timer.elapsed() / 1000.0);

    QList<Measure> bare;
    QList<Measure> parse;
    for (int i = 0; i < runs; ++i) { // interleaved, so that both see the same page cache
        bare.append(runChild(QStringLiteral("bare"), path));
        parse.append(runChild(QStringLiteral("parse"), path));
    }
    const Measure b = median(bare);
    const Measure p = median(parse);
    if (p.tokens != g.cases)
        qFatal("parsed %lld cases, generated %d", p.tokens, g.cases);
    const double mb = g.bytes / 1e6;
    printf("bare QXmlStreamReader loop : median %8.0f ms  %6.1f MB/s  peak RSS %5lld MB  (%lld tokens)\n",
        b.ms, mb / (b.ms / 1000), b.peakKiB / 1024, b.tokens);
    printf("ReportParser::parseFile    : median %8.0f ms  %6.1f MB/s  peak RSS %5lld MB  (%lld cases)\n",
        p.ms, mb / (p.ms / 1000), p.peakKiB / 1024, p.tokens);
    const double ratio = b.ms / p.ms;
    printf("parse speed = %.0f%% of the bare reader (target >= 50%%); peak %lld MB (target < 100 MB): %s\n",
        ratio * 100, p.peakKiB / 1024, ratio >= 0.5 && p.peakKiB < 100 * 1024 ? "PASS" : "MISS");
    if (!keep)
        QFile::remove(path);
    return 0;
}
