#include "DemoRepository.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstdlib>

namespace devdash::git {

namespace {

enum AuthorId { Alice, Bob, Carla, David, Emma, Farid };

const std::vector<const char *> Verbs { "load", "parse", "validate", "render", "fetch", "store", "compute",
    "format", "resolve", "encode", "cache", "merge", "export", "retry", "throttle" };
const std::vector<const char *> Nouns { "Config", "User", "Session", "Order", "Invoice", "Report", "Token",
    "Route", "Query", "Header", "Payload", "Metric", "Project", "Webhook", "Quota" };
// A line of documentation and the summary of the commit that adds it.
const std::vector<std::pair<const char *, const char *>> ReadmeLines {
    { "Configure the listen port with `HARBOR_PORT` (default 8080).", "Document HARBOR_PORT" },
    { "Run `ctest --output-on-failure` before opening a merge request.", "README: how to run the tests" },
    { "The database URL is read from `HARBOR_DATABASE_URL`; never commit credentials.",
        "Document the database URL" },
    { "Migrations live in `db/migrations` and run in file-name order.", "Explain how migrations run" },
    { "Use `harbor --check-config` to validate a configuration file.", "Document --check-config" },
    { "Logs go to stderr in logfmt; set `HARBOR_LOG=debug` for details.", "Document logging" },
    { "Webhooks are retried three times with exponential back-off.", "Document webhook retries" },
    { "Rate limits are per token; see `src/config.cpp` for the defaults.", "README: rate limits" },
    { "Invoices are rendered as UTF-8 text; PDF export is planned.", "Document invoice rendering" },
    { "Health checks answer on `/healthz` without authentication.", "Document the health check" },
};

// Migrations the main line adds over time, in order: name and body.
struct Migration
{
    const char *name;
    const char *sql;
};
const std::array<Migration, 9> MainMigrations { {
    { "create_users",
        "CREATE TABLE users (\n    id BIGSERIAL PRIMARY KEY,\n    login TEXT NOT NULL UNIQUE,\n"
        "    display_name TEXT NOT NULL,\n    created_at TIMESTAMP NOT NULL DEFAULT now()\n);\n" },
    { "create_projects",
        "CREATE TABLE projects (\n    id BIGSERIAL PRIMARY KEY,\n    owner_id BIGINT NOT NULL "
        "REFERENCES users(id),\n    name TEXT NOT NULL,\n    created_at TIMESTAMP NOT NULL DEFAULT "
        "now()\n);\nCREATE INDEX idx_projects_owner ON projects(owner_id);\n" },
    { "add_email_to_users",
        "ALTER TABLE users ADD COLUMN email TEXT;\nCREATE UNIQUE INDEX idx_users_email ON "
        "users(email);\n" },
    { "create_orders",
        "CREATE TABLE orders (\n    id BIGSERIAL PRIMARY KEY,\n    project_id BIGINT NOT NULL "
        "REFERENCES projects(id),\n    total_cents BIGINT NOT NULL,\n    created_at TIMESTAMP NOT NULL "
        "DEFAULT now()\n);\n" },
    { "add_status_to_orders",
        "ALTER TABLE orders ADD COLUMN status TEXT NOT NULL DEFAULT 'open';\n"
        "CREATE INDEX idx_orders_status ON orders(status);\n" },
    { "create_invoices",
        "CREATE TABLE invoices (\n    id BIGSERIAL PRIMARY KEY,\n    order_id BIGINT NOT NULL "
        "REFERENCES orders(id),\n    number TEXT NOT NULL UNIQUE,\n    issued_at TIMESTAMP NOT "
        "NULL\n);\n" },
    { "add_due_date_to_invoices", "ALTER TABLE invoices ADD COLUMN due_at TIMESTAMP;\n" },
    { "create_webhooks",
        "CREATE TABLE webhooks (\n    id BIGSERIAL PRIMARY KEY,\n    project_id BIGINT NOT NULL "
        "REFERENCES projects(id),\n    url TEXT NOT NULL,\n    secret_ref TEXT\n);\n" },
    { "create_audit_log",
        "CREATE TABLE audit_log (\n    id BIGSERIAL PRIMARY KEY,\n    actor_id BIGINT REFERENCES "
        "users(id),\n    action TEXT NOT NULL,\n    at TIMESTAMP NOT NULL DEFAULT now()\n);\n" },
} };

QByteArray bytes(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

std::vector<std::string> splitBlocks(const std::string &text)
{
    std::vector<std::string> blocks;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find("\n\n", start);
        if (end == std::string::npos)
            end = text.size();
        std::string block = text.substr(start, end - start);
        while (!block.empty() && block.back() == '\n')
            block.pop_back();
        if (!block.empty())
            blocks.push_back(block);
        start = end + 2;
    }
    return blocks;
}

std::string joinBlocks(const std::vector<std::string> &blocks)
{
    std::string out;
    for (const std::string &b : blocks)
        out += (out.empty() ? "" : "\n\n") + b;
    return out + "\n";
}

std::string functionName(const std::string &block)
{
    size_t pos = 0;
    while (pos < block.size()) {
        const size_t end = std::min(block.find('\n', pos), block.size());
        const std::string line = block.substr(pos, end - pos);
        const size_t paren = line.find('(');
        if (paren != std::string::npos && line[0] != '/' && line[0] != ' ' && line[0] != '#') {
            const size_t space = line.rfind(' ', paren);
            return line.substr(space == std::string::npos ? 0 : space + 1, paren - (space + 1));
        }
        pos = end + 1;
    }
    return "helper";
}

std::string baseName(const std::string &path)
{
    return path.substr(path.rfind('/') + 1);
}

// A small PNG (the project logo), so that a binary file changes in the history. PNG
// wants a zlib stream, which is what qCompress produces after its 4-byte length.
QByteArray logoPng(uint8_t r, uint8_t g, uint8_t b)
{
    auto crc32 = [](const QByteArray &data) {
        uint32_t crc = 0xffffffffu;
        for (char ch : data) {
            crc ^= uint8_t(ch);
            for (int k = 0; k < 8; ++k)
                crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
        }
        return ~crc;
    };
    auto be32 = [](uint32_t v) -> QByteArray {
        QByteArray out(4, 0);
        for (int i = 0; i < 4; ++i)
            out[i] = char(v >> (24 - 8 * i));
        return out;
    };
    auto chunk = [&](const char *type, const QByteArray &data) -> QByteArray {
        const QByteArray typed = QByteArray(type) + data;
        return be32(uint32_t(data.size())) + typed + be32(crc32(typed));
    };
    constexpr int Size = 24;
    QByteArray raw;
    for (int y = 0; y < Size; ++y) {
        raw.append(char(0)); // no filter
        for (int x = 0; x < Size; ++x) {
            const int dx = x - Size / 2, dy = y - Size / 2;
            const bool ring = dx * dx + dy * dy < 100 && dx * dx + dy * dy > 36;
            const bool anchor = std::abs(dx) < 2 && dy > -6 && dy < 7;
            const bool on = ring || anchor;
            raw.append(char(on ? r : 255)).append(char(on ? g : 255)).append(char(on ? b : 255));
        }
    }
    QByteArray header = be32(Size) + be32(Size);
    header.append(char(8)).append(char(2)).append(char(0)).append(char(0)).append(char(0)); // 8-bit RGB
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", header)
        + chunk("IDAT", qCompress(raw, 9).mid(4)) + chunk("IEND", {});
}

const char *InitialReadme = R"(# harbor

A small HTTP service that keeps track of projects, orders and invoices.

## Building

