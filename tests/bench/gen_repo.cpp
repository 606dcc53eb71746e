// Generates large repositories for the benchmarks, fast: one `git fast-import`
// stream with tiny blobs (1M commits in ~30 s, 200k in ~8 s, on this 2-core machine).
//
//   gen_repo DIR --commits N [--refs M] [--seed S]
//
// Shape: a main line with a side branch merged every ~20 main commits (forked 0-15
// commits back, 1-25 commits long), three long-lived branches that get a commit every
// few main commits, are merged into main every ~400 and resync from main every
// ~1000, and an octopus merge now and then. With --refs M, M refs at various points:
// open and merged feature branches (some tracking origin, ahead of it), tags on main,
// remote-tracking branches and refs/remotes/origin/HEAD. The repository is bare.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

namespace {

struct Options
{
    std::string dir;
    uint64_t commits = 10000;
    uint64_t refs = 0;
    uint64_t seed = 42;
};

class Random
{
public:
    explicit Random(uint64_t seed)
        : m_state(seed)
    {
    }
    uint64_t next()
    {
        uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    uint32_t below(uint32_t n) { return n ? uint32_t(next() % n) : 0; }

private:
    uint64_t m_state;
};

// Writes the fast-import stream; marks are commit numbers (1-based).
class StreamWriter
{
public:
    explicit StreamWriter(FILE *out)
        : m_out(out)
    {
    }

