#include "FlakyDetector.h"

#include <QSet>

#include <algorithm>

namespace devdash::testresults {

namespace {

bool ran(TestStatus status)
{
    return status != TestStatus::Skipped;
}

void addEvidence(FlakyFinding &finding, const QList<int> &runIndexes, const FlakyInput &input)
{
    QList<int> sorted = runIndexes;
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    for (int index : sorted) {
        const FlakyRun &run = input.runs.at(index);
        finding.runIds.append(run.id);
        if (!run.commit.isEmpty() && !finding.commits.contains(run.commit))
            finding.commits.append(run.commit);
        if (!finding.lastSeen.isValid() || run.time > finding.lastSeen)
            finding.lastSeen = run.time;
    }
}

} // namespace

QString flakyKindName(FlakyKind kind)
{
    switch (kind) {
    case FlakyKind::SameCommit:
        return QStringLiteral("same_commit");
    case FlakyKind::RetryPassed:
        return QStringLiteral("retry");
    case FlakyKind::StatusFlips:
        return QStringLiteral("flips");
    }
    return {};
}

int FlakyDetector::countFlips(const QList<TestStatus> &oldestFirst)
{
    int flips = 0;
    int previous = -1; // -1 unknown, 0 passing, 1 failing
    for (TestStatus status : oldestFirst) {
        if (!ran(status))
            continue;
        const int now = isFailing(status) ? 1 : 0;
        if (previous >= 0 && now != previous)
            ++flips;
        previous = now;
    }
    return flips;
}

bool FlakyDetector::keep(const FlakyFinding &finding) const
{
    return finding.rate >= m_options.minRate;
}

void FlakyDetector::sameCommit(qint64 testId, const QList<FlakyObservation> &obs, const FlakyInput &input,
    QList<FlakyFinding> &out) const
{
    // commit → (passed somewhere, failed somewhere, the runs)
    struct PerCommit
    {
        bool passed = false;
        bool failed = false;
        QList<int> runs;
    };
    QHash<QString, PerCommit> byCommit;
    for (const FlakyObservation &o : obs) {
        const QString &commit = input.runs.at(o.run).commit;
        if (commit.isEmpty() || !ran(o.status))
            continue; // an unknown commit proves nothing
        PerCommit &c = byCommit[commit];
        c.passed |= o.status == TestStatus::Passed;
        c.failed |= isFailing(o.status);
        c.runs.append(o.run);
    }
    FlakyFinding finding;
    finding.testId = testId;
    finding.kind = FlakyKind::SameCommit;
    QList<int> evidence;
    for (const PerCommit &c : std::as_const(byCommit)) {
        if (c.passed && c.failed) {
            ++finding.occurrences;
            evidence += c.runs;
        }
    }
    if (finding.occurrences < std::max(1, m_options.minOccurrences))
        return;
    const auto presence = input.ranIn.constFind(testId);
    finding.observations = presence != input.ranIn.cend() ? presence->commits : int(byCommit.size());
    finding.observations = std::max(finding.observations, finding.occurrences);
    finding.rate = double(finding.occurrences) / finding.observations;
    addEvidence(finding, evidence, input);
    if (keep(finding))
        out.append(finding);
}

void FlakyDetector::retried(qint64 testId, const QList<FlakyObservation> &obs, const FlakyInput &input,
    QList<FlakyFinding> &out) const
{
    FlakyFinding finding;
    finding.testId = testId;
    finding.kind = FlakyKind::RetryPassed;
    QList<int> evidence;
    int observed = 0;
    for (const FlakyObservation &o : obs) {
        observed += ran(o.status) ? 1 : 0;
        if (o.flaky) {
            ++finding.occurrences;
            evidence.append(o.run);
        }
    }
    if (finding.occurrences < std::max(1, m_options.minOccurrences))
        return;
    const auto presence = input.ranIn.constFind(testId);
    finding.observations
        = std::max(presence != input.ranIn.cend() ? presence->runs : observed, finding.occurrences);
    finding.rate = double(finding.occurrences) / finding.observations;
    addEvidence(finding, evidence, input);
    if (keep(finding))
        out.append(finding);
}

void FlakyDetector::flips(qint64 testId, const QList<FlakyObservation> &obs, const FlakyInput &input,
    const QHash<QString, QList<int>> &lastRunsByBranch, QList<FlakyFinding> &out) const
{
    QHash<int, const FlakyObservation *> byRun;
    for (const FlakyObservation &o : obs)
        byRun.insert(o.run, &o);
    for (auto it = lastRunsByBranch.cbegin(); it != lastRunsByBranch.cend(); ++it) {
        QList<TestStatus> statuses;
        QList<int> runs;
        for (int run : it.value()) {
            const FlakyObservation *o = byRun.value(run);
            if (o && ran(o->status)) {
                statuses.append(o->status);
                runs.append(run);
            }
        }
        const int flipCount = countFlips(statuses);
        if (flipCount < std::max(1, m_options.minFlips))
            continue;
        FlakyFinding finding;
        finding.testId = testId;
        finding.kind = FlakyKind::StatusFlips;
        finding.branch = it.key();
        finding.occurrences = flipCount;
        finding.observations = int(statuses.size());
        finding.rate = double(flipCount) / std::max<qsizetype>(1, statuses.size() - 1);
        // Evidence: the runs where the status changed.
        QList<int> evidence;
        for (qsizetype i = 1; i < statuses.size(); ++i) {
            if (isFailing(statuses.at(i)) != isFailing(statuses.at(i - 1)))
                evidence.append(runs.at(i));
        }
        addEvidence(finding, evidence, input);
        if (keep(finding))
            out.append(finding);
    }
}

QList<FlakyFinding> FlakyDetector::detect(const FlakyInput &input) const
{
    // The last flipWindow runs of each branch, oldest first.
    QHash<QString, QList<int>> lastRunsByBranch;
    if (m_options.flips) {
        for (qsizetype i = input.runs.size() - 1; i >= 0; --i) {
            QList<int> &runs = lastRunsByBranch[input.runs.at(i).branch];
            if (runs.size() < std::max(2, m_options.flipWindow))
                runs.prepend(int(i));
        }
    }
    QList<FlakyFinding> findings;
    for (auto it = input.observations.cbegin(); it != input.observations.cend(); ++it) {
        // Only a test that failed or was retried somewhere can be flaky.
        const bool suspicious = std::any_of(it->cbegin(), it->cend(),
            [](const FlakyObservation &o) { return o.flaky || isFailing(o.status); });
        if (!suspicious)
            continue;
        if (m_options.sameCommit)
            sameCommit(it.key(), it.value(), input, findings);
        if (m_options.retries)
            retried(it.key(), it.value(), input, findings);
        if (m_options.flips)
            flips(it.key(), it.value(), input, lastRunsByBranch, findings);
    }
    std::sort(findings.begin(), findings.end(), [](const FlakyFinding &a, const FlakyFinding &b) {
        if (a.rate != b.rate)
            return a.rate > b.rate;
        if (a.occurrences != b.occurrences)
            return a.occurrences > b.occurrences;
        if (a.testId != b.testId)
            return a.testId < b.testId;
        return int(a.kind) < int(b.kind);
    });
    if (m_options.limit > 0 && findings.size() > m_options.limit)
        findings.resize(m_options.limit);
    return findings;
}

} // namespace devdash::testresults