    cmake -S . -B build && cmake --build build

## Notes

- Requires a C++20 compiler and PostgreSQL 15.
)";

const char *InitialCMake = R"(cmake_minimum_required(VERSION 3.20)
project(harbor VERSION 0.1.0 LANGUAGES CXX)

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)

add_executable(harbor
    src/main.cpp
    src/server.cpp
)
target_link_libraries(harbor PRIVATE pq)

enable_testing()
add_subdirectory(tests)
)";

const char *InitialMain = R"(#include "server.h"

#include <cstdlib>
#include <iostream>

int main(int argc, char **argv)
{
    const char *port = std::getenv("HARBOR_PORT");
    Server server(port ? std::atoi(port) : 8080);
    if (argc > 1 && std::string(argv[1]) == "--check-config")
        return server.checkConfig() ? 0 : 1;
    std::cerr << "harbor listening on " << server.port() << '\n';
    return server.run();
})";

const char *InitialServerH = R"(#pragma once

#include <string>

class Server
{
public:
    explicit Server(int port);
    int port() const { return m_port; }
    bool checkConfig() const;
    int run();

private:
    int m_port = 8080;
};
)";

const char *InitialServer = R"(#include "server.h"
#include <thread>

Server::Server(int port)
    : m_port(port)
{
}

// The configuration is checked before binding so that a typo fails fast.
bool Server::checkConfig() const
{
    return m_port > 0 && m_port < 65536;
})";

const char *TestsCMake = R"(add_executable(harbor_tests test_router.cpp)
add_test(NAME harbor_tests COMMAND harbor_tests)
)";

} // namespace

Result<QString> DemoRepository::create(const QString &folder)
{
    return create(folder, QDateTime::currentDateTimeUtc());
}

Result<QString> DemoRepository::create(const QString &folder, const QDateTime &now)
{
    ensureLibGit2();
    const QString work = QDir(folder).filePath(QString::fromLatin1(ProjectName));
    const QString origin = QDir(folder).filePath(QStringLiteral("origin.git"));
    for (const QString &path : { work, origin })
        if (QFileInfo::exists(path) && !QDir(path).isEmpty())
            return Error { QStringLiteral(
                "Cannot create the demo repository: %1 already exists and is not empty "
                "(choose an empty folder)")
                               .arg(path) };
    if (!QDir().mkpath(work))
        return Error { QStringLiteral(
            "Cannot create the demo repository: cannot create %1 (check permissions)")
                           .arg(work) };

    DemoRepository demo(folder, now);
    git_repository *raw = nullptr;
    git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    opts.flags = GIT_REPOSITORY_INIT_MKPATH;
    opts.initial_head = "main";
    if (!demo.check(git_repository_init_ext(&raw, QFile::encodeName(work).constData(), &opts),
            "cannot initialise the demo repository"))
        return demo.m_error;
    demo.m_repo.reset(raw);
    demo.m_workTree = work;
    demo.m_originPath = origin;

    demo.startProject();
    demo.firstRelease();
    demo.chartsExperiment();
    demo.loginFeature();
    demo.octopusCleanup();
    demo.secondRelease();
    demo.searchFeature();
    demo.divergeFromOrigin();
    demo.publishToOrigin();
    demo.configureRemote();
    demo.checkout();
    if (demo.failed())
        return demo.m_error;
    return work;
}

DemoRepository::DemoRepository(const QString &folder, const QDateTime &now)
    : m_folder(folder)
    , m_now(now.toSecsSinceEpoch())
{
    m_authors = {
        { "Alice Martin", "alice.martin@harbor.example", 60 },
        { "Bob Nguyen", "bob.nguyen@harbor.example", -300 },
        { "Carla Rossi", "carla.rossi@harbor.example", 120 },
        { "David Okafor", "david.okafor@harbor.example", 0 },
        { "Emma Schmidt", "emma.schmidt@harbor.example", 60 },
        { "Farid Haddad", "farid.haddad@harbor.example", 330 },
    };
    m_clock = m_now - 121 * 86400;
}

// ---- The story ---------------------------------------------------------------