    // A commit on `ref`: continues the ref unless `from` is given; `merges` are
    // extra parents. Touches one of eight tiny files so that trees change too.
    uint64_t commit(const char *ref, uint64_t from, const std::vector<uint64_t> &merges = {})
    {
        const uint64_t mark = ++m_count;
        const uint64_t time = 1420070400 + mark * 600; // from 2015, ten minutes apart
        char content[32];
        const int len
            = std::snprintf(content, sizeof content, "%llu\n", static_cast<unsigned long long>(mark));
        std::fprintf(m_out,
            "commit %s\nmark :%llu\ncommitter Bench <bench@example.com> %llu +0000\ndata %d\nc%llu\n\n", ref,
            static_cast<unsigned long long>(mark), static_cast<unsigned long long>(time),
            std::snprintf(nullptr, 0, "c%llu\n", static_cast<unsigned long long>(mark)),
            static_cast<unsigned long long>(mark));
        if (from)
            std::fprintf(m_out, "from :%llu\n", static_cast<unsigned long long>(from));
        for (uint64_t m : merges)
            std::fprintf(m_out, "merge :%llu\n", static_cast<unsigned long long>(m));
        std::fprintf(m_out, "M 100644 inline f%llu\ndata %d\n%s\n", static_cast<unsigned long long>(mark % 8),
            len, content);
        return mark;
    }
    void reset(const std::string &ref, uint64_t mark)
    {
        std::fprintf(m_out, "reset %s\nfrom :%llu\n\n", ref.c_str(), static_cast<unsigned long long>(mark));
    }
    void annotatedTag(const std::string &name, uint64_t mark)
    {
        const std::string message = "Release " + name + "\n";
        std::fprintf(m_out, "tag %s\nfrom :%llu\ntagger Bench <bench@example.com> %llu +0000\ndata %zu\n%s\n",
            name.c_str(), static_cast<unsigned long long>(mark),
            static_cast<unsigned long long>(1420070400 + mark * 600 + 60), message.size(), message.c_str());
    }
    uint64_t count() const { return m_count; }

private:
    FILE *m_out;
    uint64_t m_count = 0;
};

// Refs the --refs option may place, collected while the history is generated.
struct RefCandidates
{
    struct Side
    {
        uint64_t tip;
        uint64_t middle; // where origin has it when it tracks one
        bool merged;
    };
    std::vector<Side> sides;
    std::vector<uint64_t> mainPoints;
};

bool parse(int argc, char **argv, Options &o)
{
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> uint64_t { return i + 1 < argc ? std::strtoull(argv[++i], nullptr, 10) : 0; };
        if (a == "--commits")
            o.commits = value();
        else if (a == "--refs")
            o.refs = value();
        else if (a == "--seed")
            o.seed = value();
        else if (!a.empty() && a[0] != '-' && o.dir.empty())
            o.dir = a;
        else
            return false;
    }
    return !o.dir.empty() && o.commits >= 10;
}

int run(const std::string &command)
{
    const int rc = std::system(command.c_str());
    if (rc != 0)
        std::fprintf(stderr, "gen_repo: '%s' failed (%d)\n", command.c_str(), rc);
    return rc;
}

std::string quoted(const std::string &s)
{
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

void generateHistory(StreamWriter &w, const Options &o, Random &rng, RefCandidates &refs)
{
    const char *longLived[] = { "refs/heads/develop", "refs/heads/next", "refs/heads/maint" };
    uint64_t longTip[3] = { 0, 0, 0 };
    std::deque<uint64_t> recentMain; // for forking side branches a few commits back
    uint64_t mainTip = w.commit("refs/heads/main", 0);
    recentMain.push_back(mainTip);
    uint64_t mainCommits = 1;
    while (w.count() < o.commits) {
        const uint64_t left = o.commits - w.count();
        ++mainCommits;
        if (mainCommits % 20 == 0 && left > 30) {
            // A side branch forked a little back, merged (or left open) now.
            const size_t back = rng.below(uint32_t(std::min<size_t>(16, recentMain.size())));
            const uint64_t fork = recentMain[recentMain.size() - 1 - back];
            const uint32_t length = 1 + rng.below(25);
            uint64_t tip = w.commit("refs/heads/side", fork);
            uint64_t middle = tip;
            for (uint32_t k = 1; k < length; ++k) {
                tip = w.commit("refs/heads/side", 0);
                if (k == length / 2)
                    middle = tip;
            }
            // Left open only where refs will point at some (else they would be unreachable).
            const bool open = o.refs > 0 && rng.below(20) == 0;
            refs.sides.push_back({ tip, middle, !open });
            if (!open)
                mainTip = w.commit("refs/heads/main", 0, { tip });
            else
                mainTip = w.commit("refs/heads/main", 0);
        } else if (mainCommits % 997 == 0 && left > 20) {
            // An octopus: three one-commit topics merged at once.
            std::vector<uint64_t> topics;
            for (int k = 0; k < 3; ++k)
                topics.push_back(w.commit("refs/heads/side", mainTip));
            mainTip = w.commit("refs/heads/main", 0, topics);
        } else {
            mainTip = w.commit("refs/heads/main", 0);
        }
        recentMain.push_back(mainTip);
        if (recentMain.size() > 32)
            recentMain.pop_front();
        if (mainCommits % 50 == 0)
            refs.mainPoints.push_back(mainTip);

        const int l = int(mainCommits % 3);
        if (mainCommits % 7 == 0 && w.count() < o.commits) {
            longTip[l] = longTip[l] ? w.commit(longLived[l], 0) : w.commit(longLived[l], mainTip);
        }
        if (mainCommits % 400 == 0 && longTip[l] && w.count() < o.commits)
            mainTip = w.commit("refs/heads/main", 0, { longTip[l] });
        if (mainCommits % 1000 == 0 && longTip[l] && w.count() < o.commits)
            longTip[l] = w.commit(longLived[l], 0, { mainTip });
    }
}

void placeRefs(StreamWriter &w, const Options &o, Random &rng, const RefCandidates &c, std::string &config)
{
    if (o.refs == 0 || c.sides.empty() || c.mainPoints.empty())
        return;
    // Roughly: 55% local feature branches (a fifth tracking origin), 20% tags,
    // the rest remote-tracking branches of their own.
    const uint64_t heads = o.refs * 55 / 100;
    const uint64_t tags = o.refs * 20 / 100;
    const uint64_t remotes = o.refs - heads - tags;
    char name[64];
    for (uint64_t i = 0; i < heads; ++i) {
        // Spread over the whole history, open ones first.
        const auto &side = c.sides[(i * 7919 + rng.below(13)) % c.sides.size()];
        std::snprintf(name, sizeof name, "feature/f%04llu", static_cast<unsigned long long>(i));
        w.reset(std::string("refs/heads/") + name, side.tip);
        if (i % 5 == 0) {
            w.reset(std::string("refs/remotes/origin/") + name, side.middle);
            config += std::string("[branch \"") + name + "\"]\n\tremote = origin\n\tmerge = refs/heads/"
                + name + "\n";
        }
    }
    for (uint64_t i = 0; i < tags; ++i) {
        const uint64_t at = c.mainPoints[c.mainPoints.size() * (i + 1) / (tags + 1)];
        std::snprintf(name, sizeof name, "v%llu.%llu.%llu", static_cast<unsigned long long>(i / 20 + 1),
            static_cast<unsigned long long>(i / 4 % 5), static_cast<unsigned long long>(i % 4));
        if (i % 2 == 0)
            w.annotatedTag(name, at);
        else
            w.reset(std::string("refs/tags/") + name, at);
    }
    for (uint64_t i = 0; i < remotes; ++i) {
        const auto &side = c.sides[(i * 104729 + 17) % c.sides.size()];
        std::snprintf(
            name, sizeof name, "refs/remotes/origin/review/r%04llu", static_cast<unsigned long long>(i));
        w.reset(name, side.tip);
    }
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    if (!parse(argc, argv, o)) {
        std::fprintf(stderr, "usage: gen_repo DIR --commits N [--refs M] [--seed S]\n");
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    if (run("rm -rf " + quoted(o.dir) + " && git init -q --bare -b main " + quoted(o.dir)) != 0)
        return 1;
    // Big marks table, no per-object pack limit, quiet; --force because side
    // branches reuse one scratch ref.
    const std::string cmd = "git -C " + quoted(o.dir) + " fast-import --quiet --force --done";
    FILE *pipe = popen(cmd.c_str(), "w");
    if (!pipe) {
        std::perror("gen_repo: git fast-import");
        return 1;
    }
    std::vector<char> buffer(1 << 20);
    setvbuf(pipe, buffer.data(), _IOFBF, buffer.size());
    StreamWriter w(pipe);
    Random rng(o.seed);
    RefCandidates candidates;
    generateHistory(w, o, rng, candidates);
    std::string config;
    placeRefs(w, o, rng, candidates, config);
    std::fprintf(pipe, "done\n");
    if (pclose(pipe) != 0) {
        std::fprintf(stderr, "gen_repo: git fast-import failed\n");
        return 1;
    }
    std::string finish = "git -C " + quoted(o.dir) + " update-ref -d refs/heads/side";
    if (o.refs > 0) {
        finish += " && git -C " + quoted(o.dir) + " update-ref refs/remotes/origin/main refs/heads/main~3";
        finish += " && git -C " + quoted(o.dir)
            + " symbolic-ref refs/remotes/origin/HEAD refs/remotes/origin/main";
        finish
            += " && git -C " + quoted(o.dir) + " config remote.origin.url https://example.invalid/bench.git";
        finish += " && git -C " + quoted(o.dir)
            + " config remote.origin.fetch '+refs/heads/*:refs/remotes/origin/*'";
        finish += " && git -C " + quoted(o.dir) + " config branch.main.remote origin";
        finish += " && git -C " + quoted(o.dir) + " config branch.main.merge refs/heads/main";
    }
    if (run(finish) != 0)
        return 1;
    if (!config.empty()) {
        FILE *cfg = std::fopen((o.dir + "/config").c_str(), "a");
        if (!cfg || std::fputs(config.c_str(), cfg) < 0 || std::fclose(cfg) != 0) {
            std::fprintf(stderr, "gen_repo: cannot write %s/config\n", o.dir.c_str());
            return 1;
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("gen_repo: %s: %llu commits, %llu refs requested, %.1f s\n", o.dir.c_str(),
        static_cast<unsigned long long>(w.count()), static_cast<unsigned long long>(o.refs), seconds);
    return 0;
}
