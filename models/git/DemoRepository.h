#pragma once

// The repository `devdash --demo` opens: four months of a small team's work on a
// service called "harbor" (branches, merges, an octopus, releases, tags, a rename, a
// deleted and a binary file, an origin that is ahead and behind), made with libgit2
// only because users may not have git installed. The same `now` gives the same ids.
// The story is a list of small steps so that other capabilities can add theirs.

#include "LibGit2.h"

#include <QDateTime>
#include <QString>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace devdash::git {

class DemoRepository
{
public:
    // Creates `folder`/harbor (work tree, HEAD on main, checked out) and
    // `folder`/origin.git (its bare remote); returns the work tree's path.
    static Result<QString> create(const QString &folder);
    static Result<QString> create(const QString &folder, const QDateTime &now);

    static constexpr const char *ProjectName = "harbor";

private:
    struct Author
    {
        const char *name;
        const char *email;
        int utcOffsetMinutes;
    };
    struct Branch
    {
        std::string ref; // refs/heads/…, or refs/remotes/… for commits only origin has
        git_oid tip {};
        git_oid tree {};
        bool born = false;
    };
    struct Change
    {
        std::string path;
        QByteArray content;
        bool remove = false;
    };
    struct Edit
    {
        std::string message;
        std::vector<Change> changes;
    };

    DemoRepository(const QString &folder, const QDateTime &now);

    // The story, oldest first.
    void startProject();
    void firstRelease();
    void chartsExperiment();
    void loginFeature();
    void octopusCleanup();
    void secondRelease();
    void searchFeature();
    void divergeFromOrigin();
    void publishToOrigin();
    void configureRemote();
    void checkout();

    // Commits and refs.
    Branch &branch(const std::string &name);
    Branch &fork(const std::string &name, const std::string &from, const std::string &ref = {});
    void commit(const std::string &branchName, int author, const Edit &edit);
    void merge(const std::string &into, const std::vector<std::string> &from, int author,
        const std::string &message);
    void annotatedTag(const std::string &name, const git_oid &target, int tagger, const std::string &message);
    void lightweightTag(const std::string &name, const git_oid &target);

    // Edits that read like a team's work.
    Edit mainlineEdit(const Branch &b);
    Edit newSourceFile(const Branch &b, const std::string &path);
    Edit addFunction(const Branch &b, const std::string &path);
    Edit tweakFunction(const Branch &b, const std::string &path);
    Edit removeFunction(const Branch &b, const std::string &path);
    Edit addTest(const Branch &b, const std::string &path);
    Edit addMigration(const std::string &name, const std::string &sql);
    Edit documentInReadme(const Branch &b);
    Edit renameFile(const Branch &b, const std::string &from, const std::string &to);

    // Trees and contents.
    std::string readFile(const Branch &b, const std::string &path);
    std::vector<std::string> listFiles(const Branch &b, const std::string &dir, const std::string &suffix);
    git_oid writeTree(const git_oid &base, const std::vector<Change> &changes);
    std::string cmakeWith(const Branch &b, const std::string &addSource, const std::string &removeSource);

    // Time and chance: a seeded generator, so the story never changes.
    void beginPhase(double startDaysAgo, double endDaysAgo, int expectedCommits);
    int64_t tick();
    uint32_t random(uint32_t bound);
    const char *pick(const std::vector<const char *> &words) { return words[random(uint32_t(words.size()))]; }
    SignaturePtr signature(int author, int64_t when);

    bool check(int rc, const char *what);
    bool failed() const { return !m_error.message.isEmpty(); }

    QString m_folder;
    QString m_workTree;
    QString m_originPath;
    RepositoryPtr m_repo;
    std::map<std::string, Branch> m_branches;
    std::map<std::string, git_oid> m_forkPoints; // branch → commit it started from
    std::map<std::string, git_oid> m_tags; // name → tag object (annotated) or commit
    std::vector<Author> m_authors;
    int64_t m_now = 0;
    int64_t m_clock = 0;
    int64_t m_phaseEnd = 0;
    int64_t m_step = 0;
    uint64_t m_seed = 0x6861726230721ULL;
    int m_nextMigration = 1;
    Error m_error;
};

} // namespace devdash::git