void DemoRepository::startProject()
{
    beginPhase(120, 96, 42);
    m_branches["main"] = Branch { "refs/heads/main" };
    commit("main", Alice,
        { "Initial commit: HTTP server skeleton",
            { { "README.md", InitialReadme }, { "CMakeLists.txt", InitialCMake },
                { ".gitignore", "/build/\n*.user\n.cache/\n" },
                { "LICENSE", "MIT License\n\nCopyright (c) the harbor authors\n" },
                { "src/main.cpp", QByteArray(InitialMain) + "\n" }, { "src/server.h", InitialServerH },
                { "src/server.cpp", QByteArray(InitialServer) + "\n" } } });
    const std::vector<std::pair<std::string, int>> modules { { "src/router.cpp", Bob },
        { "src/db.cpp", Carla }, { "src/config.cpp", Alice }, { "src/util.cpp", David },
        { "src/legacy_parser.cpp", Bob } };
    for (const auto &[path, author] : modules) {
        commit("main", author, newSourceFile(branch("main"), path));
        if (path == "src/db.cpp")
            for (int i = 0; i < 2; ++i)
                commit("main", Carla, addMigration(MainMigrations[i].name, MainMigrations[i].sql));
    }
    commit("main", Emma,
        { "Add router tests",
            { { "tests/CMakeLists.txt", TestsCMake },
                { "tests/test_router.cpp", "#include \"doctest.h\"\n#include \"../src/harbor.h\"\n" } } });
    commit("main", Farid, { "Add the project logo", { { "docs/logo.png", logoPng(0x1f, 0x5f, 0xa8) } } });
    while (!failed() && m_clock < m_phaseEnd - m_step)
        commit("main", int(random(6)), mainlineEdit(branch("main")));
}

void DemoRepository::firstRelease()
{
    beginPhase(96, 84, 15);
    fork("release/1.0", "main");
    for (int i = 0; i < 12; ++i) {
        if (i == 2 || i == 5 || i == 8) {
            Branch &release = branch("release/1.0");
            commit("release/1.0", Bob,
                tweakFunction(release, pick({ "src/router.cpp", "src/db.cpp", "src/config.cpp" })));
        } else {
            commit("main", int(random(6)), mainlineEdit(branch("main")));
        }
    }
    annotatedTag("v1.0.0", branch("release/1.0").tip, Alice, "harbor 1.0.0\n\nFirst public release.\n");
    merge("main", { "release/1.0" }, Alice, "Merge branch 'release/1.0'");
}

// Started, pushed, then abandoned: the stale branch of the demo.
void DemoRepository::chartsExperiment()
{
    beginPhase(84, 72, 14);
    fork("feature/charts", "main");
    for (int i = 0; i < 14; ++i) {
        if (i % 2 == 0 && i < 12) {
            Branch &charts = branch("feature/charts");
            commit("feature/charts", David,
                i == 0 ? newSourceFile(charts, "src/charts.cpp") : addFunction(charts, "src/charts.cpp"));
        } else {
            commit("main", int(random(6)), mainlineEdit(branch("main")));
        }
    }
}

// Merged with a merge commit; main meanwhile renames a file, deletes one and
// updates the binary logo.
void DemoRepository::loginFeature()
{
    beginPhase(72, 50, 38);
    fork("feature/login", "main");
    int loginCommits = 0;
    for (int i = 0; i < 36; ++i) {
        if (i % 5 == 1 || i % 5 == 3) {
            Branch &login = branch("feature/login");
            Edit edit;
            switch (loginCommits++) {
            case 0:
                edit = newSourceFile(login, "src/auth.cpp");
                break;
            case 1:
                edit = addMigration("create_sessions",
                    "CREATE TABLE sessions (\n    id BIGSERIAL PRIMARY KEY,\n    user_id BIGINT NOT "
                    "NULL REFERENCES users(id),\n    token_hash TEXT NOT NULL UNIQUE,\n    "
                    "expires_at TIMESTAMP NOT NULL\n);\n");
                break;
            case 2:
                edit = newSourceFile(login, "src/login.cpp");
                break;
            case 4:
                edit = addMigration(
                    "add_password_hash_to_users", "ALTER TABLE users ADD COLUMN password_hash TEXT;\n");
                break;
            case 6:
                edit = addTest(login, "tests/test_auth.cpp");
                break;
            default:
                edit = random(3) == 0 ? tweakFunction(login, "src/auth.cpp")
                                      : addFunction(login, random(2) ? "src/auth.cpp" : "src/login.cpp");
            }
            commit("feature/login", loginCommits % 3 ? Carla : Bob, edit);
            continue;
        }
        Branch &main = branch("main");
        if (i == 9)
            commit("main", David, renameFile(main, "src/util.cpp", "src/strings.cpp"));
        else if (i == 15)
            commit("main", Bob,
                { "Remove the legacy request parser\n\nThe router parses requests itself since 1.0.",
                    { { "src/legacy_parser.cpp", {}, true },
                        { "CMakeLists.txt", bytes(cmakeWith(main, {}, "src/legacy_parser.cpp")) } } });
        else if (i == 24)
            commit("main", Farid,
                { "Refresh the logo colours", { { "docs/logo.png", logoPng(0x0b, 0x7a, 0x75) } } });
        else
            commit("main", int(random(6)), mainlineEdit(main));
    }
    merge("main", { "feature/login" }, Alice,
        "Merge branch 'feature/login'\n\nSign-in with sessions and hashed passwords.");
}

