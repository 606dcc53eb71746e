#include "Scenarios.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>

namespace devdash::test {

using Files = QMap<QString, QByteArray>;

// --- FastImport ---------------------------------------------------------------

int FastImport::commit(
    const QString &ref, const QList<int> &parents, qint64 time, const QString &message, const Files &files)
{
    if (parents.isEmpty())
        m_stream += "reset " + ref.toUtf8() + "\n\n"; // else a commit without "from" continues the ref
    const int mark = ++m_mark;
    const QByteArray msg = message.toUtf8();
    const QByteArray who = "DevDash Test <test@devdash.invalid> " + QByteArray::number(time) + " +0000\n";
    m_stream += "commit " + ref.toUtf8() + "\nmark :" + QByteArray::number(mark) + "\n";
    m_stream += "author " + who + "committer " + who;
    m_stream += "data " + QByteArray::number(msg.size()) + "\n" + msg + "\n";
    if (parents.isEmpty())
        m_stream += "deleteall\n"; // a root, even on a ref that already exists
    for (int i = 0; i < parents.size(); ++i)
        m_stream += (i == 0 ? "from :" : "merge :") + QByteArray::number(parents[i]) + "\n";
    for (auto it = files.begin(); it != files.end(); ++it) {
        if (it.value().isNull()) {
            m_stream += "D " + it.key().toUtf8() + "\n";
        } else {
            m_stream += "M 100644 inline " + it.key().toUtf8() + "\ndata "
                + QByteArray::number(it.value().size()) + "\n" + it.value() + "\n";
        }
    }
    m_stream += "\n";
    return mark;
}

void FastImport::reset(const QString &ref, int mark)
{
    m_stream += "reset " + ref.toUtf8() + "\nfrom :" + QByteArray::number(mark) + "\n\n";
}

void FastImport::annotatedTag(const QString &name, int mark, qint64 time, const QString &message)
{
    const QByteArray msg = message.toUtf8();
    m_stream += "tag " + name.toUtf8() + "\nfrom :" + QByteArray::number(mark) + "\n";
    m_stream += "tagger DevDash Test <test@devdash.invalid> " + QByteArray::number(time) + " +0000\n";
    m_stream += "data " + QByteArray::number(msg.size()) + "\n" + msg + "\n"; // no blank line after a tag
}

void FastImport::run(TestRepo &repo, const QString &branch)
{
    repo.git({ QStringLiteral("fast-import"), QStringLiteral("--quiet"), QStringLiteral("--done") },
        m_stream + "done\n");
    repo.git(
        { QStringLiteral("symbolic-ref"), QStringLiteral("HEAD"), QStringLiteral("refs/heads/") + branch });
    if (!repo.git({ QStringLiteral("rev-parse"), QStringLiteral("--is-bare-repository") })
             .startsWith(u"true"))
        repo.git({ QStringLiteral("reset"), QStringLiteral("-q"), QStringLiteral("--hard") });
}

// --- Shapes -------------------------------------------------------------------

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

Scenario linear(TestRepo &r)
{
    r.init();
    for (int i = 1; i <= 6; ++i)
        r.commit(QStringLiteral("linear %1").arg(i),
            { { QStringLiteral("file.txt"), QByteArray::number(i) + "\n" } });
    return { {}, r.path(), { s("HEAD~2"), s("main") } };
}

Scenario merges(TestRepo &r)
{
    r.init();
    r.commit(s("c1"), { { s("a.txt"), "a\n" } });
    r.checkoutNew(s("feature"));
    r.commit(s("f1"), { { s("f.txt"), "f1\n" } });
    r.commit(s("f2"), { { s("f.txt"), "f2\n" } });
    r.checkout(s("main"));
    r.commit(s("c2"), { { s("a.txt"), "a2\n" } });
    r.merge({ s("feature") }, s("Merge feature"));
    r.checkoutNew(s("topic"));
    r.commit(s("t1"), { { s("t.txt"), "t\n" } });
    r.checkout(s("main"));
    r.checkoutNew(s("feature2"), s("main~1"));
    r.commit(s("g1"), { { s("g.txt"), "g\n" } });
    r.checkout(s("main"));
    r.commit(s("c3"), { { s("a.txt"), "a3\n" } });
    r.merge({ s("feature2") }, s("Merge feature2"));
    r.commit(s("c4"), { { s("a.txt"), "a4\n" } });
    return { {}, r.path(), { s("feature"), s("topic"), s("main~1^2"), s("HEAD~1") } };
}

Scenario octopus(TestRepo &r)
{
    r.init();
    r.commit(s("base"), { { s("base.txt"), "base\n" } });
    for (const char *b : { "b1", "b2", "b3", "b4" }) {
        r.checkoutNew(s(b), s("main"));
        r.commit(s(b) + s(" work"), { { s(b) + s(".txt"), QByteArray(b) + "\n" } });
    }
    r.checkout(s("main"));
    r.commit(s("main work"), { { s("base.txt"), "base2\n" } });
    r.merge({ s("b1"), s("b2"), s("b3"), s("b4") }, s("Octopus"));
    r.commit(s("after"), { { s("base.txt"), "base3\n" } });
    return { {}, r.path(), { s("HEAD^"), s("b3") } };
}

Scenario crissCross(TestRepo &r)
{
    r.init();
    r.commit(s("c1"), { { s("m.txt"), "m\n" } });
    r.checkoutNew(s("a"));
    r.commit(s("a1"), { { s("a.txt"), "a1\n" } });
    r.checkoutNew(s("b"), s("main"));
    r.commit(s("b1"), { { s("b.txt"), "b1\n" } });
    r.checkout(s("a"));
    r.merge({ s("b") }, s("a: merge b1"));
    r.checkout(s("b"));
    r.merge({ s("a~1") }, s("b: merge a1"));
    r.commit(s("b3"), { { s("b.txt"), "b3\n" } });
    r.checkout(s("a"));
    r.commit(s("a3"), { { s("a.txt"), "a3\n" } });
    r.merge({ s("b") }, s("a: merge b (criss-cross)"));
    r.checkout(s("b"));
    r.merge({ s("a~1") }, s("b: merge a3 (criss-cross)"));
    r.checkout(s("main"));
    r.merge({ s("a"), s("b") }, s("main: merge both"));
    return { {}, r.path(), { s("a"), s("b") } };
}

Scenario orphan(TestRepo &r)
{
    r.init();
    r.commit(s("m1"), { { s("m.txt"), "m1\n" } });
    r.commit(s("m2"), { { s("m.txt"), "m2\n" } });
    r.git({ s("checkout"), s("-q"), s("--orphan"), s("other") });
    r.git({ s("rm"), s("-q"), s("-rf"), s(".") });
    r.commit(s("o1"), { { s("o.txt"), "o1\n" } });
    r.commit(s("o2"), { { s("o.txt"), "o2\n" } });
    r.git({ s("checkout"), s("-q"), s("--orphan"), s("lonely") });
    r.git({ s("rm"), s("-q"), s("-rf"), s(".") });
    r.commit(s("l1"), { { s("l.txt"), "l1\n" } });
    r.checkout(s("main"));
    r.git({ s("merge"), s("-q"), s("--no-edit"), s("--allow-unrelated-histories"), s("other") });
    r.commit(s("m3"), { { s("m.txt"), "m3\n" } });
    return { {}, r.path(), { s("other"), s("lonely") } };
}

Scenario unicodeRefs(TestRepo &r)
{
    r.init();
    r.commit(s("c1"), { { s("a.txt"), "a\n" } });
    r.checkoutNew(s("feature/ünïcode-名前"));
    r.commit(s("Unicode branch: ünïcode 名前"), { { s("données/名前.txt"), "x\n" } });
    r.annotatedTag(s("v1.0-ü"), s("HEAD"), s("tag ü"));
    r.checkoutNew(s("émile"), s("main"));
    r.commit(s("e1"), { { s("e.txt"), "e\n" } });
    r.checkoutNew(s("Zeta"), s("main"));
    r.commit(s("z1"), { { s("z.txt"), "z\n" } });
    r.checkout(s("main"));
    r.commit(s("c2"), { { s("a.txt"), "a2\n" } });
    return { {}, r.path(), { s("feature/ünïcode-名前"), s("v1.0-ü"), s("émile") } };
}

Scenario packedRefs(TestRepo &r)
{
    r.init();
    r.commit(s("c1"));
    for (int i = 1; i <= 5; ++i) {
        r.checkoutNew(QStringLiteral("b%1").arg(i), s("main"));
        r.commit(QStringLiteral("b%1 work").arg(i));
    }
    r.checkout(s("main"));
    r.commit(s("c2"));
    r.annotatedTag(s("v1"), s("main~1"), s("v1"));
    r.lightweightTag(s("light"), s("b3"));
    r.git({ s("pack-refs"), s("--all"), s("--prune") });
    // A loose ref now overrides its packed value; another exists only loose.
    r.checkout(s("b2"));
    r.commit(s("b2 after packing"));
    r.checkoutNew(s("b6"), s("main"));
    r.commit(s("b6 loose"));
    r.checkout(s("main"));
    r.git({ s("branch"), s("-D"), s("b4") }); // deleted from packed-refs
    return { {}, r.path(), { s("b2"), s("v1"), s("b6") } };
}

Scenario tags(TestRepo &r)
{
    r.init();
    r.commit(s("c1"), { { s("file.txt"), "1\n" } });
    r.lightweightTag(s("v0.1"));
    r.commit(s("c2"), { { s("file.txt"), "2\n" } });
    r.annotatedTag(s("v1.0"), s("HEAD"), s("release 1.0"));
    r.commit(s("c3"), { { s("file.txt"), "3\n" } });
    r.commit(s("c4"), { { s("file.txt"), "4\n" } });
    r.annotatedTag(s("v2.0"), s("HEAD"), s("release 2.0"));
    r.annotatedTag(s("nested"), s("v1.0"), s("a tag of a tag"));
    // Tags on trees and blobs: not commits, must be ignored.
    r.lightweightTag(s("treetag"), s("HEAD^{tree}"));
    r.lightweightTag(s("blobtag"), s("HEAD:file.txt"));
    r.annotatedTag(s("annotated-tree"), s("HEAD~1^{tree}"), s("a tree"));
    // A tag off the branches: only --all reaches its commit.
    r.checkoutNew(s("tmp"), s("HEAD~2"));
    r.commit(s("tagged only"), { { s("other.txt"), "x\n" } });
    r.annotatedTag(s("v1.1-hotfix"), s("HEAD"), s("hotfix"));
    r.checkout(s("main"));
    r.git({ s("branch"), s("-D"), s("tmp") });
    return { {}, r.path(), { s("v1.0"), s("nested"), s("v1.1-hotfix"), s("v0.1") } };
}

Scenario remote(TestRepo &r)
{
    TestRepo seed = r.sibling(s("seed"));
    seed.init();
    seed.commit(s("s1"), { { s("s.txt"), "1\n" } });
    seed.commit(s("s2"), { { s("s.txt"), "2\n" } });
    seed.checkoutNew(s("dev"));
    seed.commit(s("d1"), { { s("d.txt"), "1\n" } });
    seed.checkoutNew(s("feature"), s("main"));
    seed.commit(s("f1"), { { s("f.txt"), "1\n" } });
    seed.checkout(s("main"));
    r.git({ s("clone"), s("-q"), s("--bare"), seed.path(), r.root() + s("/origin.git") });
    r.git({ s("clone"), s("-q"), r.root() + s("/origin.git"), r.path() });

    // Ours: main ahead by 2, dev tracking and ahead by 1, a local-only branch, and a
    // branch whose configured upstream was never fetched.
    r.commit(s("local 1"), { { s("l.txt"), "1\n" } });
    r.commit(s("local 2"), { { s("l.txt"), "2\n" } });
    r.git({ s("checkout"), s("-q"), s("-b"), s("dev"), s("--track"), s("origin/dev") });
    r.commit(s("dev local"), { { s("dl.txt"), "1\n" } });
    r.checkoutNew(s("local-only"), s("main~1"));
    r.commit(s("only here"));
    r.checkoutNew(s("gone"), s("main"));
    r.git({ s("config"), s("branch.gone.remote"), s("origin") });
    r.git({ s("config"), s("branch.gone.merge"), s("refs/heads/removed-upstream") });
    r.checkout(s("main"));

    // Theirs: main moves by 1, dev by 2, a new branch appears; then fetch.
    seed.commit(s("remote 1"), { { s("s.txt"), "3\n" } });
    seed.checkout(s("dev"));
    seed.commit(s("remote dev 1"), { { s("d.txt"), "2\n" } });
    seed.commit(s("remote dev 2"), { { s("d.txt"), "3\n" } });
    seed.checkoutNew(s("newer"), s("main"));
    seed.commit(s("newer 1"));
    seed.checkout(s("main"));
    seed.git({ s("push"), s("-q"), r.root() + s("/origin.git"), s("main"), s("dev"), s("newer") });
    r.git({ s("fetch"), s("-q"), s("origin") });
    return { {}, r.path(), { s("origin/main"), s("origin/dev"), s("dev") } };
}

Scenario empty(TestRepo &r)
{
    r.init();
    Scenario sc { {}, r.path(), {} };
    sc.empty = true;
    return sc;
}

Scenario detached(TestRepo &r)
{
    r.init();
    r.commit(s("c1"), { { s("f.txt"), "1\n" } });
    r.commit(s("c2"), { { s("f.txt"), "2\n" } });
    r.commit(s("c3"), { { s("f.txt"), "3\n" } });
    r.git({ s("checkout"), s("-q"), s("--detach"), s("HEAD~1") });
    // Reachable from HEAD only.
    r.commit(s("detached work"), { { s("f.txt"), "detached\n" } });
    return { {}, r.path(), { s("main") } };
}

Scenario latin1(TestRepo &r)
{
    r.init();
    r.commit(s("UTF-8: Grüße"), { { s("f.txt"), "1\n" } });
    r.writeFile(s("f.txt"), "2\n");
    r.git({ s("add"), s("-A") });
    r.commitRawMessage("Caf\xe9 cr\xe8me br\xfbl\xe9\n\nD\xe9tails en fran\xe7"
                       "ais.\n",
        s("ISO-8859-1"));
    // No encoding header and bytes that are not UTF-8: shown with U+FFFD.
    const QString tree = r.revParse(s("HEAD^{tree}"));
    const QString parent = r.head();
    const QByteArray who = " <test@devdash.invalid> " + QByteArray::number(r.nextTime()) + " +0000\n";
    QByteArray object = "tree " + tree.toLatin1() + "\nparent " + parent.toLatin1() + "\n";
    object += "author Bad\xff Bytes" + who + "committer Bad\xff Bytes" + who + "\nbroken \xff\xfe message\n";
    QString bad = r.writeCommitObject(object);
    // A Latin-1 author name, declared.
    QByteArray object2 = "tree " + tree.toLatin1() + "\nparent " + bad.toLatin1() + "\n";
    const QByteArray who2 = " <rene@devdash.invalid> " + QByteArray::number(r.nextTime()) + " +0000\n";
    object2 += "author Ren\xe9 L\xe9vesque" + who2 + "committer Ren\xe9 L\xe9vesque" + who2
        + "encoding ISO-8859-1\n\nNa\xefve r\xe9sum\xe9\n";
    const QString latinAuthor = r.writeCommitObject(object2);
    r.git({ s("update-ref"), s("refs/heads/main"), latinAuthor });
    r.git({ s("reset"), s("-q"), s("--hard") });
    return { {}, r.path(), {} };
}

Scenario sameTime(TestRepo &r)
{
    r.init();
    r.freezeClock(true);
    r.commit(s("c1"));
    r.checkoutNew(s("b1"));
    r.commit(s("x1"));
    r.commit(s("x2"));
    r.checkoutNew(s("b2"), s("main"));
    r.commit(s("y1"));
    r.checkoutNew(s("b3"), s("main"));
    r.commit(s("z1"));
    r.checkout(s("main"));
    r.commit(s("c2"));
    r.merge({ s("b1") });
    r.checkoutNew(s("b4"), s("b1~1"));
    r.commit(s("w1"));
    r.checkout(s("main"));
    r.commit(s("c3"));
    r.freezeClock(false);
    return { {}, r.path(), { s("b2"), s("b4") } };
}

Scenario skewedDates(TestRepo &r)
{
    // Committer dates that go backwards (clock skew): order must still come from
    // the graph, dates only break ties.
    r.init();
    r.commit(s("c1"), {}, TestRepo::BaseTime + 5000);
    r.commit(s("c2 (older than its parent)"), {}, TestRepo::BaseTime + 1000);
    r.checkoutNew(s("side"), s("main~1"));
    r.commit(s("s1 (far future)"), {}, TestRepo::BaseTime + 90000);
    r.commit(s("s2 (past)"), {}, TestRepo::BaseTime + 10);
    r.checkout(s("main"));
    r.merge({ s("side") }, s("merge side"), TestRepo::BaseTime + 3000);
    r.checkoutNew(s("old"), s("main~1"));
    r.commit(s("o1"), {}, TestRepo::BaseTime - 100000);
    r.checkout(s("main"));
    r.commit(s("c4"), {}, TestRepo::BaseTime + 3000);
    return { {}, r.path(), { s("side"), s("old") } };
}

Scenario bare(TestRepo &r)
{
    TestRepo seed = r.sibling(s("seed"));
    merges(seed);
    seed.git({ s("tag"), s("-a"), s("-m"), s("release"), s("v1"), s("main~2") });
    const QString barePath = r.root() + s("/bare.git");
    r.git({ s("clone"), s("-q"), s("--bare"), seed.path(), barePath });
    return { {}, barePath, { s("feature"), s("v1") } };
}

Scenario worktree(TestRepo &r)
{
    merges(r);
    const QString wt = r.root() + s("/linked-wt");
    r.git({ s("worktree"), s("add"), s("-q"), s("-b"), s("wt-branch"), wt, s("feature") });
    TestRepo linked = r.at(wt);
    linked.commit(s("work in the linked worktree"), { { s("wt.txt"), "wt\n" } });
    return { {}, wt, { s("main"), s("wt-branch") } };
}

Scenario submodule(TestRepo &r)
{
    TestRepo sub = r.sibling(s("subsrc"));
    sub.init();
    sub.commit(s("sub 1"), { { s("lib.txt"), "1\n" } });
    sub.commit(s("sub 2"), { { s("lib.txt"), "2\n" } });
    r.init();
    r.commit(s("super 1"), { { s("app.txt"), "1\n" } });
    r.git({ s("submodule"), s("add"), s("-q"), sub.path(), s("modules/lib") });
    r.commit(s("add submodule"));
    TestRepo inner = r.at(r.path() + s("/modules/lib"));
    inner.commit(s("sub 3 (inside the superproject)"), { { s("lib.txt"), "3\n" } });
    // The submodule's own repository, whose .git is a file into .git/modules.
    return { {}, r.path() + s("/modules/lib"), { s("HEAD~1") } };
}

Scenario subfolder(TestRepo &r)
{
    r.init();
    r.commit(s("c1"), { { s("src/deep/inner/a.txt"), "a\n" } });
    r.commit(s("c2"), { { s("src/deep/inner/a.txt"), "b\n" } });
    r.checkoutNew(s("topic"));
    r.commit(s("t1"), { { s("src/t.txt"), "t\n" } });
    r.checkout(s("main"));
    return { {}, r.path() + s("/src/deep/inner"), { s("topic") } };
}

Scenario worktreeDetached(TestRepo &r)
{
    // A linked worktree whose detached HEAD is the only way to reach a commit:
    // `git log --all` run in the main worktree lists it too (other worktrees' HEADs).
    linear(r);
    const QString wt = r.root() + s("/detached-wt");
    r.git({ s("worktree"), s("add"), s("-q"), s("--detach"), wt, s("HEAD~2") });
    TestRepo linked = r.at(wt);
    linked.commit(s("only reachable from the linked worktree's HEAD"), { { s("x.txt"), "x\n" } });
    return { {}, r.path(), {} };
}

} // namespace