// Three small topics merged at once. Their branches were deleted after the merge.
void DemoRepository::octopusCleanup()
{
    beginPhase(50, 45, 7);
    for (const char *topic : { "fix/typos", "docs/api", "ci/cache" })
        fork(topic, "main", "-");
    commit("fix/typos", Emma, documentInReadme(branch("fix/typos")));
    commit("docs/api", Farid,
        { "Document the HTTP API",
            { { "docs/api.md",
                "# HTTP API\n\n## GET /healthz\n\nAnswers 200 when the database is reachable.\n" } } });
    commit("ci/cache", Bob,
        { "CI: cache the build folder",
            { { ".ci/pipeline.yml",
                "steps:\n  - cache: build/\n  - run: cmake -S . -B build\n  - run: cmake --build "
                "build\n  - run: ctest --test-dir build\n" } } });
    commit("fix/typos", Emma, tweakFunction(branch("fix/typos"), "src/router.cpp"));
    commit("docs/api", Farid,
        { "Document the orders endpoints",
            { { "docs/api.md",
                "# HTTP API\n\n## GET /healthz\n\nAnswers 200 when the database is reachable.\n\n"
                "## GET /orders\n\nLists the orders of a project, newest first.\n" } } });
    merge("main", { "fix/typos", "docs/api", "ci/cache" }, Alice,
        "Merge branches 'fix/typos', 'docs/api' and 'ci/cache'");
}

// 1.1.0 is an annotated tag, the 1.1.1 hot fix a lightweight one.
void DemoRepository::secondRelease()
{
    beginPhase(45, 26, 24);
    fork("release/1.1", "main");
    for (int i = 0; i < 22; ++i) {
        if (i == 3 || i == 7 || i == 15) {
            Branch &release = branch("release/1.1");
            commit("release/1.1", i == 15 ? Carla : Bob, tweakFunction(release, "src/router.cpp"));
            if (i == 7)
                annotatedTag(
                    "v1.1.0", release.tip, Alice, "harbor 1.1.0\n\nSign-in, webhooks and the new logo.\n");
            if (i == 15)
                lightweightTag("v1.1.1", release.tip);
        } else {
            commit("main", int(random(6)), mainlineEdit(branch("main")));
        }
    }
    merge("main", { "release/1.1" }, Alice, "Merge branch 'release/1.1'");
}

// Still open when the demo starts.
void DemoRepository::searchFeature()
{
    beginPhase(26, 2, 29);
    fork("feature/search", "main");
    int searchCommits = 0;
    for (int i = 0; i < 28; ++i) {
        if (i % 3 == 1) {
            Branch &search = branch("feature/search");
            Edit edit;
            switch (searchCommits++) {
            case 0:
                edit = newSourceFile(search, "src/search.cpp");
                break;
            case 1:
                edit = addMigration("create_search_index",
                    "CREATE TABLE search_index (\n    document_id BIGINT NOT NULL,\n    term TEXT "
                    "NOT NULL,\n    weight REAL NOT NULL DEFAULT 1\n);\nCREATE INDEX "
                    "idx_search_term ON search_index(term);\n");
                break;
            case 3:
                edit = addTest(search, "tests/test_search.cpp");
                break;
            default:
                edit = random(3) == 0 ? tweakFunction(search, "src/search.cpp")
                                      : addFunction(search, "src/search.cpp");
            }
            commit("feature/search", Emma, edit);
        } else {
            commit("main", int(random(6)), mainlineEdit(branch("main")));
        }
    }
}

// The last two days: others pushed to origin (main and feature/search) while the
// user committed locally, so main is ahead 2 / behind 3 and feature/search ahead 1 /
// behind 2 of their upstreams.
void DemoRepository::divergeFromOrigin()
{
    beginPhase(2, 1.0 / 24, 8);
    fork("origin/main", "main", "refs/remotes/origin/main");
    fork("origin/feature/search", "feature/search", "refs/remotes/origin/feature/search");
    commit("origin/main", Bob, mainlineEdit(branch("origin/main")));
    commit("origin/feature/search", Farid, addFunction(branch("origin/feature/search"), "src/search.cpp"));
    commit("origin/main", Carla, mainlineEdit(branch("origin/main")));
    commit("origin/feature/search", Farid, tweakFunction(branch("origin/feature/search"), "src/search.cpp"));
    commit("feature/search", Emma, addTest(branch("feature/search"), "tests/test_search.cpp"));
    commit("origin/main", David, mainlineEdit(branch("origin/main")));
    commit("main", Alice, mainlineEdit(branch("main")));
    commit("main", Alice, documentInReadme(branch("main")));
}

// origin.git gets exactly what was pushed: a pack of the commits its branches reach.
void DemoRepository::publishToOrigin()
{
    if (failed())
        return;
    git_repository *raw = nullptr;
    git_repository_init_options opts = GIT_REPOSITORY_INIT_OPTIONS_INIT;
    opts.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_BARE;
    opts.initial_head = "main";
    if (!check(git_repository_init_ext(&raw, QFile::encodeName(m_originPath).constData(), &opts),
            "cannot initialise the demo's origin"))
        return;
    RepositoryPtr origin(raw);

    // Remote branch name → the commit origin has for it.
    std::map<std::string, git_oid> heads {
        { "main", branch("origin/main").tip },
        { "feature/search", branch("origin/feature/search").tip },
        { "feature/login", branch("feature/login").tip },
        { "feature/charts", branch("feature/charts").tip },
        { "release/1.0", branch("release/1.0").tip },
        { "release/1.1", branch("release/1.1").tip },
    };
    git_packbuilder *rawPb = nullptr;
    if (!check(git_packbuilder_new(&rawPb, m_repo.get()), "cannot pack the demo's origin"))
        return;
    GitPtr<git_packbuilder, git_packbuilder_free> pb(rawPb);
    git_revwalk *rawWalk = nullptr;
    if (!check(git_revwalk_new(&rawWalk, m_repo.get()), "cannot walk the demo history"))
        return;
    RevwalkPtr walk(rawWalk);
    for (const auto &[name, oid] : heads)
        check(git_revwalk_push(rawWalk, &oid), "cannot walk the demo history");
    check(git_packbuilder_insert_walk(rawPb, rawWalk), "cannot pack the demo's origin");
    for (const auto &[name, oid] : m_tags)
        check(git_packbuilder_insert_recur(rawPb, &oid, name.c_str()), "cannot pack the demo's tags");
    const QByteArray packDir = QFile::encodeName(m_originPath + QStringLiteral("/objects/pack"));
    if (!check(git_packbuilder_write(rawPb, packDir.constData(), 0, nullptr, nullptr),
            "cannot write origin's pack"))
        return;
    git_odb *odb = nullptr;
    if (check(git_repository_odb(&odb, origin.get()), "cannot open origin's objects")) {
        OdbPtr odbPtr(odb);
        git_odb_refresh(odb);
    }

    for (const auto &[name, oid] : heads) {
        git_reference *ref = nullptr;
        check(git_reference_create(&ref, origin.get(), ("refs/heads/" + name).c_str(), &oid, 1, "push"),
            "cannot write origin's branches");
        git_reference_free(ref);
        if (name != "main" && name != "feature/search") {
            check(git_reference_create(
                      &ref, m_repo.get(), ("refs/remotes/origin/" + name).c_str(), &oid, 1, "fetch"),
                "cannot write the remote-tracking branches");
            git_reference_free(ref);
        }
    }
    for (const auto &[name, oid] : m_tags) {
        git_reference *ref = nullptr;
        check(git_reference_create(&ref, origin.get(), ("refs/tags/" + name).c_str(), &oid, 1, "push"),
            "cannot write origin's tags");
        git_reference_free(ref);
    }
}

void DemoRepository::configureRemote()
{
    if (failed())
        return;
    git_remote *remote = nullptr;
    const QByteArray url = QFile::encodeName(QFileInfo(m_originPath).absoluteFilePath());
    if (!check(git_remote_create(&remote, m_repo.get(), "origin", url.constData()),
            "cannot add the origin remote"))
        return;
    git_remote_free(remote);
    git_reference *ref = nullptr;
    check(git_reference_symbolic_create(
              &ref, m_repo.get(), "refs/remotes/origin/HEAD", "refs/remotes/origin/main", 1, "clone"),
        "cannot write origin/HEAD");
    git_reference_free(ref);
    for (const char *name : { "main", "feature/search", "feature/login", "release/1.1" }) {
        git_reference *local = nullptr;
        if (!check(
                git_branch_lookup(&local, m_repo.get(), name, GIT_BRANCH_LOCAL), "cannot find a demo branch"))
            return;
        ReferencePtr localPtr(local);
        check(git_branch_set_upstream(local, (std::string("origin/") + name).c_str()),
            "cannot set an upstream");
    }
}

void DemoRepository::checkout()
{
    if (failed())
        return;
    git_checkout_options opts = GIT_CHECKOUT_OPTIONS_INIT;
    opts.checkout_strategy = GIT_CHECKOUT_FORCE; // a new folder: nothing to lose
    check(git_checkout_head(m_repo.get(), &opts), "cannot check out the demo repository");
}

// ---- Commits and refs --------------------------------------------------------

DemoRepository::Branch &DemoRepository::branch(const std::string &name)
{
    return m_branches[name];
}

// `ref` "-" keeps the branch in memory only (a topic deleted after its merge).
DemoRepository::Branch &DemoRepository::fork(
    const std::string &name, const std::string &from, const std::string &ref)
{
    Branch b = branch(from);
    b.ref = ref.empty() ? "refs/heads/" + name : ref == "-" ? std::string() : ref;
    m_forkPoints[name] = b.tip;
    Branch &stored = m_branches[name] = b;
    if (!failed() && !stored.ref.empty()) {
        git_reference *r = nullptr;
        check(git_reference_create(&r, m_repo.get(), stored.ref.c_str(), &stored.tip, 1, "branch: Created"),
            "cannot create a demo branch");
        git_reference_free(r);
    }
    return stored;
}

void DemoRepository::commit(const std::string &branchName, int author, const Edit &edit)
{
    if (failed())
        return;
    Branch &b = branch(branchName);
    const git_oid treeOid = writeTree(b.tree, edit.changes);
    if (failed())
        return;
    git_tree *tree = nullptr;
    if (!check(git_tree_lookup(&tree, m_repo.get(), &treeOid), "cannot read a demo tree"))
        return;
    TreePtr treePtr(tree);
    git_commit *parent = nullptr;
    if (b.born && !check(git_commit_lookup(&parent, m_repo.get(), &b.tip), "cannot read a demo commit"))
        return;
    CommitPtr parentPtr(parent);
    const git_commit *parents[] = { parent };
    SignaturePtr sig = signature(author, tick());
    git_oid oid;
    if (failed()
        || !check(git_commit_create(&oid, m_repo.get(), nullptr, sig.get(), sig.get(), nullptr,
                      (edit.message + "\n").c_str(), tree, b.born ? 1 : 0, parents),
            "cannot write a demo commit"))
        return;
    b.tip = oid;
    b.tree = treeOid;
    b.born = true;
    if (!b.ref.empty()) {
        git_reference *ref = nullptr;
        check(git_reference_create(&ref, m_repo.get(), b.ref.c_str(), &oid, 1, "commit"),
            "cannot move a demo branch");
        git_reference_free(ref);
    }
}