QStringList Scenarios::names()
{
    return { s("linear"), s("merges"), s("octopus"), s("crisscross"), s("orphan"), s("unicode_refs"),
        s("packed_refs"), s("tags"), s("remote"), s("empty"), s("detached"), s("latin1"), s("same_time"),
        s("skewed_dates"), s("bare"), s("worktree"), s("submodule"), s("subfolder"), s("worktree_detached"),
        s("many_refs"), s("random_dag") };
}

QStringList Scenarios::namesWithHistory()
{
    QStringList all = names();
    all.removeAll(s("empty"));
    return all;
}

Scenario Scenarios::build(const QString &name, TestRepo &repo)
{
    Scenario sc;
    if (name == u"linear")
        sc = linear(repo);
    else if (name == u"merges")
        sc = merges(repo);
    else if (name == u"octopus")
        sc = octopus(repo);
    else if (name == u"crisscross")
        sc = crissCross(repo);
    else if (name == u"orphan")
        sc = orphan(repo);
    else if (name == u"unicode_refs")
        sc = unicodeRefs(repo);
    else if (name == u"packed_refs")
        sc = packedRefs(repo);
    else if (name == u"tags")
        sc = tags(repo);
    else if (name == u"remote")
        sc = remote(repo);
    else if (name == u"empty")
        sc = empty(repo);
    else if (name == u"detached")
        sc = detached(repo);
    else if (name == u"latin1")
        sc = latin1(repo);
    else if (name == u"same_time")
        sc = sameTime(repo);
    else if (name == u"skewed_dates")
        sc = skewedDates(repo);
    else if (name == u"bare")
        sc = bare(repo);
    else if (name == u"worktree")
        sc = worktree(repo);
    else if (name == u"submodule")
        sc = submodule(repo);
    else if (name == u"subfolder")
        sc = subfolder(repo);
    else if (name == u"worktree_detached")
        sc = worktreeDetached(repo);
    else if (name == u"many_refs") {
        repo.init();
        manyRefs(repo, 40, 60);
        sc = { {}, repo.path(), { s("b7"), s("b30"), s("t20") } };
    } else if (name == u"random_dag") {
        repo.init();
        randomDag(repo, 20240229, 400);
        sc = { {}, repo.path(), { s("r3"), s("r11") } };
    } else {
        repo.git({ s("unknown-scenario-") + name });
    }
    sc.name = name;
    return sc;
}