// Real merges (libgit2's, line by line): a union of both sides where they touch the
// same lines, so the story never stops on a conflict.
void DemoRepository::merge(
    const std::string &into, const std::vector<std::string> &from, int author, const std::string &message)
{
    if (failed())
        return;
    Branch &target = branch(into);
    git_oid merged = target.tree;
    std::vector<CommitPtr> parentPtrs;
    auto lookupCommit = [&](const git_oid &oid) {
        git_commit *c = nullptr;
        check(git_commit_lookup(&c, m_repo.get(), &oid), "cannot read a demo commit");
        parentPtrs.emplace_back(c);
    };
    auto lookupTree = [&](const git_oid &oid) {
        git_tree *t = nullptr;
        check(git_tree_lookup(&t, m_repo.get(), &oid), "cannot read a demo tree");
        return TreePtr(t);
    };
    lookupCommit(target.tip);
    for (const std::string &name : from) {
        const Branch &source = branch(name);
        git_oid base;
        if (!check(git_merge_base(&base, m_repo.get(), &target.tip, &source.tip), "cannot find a merge base"))
            return;
        git_commit *baseCommit = nullptr;
        if (!check(git_commit_lookup(&baseCommit, m_repo.get(), &base), "cannot read a demo commit"))
            return;
        CommitPtr baseCommitPtr(baseCommit);
        TreePtr ancestor = lookupTree(*git_commit_tree_id(baseCommit));
        TreePtr ours = lookupTree(merged);
        TreePtr theirs = lookupTree(source.tree);
        if (failed())
            return;
        git_merge_options opts = GIT_MERGE_OPTIONS_INIT;
        opts.file_favor = GIT_MERGE_FILE_FAVOR_UNION;
        git_index *index = nullptr;
        if (!check(git_merge_trees(&index, m_repo.get(), ancestor.get(), ours.get(), theirs.get(), &opts),
                "cannot merge demo branches"))
            return;
        IndexPtr indexPtr(index);
        if (git_index_has_conflicts(index)) {
            m_error = Error { QStringLiteral("the demo story has a conflict merging %1 into %2")
                                  .arg(QString::fromStdString(name), QString::fromStdString(into)) };
            return;
        }
        if (!check(git_index_write_tree_to(&merged, index, m_repo.get()), "cannot write a merged tree"))
            return;
        lookupCommit(source.tip);
    }
    if (failed())
        return;
    git_tree *tree = nullptr;
    if (!check(git_tree_lookup(&tree, m_repo.get(), &merged), "cannot read a demo tree"))
        return;
    TreePtr treePtr(tree);
    std::vector<const git_commit *> parents;
    for (const CommitPtr &p : parentPtrs)
        parents.push_back(p.get());
    SignaturePtr sig = signature(author, tick());
    git_oid oid;
    if (failed()
        || !check(git_commit_create(&oid, m_repo.get(), nullptr, sig.get(), sig.get(), nullptr,
                      (message + "\n").c_str(), tree, parents.size(), parents.data()),
            "cannot write a demo merge"))
        return;
    target.tip = oid;
    target.tree = merged;
    git_reference *ref = nullptr;
    check(git_reference_create(&ref, m_repo.get(), target.ref.c_str(), &oid, 1, "merge"),
        "cannot move a demo branch");
    git_reference_free(ref);
}

void DemoRepository::annotatedTag(
    const std::string &name, const git_oid &target, int tagger, const std::string &message)
{
    if (failed())
        return;
    git_object *obj = nullptr;
    if (!check(
            git_object_lookup(&obj, m_repo.get(), &target, GIT_OBJECT_COMMIT), "cannot read a demo commit"))
        return;
    ObjectPtr objPtr(obj);
    SignaturePtr sig = signature(tagger, tick());
    git_oid oid;
    if (!failed()
        && check(git_tag_create(&oid, m_repo.get(), name.c_str(), obj, sig.get(), message.c_str(), 1),
            "cannot write a demo tag"))
        m_tags[name] = oid;
}

void DemoRepository::lightweightTag(const std::string &name, const git_oid &target)
{
    if (failed())
        return;
    git_object *obj = nullptr;
    if (!check(
            git_object_lookup(&obj, m_repo.get(), &target, GIT_OBJECT_COMMIT), "cannot read a demo commit"))
        return;
    ObjectPtr objPtr(obj);
    git_oid oid;
    if (check(
            git_tag_create_lightweight(&oid, m_repo.get(), name.c_str(), obj, 1), "cannot write a demo tag"))
        m_tags[name] = oid;
}

// ---- Edits -------------------------------------------------------------------

DemoRepository::Edit DemoRepository::mainlineEdit(const Branch &b)
{
    std::vector<std::string> core;
    for (const std::string &path : listFiles(b, "src", ".cpp"))
        if (path != "src/main.cpp")
            core.push_back(path);
    const std::string path = core.empty() ? "src/server.cpp" : core[random(uint32_t(core.size()))];
    switch (random(12)) {
    case 0:
    case 1:
    case 2:
    case 3:
        return addFunction(b, path);
    case 4:
    case 5:
    case 6:
        return tweakFunction(b, path);
    case 7:
        return removeFunction(b, path);
    case 8:
    case 9:
        return addTest(b, "tests/test_router.cpp");
    case 10:
        return documentInReadme(b);
    default:
        // The next migration this branch does not have yet.
        for (const Migration &m : MainMigrations)
            if (listFiles(b, "db/migrations", std::string(m.name) + ".sql").empty())
                return addMigration(m.name, m.sql);
        return addFunction(b, path);
    }
}

DemoRepository::Edit DemoRepository::newSourceFile(const Branch &b, const std::string &path)
{
    Edit fn = addFunction(b, path); // on a missing file: the header block plus one function
    static const std::vector<const char *> Messages { "Add %s", "Introduce %s", "Start %s" };
    char message[128];
    std::snprintf(message, sizeof message, pick(Messages), baseName(path).c_str());
    fn.message = message;
    fn.changes.push_back({ "CMakeLists.txt", bytes(cmakeWith(b, path, {})) });
    return fn;
}