void Scenarios::manyRefs(TestRepo &repo, int mainCommits, int branches)
{
    FastImport fi;
    qint64 t = repo.now();
    QList<int> mainLine;
    int mainTip = 0;
    QList<int> forkPoints;
    for (int i = 0; i < mainCommits; ++i) {
        mainTip = fi.commit(s("refs/heads/main"), mainTip ? QList<int> { mainTip } : QList<int> {}, t += 60,
            QStringLiteral("main %1").arg(i), { { s("main.txt"), QByteArray::number(i) } });
        mainLine << mainTip;
        if (i % 5 == 0)
            fi.reset(QStringLiteral("refs/tags/t%1").arg(i), mainTip);
    }
    // Branches fork at different points; every third is merged back into main.
    for (int b = 0; b < branches; ++b) {
        const int fork = mainLine[(b * 7) % mainLine.size()];
        const QString ref = QStringLiteral("refs/heads/b%1").arg(b);
        int tip = fork;
        for (int k = 0; k <= b % 3; ++k)
            tip = fi.commit(ref, { tip }, t += 60, QStringLiteral("b%1 work %2").arg(b).arg(k),
                { { QStringLiteral("b%1.txt").arg(b), QByteArray::number(k) } });
        if (b % 3 == 0)
            mainTip = fi.commit(
                s("refs/heads/main"), { mainTip, tip }, t += 60, QStringLiteral("Merge b%1").arg(b));
    }
    fi.annotatedTag(s("release-1"), mainTip, t += 60, s("release 1"));
    repo.setTime(t);
    fi.run(repo);
}