DemoRepository::Edit DemoRepository::addFunction(const Branch &b, const std::string &path)
{
    std::string text = readFile(b, path);
    if (text.empty())
        text = "#include \"harbor.h\"\n#include <string>\n#include <vector>\n";
    std::vector<std::string> blocks = splitBlocks(text);
    const std::string verb = pick(Verbs);
    const std::string noun = pick(Nouns);
    const std::string name = verb + noun;
    const std::string lower = [&] {
        std::string s = noun;
        s[0] = char(std::tolower(s[0]));
        return s;
    }();
    const int n = 2 + int(random(60));
    std::string block;
    switch (random(3)) {
    case 0:
        block = "// Callers pass untrusted input: reject it before it reaches the database.\nbool " + name
            + "(const Request &request)\n{\n    const auto value = request.field(\"" + lower
            + "\");\n    if (value.empty() || value.size() > " + std::to_string(n * 8)
            + ")\n        return false;\n    return request.user().canAccess(\"" + lower + "\");\n}";
        break;
    case 1:
        block = "// Keeps the hot path free of allocations.\nint " + name
            + "(std::span<const int> values)\n{\n    int total = 0;\n    for (int v : values)\n        total "
              "+= v * "
            + std::to_string(n) + ";\n    return total / " + std::to_string(1 + n % 7) + ";\n}";
        break;
    default:
        block = "// Formatted here so that logs and the API agree.\nstd::string " + name
            + "(const Row &row)\n{\n    std::string out = row.text(\"" + lower
            + "\");\n    out += ':';\n    out += std::to_string(row.integer(\"id\") + " + std::to_string(n)
            + ");\n    return out;\n}";
    }
    blocks.push_back(block);
    static const std::vector<const char *> Messages { "Add %s to %s", "Implement %s in %s",
        "%s: new helper in %s" };
    char message[160];
    std::snprintf(message, sizeof message, pick(Messages), name.c_str(), baseName(path).c_str());
    return { message, { { path, bytes(joinBlocks(blocks)) } } };
}

DemoRepository::Edit DemoRepository::tweakFunction(const Branch &b, const std::string &path)
{
    std::vector<std::string> blocks = splitBlocks(readFile(b, path));
    if (blocks.size() < 2)
        return addFunction(b, path);
    const size_t index = 1 + random(uint32_t(blocks.size() - 1));
    std::string &block = blocks[index];
    // The last number in the function: a limit, a factor, an offset.
    const size_t digit = block.find_last_of("0123456789");
    if (digit == std::string::npos)
        return addFunction(b, path);
    size_t start = digit;
    while (start > 0 && std::isdigit(uint8_t(block[start - 1])))
        --start;
    const int value = std::stoi(block.substr(start, digit - start + 1));
    block.replace(start, digit - start + 1, std::to_string(value + 1 + int(random(9))));
    // Often also a guard line, so that the diff has additions as well as changes.
    if (random(2) == 0) {
        const size_t brace = block.find("{\n");
        if (brace != std::string::npos)
            block.insert(
                brace + 2, "    if (!isReady())\n        throw NotReady(\"" + functionName(block) + "\");\n");
    }
    static const std::vector<const char *> Messages { "Fix off-by-one in %s", "Tune the limit in %s",
        "Correct rounding in %s", "Handle large inputs in %s" };
    char message[160];
    std::snprintf(message, sizeof message, pick(Messages), functionName(block).c_str());
    return { message, { { path, bytes(joinBlocks(blocks)) } } };
}

DemoRepository::Edit DemoRepository::removeFunction(const Branch &b, const std::string &path)
{
    std::vector<std::string> blocks = splitBlocks(readFile(b, path));
    if (blocks.size() < 4)
        return tweakFunction(b, path);
    const size_t index = 1 + random(uint32_t(blocks.size() - 1));
    const std::string name = functionName(blocks[index]);
    blocks.erase(blocks.begin() + qsizetype(index));
    return { "Remove unused " + name + " from " + baseName(path), { { path, bytes(joinBlocks(blocks)) } } };
}

DemoRepository::Edit DemoRepository::addTest(const Branch &b, const std::string &path)
{
    std::string text = readFile(b, path);
    if (text.empty())
        text = "#include \"doctest.h\"\n#include \"../src/harbor.h\"\n";
    std::vector<std::string> blocks = splitBlocks(text);
    const std::string name = std::string(pick(Verbs)) + pick(Nouns);
    static const std::vector<const char *> Cases { "rejects empty input", "handles unicode",
        "keeps the order", "round-trips", "respects the limit" };
    const std::string what = pick(Cases);
    blocks.push_back("TEST_CASE(\"" + name + " " + what + "\")\n{\n    Row row = fixtureRow("
        + std::to_string(random(90)) + ");\n    CHECK(" + name + "(row) == expected" + name + "(row));\n}");
    return { "Test that " + name + " " + what, { { path, bytes(joinBlocks(blocks)) } } };
}

DemoRepository::Edit DemoRepository::addMigration(const std::string &name, const std::string &sql)
{
    char file[96];
    std::snprintf(file, sizeof file, "db/migrations/%03d_%s.sql", m_nextMigration++, name.c_str());
    return { "Add migration " + baseName(file), { { file, bytes("-- " + baseName(file) + "\n" + sql) } } };
}

DemoRepository::Edit DemoRepository::documentInReadme(const Branch &b)
{
    std::string text = readFile(b, "README.md");
    const auto &[line, message] = ReadmeLines[random(uint32_t(ReadmeLines.size()))];
    if (text.find(line) != std::string::npos)
        return addFunction(b, "src/server.cpp");
    text += std::string("- ") + line + "\n";
    return { message, { { "README.md", bytes(text) } } };
}

DemoRepository::Edit DemoRepository::renameFile(
    const Branch &b, const std::string &from, const std::string &to)
{
    return { "Rename " + baseName(from) + " to " + baseName(to) + "\n\nIt only ever held string helpers.",
        { { from, {}, true }, { to, bytes(readFile(b, from)) },
            { "CMakeLists.txt", bytes(cmakeWith(b, to, from)) } } };
}

// ---- Trees and contents ------------------------------------------------------

std::string DemoRepository::readFile(const Branch &b, const std::string &path)
{
    if (!b.born || failed())
        return {};
    git_tree *tree = nullptr;
    if (git_tree_lookup(&tree, m_repo.get(), &b.tree) < 0)
        return {};
    TreePtr treePtr(tree);
    git_tree_entry *entry = nullptr;
    if (git_tree_entry_bypath(&entry, tree, path.c_str()) < 0) {
        git_error_clear();
        return {};
    }
    TreeEntryPtr entryPtr(entry);
    git_blob *blob = nullptr;
    if (git_blob_lookup(&blob, m_repo.get(), git_tree_entry_id(entry)) < 0)
        return {};
    BlobPtr blobPtr(blob);
    return std::string(static_cast<const char *>(git_blob_rawcontent(blob)), size_t(git_blob_rawsize(blob)));
}

std::vector<std::string> DemoRepository::listFiles(
    const Branch &b, const std::string &dir, const std::string &suffix)
{
    std::vector<std::string> files;
    if (!b.born || failed())
        return files;
    git_object *obj = nullptr;
    const std::string spec = git_oid_tostr_s(&b.tree) + (":" + dir);
    if (git_revparse_single(&obj, m_repo.get(), spec.c_str()) < 0) {
        git_error_clear();
        return files;
    }
    ObjectPtr objPtr(obj);
    if (git_object_type(obj) != GIT_OBJECT_TREE)
        return files;
    auto *tree = reinterpret_cast<git_tree *>(obj);
    for (size_t i = 0; i < git_tree_entrycount(tree); ++i) {
        const std::string name = git_tree_entry_name(git_tree_entry_byindex(tree, i));
        if (name.size() >= suffix.size()
            && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            files.push_back(dir + "/" + name);
    }
    return files;
}

git_oid DemoRepository::writeTree(const git_oid &base, const std::vector<Change> &changes)
{
    git_oid out {};
    if (failed())
        return out;
    git_tree *baseline = nullptr;
    if (git_oid_is_zero(&base)) {
        git_treebuilder *builder = nullptr;
        git_oid empty;
        if (!check(git_treebuilder_new(&builder, m_repo.get(), nullptr), "cannot build a demo tree"))
            return out;
        check(git_treebuilder_write(&empty, builder), "cannot write a demo tree");
        git_treebuilder_free(builder);
        if (!check(git_tree_lookup(&baseline, m_repo.get(), &empty), "cannot read a demo tree"))
            return out;
    } else if (!check(git_tree_lookup(&baseline, m_repo.get(), &base), "cannot read a demo tree")) {
        return out;
    }
    TreePtr baselinePtr(baseline);
    std::vector<git_tree_update> updates;
    for (const Change &change : changes) {
        git_tree_update u {};
        u.path = change.path.c_str();
        if (change.remove) {
            u.action = GIT_TREE_UPDATE_REMOVE;
        } else {
            u.action = GIT_TREE_UPDATE_UPSERT;
            u.filemode = GIT_FILEMODE_BLOB;
            if (!check(git_blob_create_from_buffer(
                           &u.id, m_repo.get(), change.content.constData(), size_t(change.content.size())),
                    "cannot write a demo file"))
                return out;
        }
        updates.push_back(u);
    }
    check(git_tree_create_updated(&out, m_repo.get(), baseline, updates.size(), updates.data()),
        "cannot write a demo tree");
    return out;
}

std::string DemoRepository::cmakeWith(
    const Branch &b, const std::string &addSource, const std::string &removeSource)
{
    std::string text = readFile(b, "CMakeLists.txt");
    if (!removeSource.empty()) {
        const size_t at = text.find("    " + removeSource + "\n");
        if (at != std::string::npos)
            text.erase(at, removeSource.size() + 5);
    }
    if (!addSource.empty() && text.find("    " + addSource + "\n") == std::string::npos) {
        const size_t list = text.find("add_executable(harbor\n");
        const size_t close = list == std::string::npos ? std::string::npos : text.find(")\n", list);
        if (close != std::string::npos)
            text.insert(close, "    " + addSource + "\n");
    }
    return text;
}

// ---- Time and chance ---------------------------------------------------------

void DemoRepository::beginPhase(double startDaysAgo, double endDaysAgo, int expectedCommits)
{
    m_clock = std::max(m_clock, m_now - int64_t(startDaysAgo * 86400));
    m_phaseEnd = m_now - int64_t(endDaysAgo * 86400);
    m_step = std::max<int64_t>(60, (m_phaseEnd - m_clock) / std::max(1, expectedCommits));
}

// Commits come out in time order: each one a little after the previous, on average
// spread over the phase, never past its end.
int64_t DemoRepository::tick()
{
    const int64_t next = std::min(m_clock + m_step / 2 + int64_t(random(uint32_t(m_step))), m_phaseEnd);
    m_clock = std::max(next, m_clock + 60);
    return m_clock;
}

// splitmix64: the standard distributions differ between standard libraries.
uint32_t DemoRepository::random(uint32_t bound)
{
    uint64_t z = (m_seed += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return bound ? uint32_t(z % bound) : 0;
}

SignaturePtr DemoRepository::signature(int author, int64_t when)
{
    const Author &a = m_authors[size_t(author)];
    git_signature *sig = nullptr;
    check(git_signature_new(&sig, a.name, a.email, when, a.utcOffsetMinutes), "cannot make a demo signature");
    return SignaturePtr(sig);
}

bool DemoRepository::check(int rc, const char *what)
{
    if (rc >= 0)
        return true;
    if (!failed())
        m_error = lastError(
            QStringLiteral("Cannot create the demo repository (%1)").arg(QLatin1String(what)), rc);
    return false;
}

} // namespace devdash::git