void Scenarios::randomDag(TestRepo &repo, quint32 seed, int commits)
{
    QRandomGenerator rng(seed);
    FastImport fi;
    struct Branch
    {
        QString ref;
        int tip;
    };
    QList<Branch> heads;
    QList<int> all;
    QList<qint64> timeOf { 0 }; // by mark
    qint64 t = repo.now();
    auto nextTime = [&] {
        // Mostly forward, often equal, sometimes skewed backwards.
        const quint32 roll = rng.bounded(10u);
        if (roll < 6)
            t += 60;
        else if (roll == 9)
            return t - qint64(rng.bounded(5000u));
        return t;
    };
    auto add = [&](int mark) { all << mark; };

    add(fi.commit(s("refs/heads/main"), {}, nextTime(), s("root")));
    heads.append({ s("refs/heads/main"), all.last() });
    for (int i = 1; i < commits; ++i) {
        const quint32 action = rng.bounded(100u);
        if (action < 12 && heads.size() < 24) {
            // A new branch from any earlier commit.
            const int from = all[int(rng.bounded(quint32(all.size())))];
            const QString ref = QStringLiteral("refs/heads/r%1").arg(heads.size());
            add(fi.commit(ref, { from }, nextTime(), QStringLiteral("r%1 start").arg(heads.size())));
            heads.append({ ref, all.last() });
        } else if (action < 27 && heads.size() > 2) {
            // A merge of 2 (rarely 3 or 4) branch tips into one of them.
            const int into = int(rng.bounded(quint32(heads.size())));
            QList<int> parents { heads[into].tip };
            const int ways = action < 15 ? 3 + int(rng.bounded(2u)) : 2;
            for (int w = 1; w < ways; ++w) {
                const int other = heads[int(rng.bounded(quint32(heads.size())))].tip;
                if (!parents.contains(other))
                    parents << other;
            }
            if (parents.size() < 2)
                continue;
            add(fi.commit(heads[into].ref, parents, nextTime(), QStringLiteral("merge %1").arg(i)));
            heads[into].tip = all.last();
        } else if (action < 29) {
            // A second root.
            const QString ref = QStringLiteral("refs/heads/r%1").arg(heads.size());
            add(fi.commit(ref, {}, nextTime(), QStringLiteral("root %1").arg(i)));
            heads.append({ ref, all.last() });
        } else {
            const int on = int(rng.bounded(quint32(heads.size())));
            add(fi.commit(heads[on].ref, { heads[on].tip }, nextTime(), QStringLiteral("c%1").arg(i)));
            heads[on].tip = all.last();
        }
        if (rng.bounded(40u) == 0)
            fi.reset(QStringLiteral("refs/tags/t%1").arg(i), all.last());
    }
    repo.setTime(t);
    fi.run(repo);
}

} // namespace devdash::test
