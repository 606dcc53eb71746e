#include "ErLayout.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace devdash::ui {

namespace {

using Adjacency = std::vector<std::vector<int>>;

// Neighbours in either direction, without self references and duplicates.
Adjacency undirected(int count, const QList<std::pair<int, int>> &edges)
{
    Adjacency adj(static_cast<size_t>(count));
    for (const auto &[a, b] : edges) {
        if (a == b || a < 0 || b < 0 || a >= count || b >= count)
            continue;
        adj[size_t(a)].push_back(b);
        adj[size_t(b)].push_back(a);
    }
    for (auto &list : adj) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    return adj;
}

} // namespace

QList<int> ErLayout::layers(int count, const QList<std::pair<int, int>> &edges)
{
    Adjacency refs(static_cast<size_t>(count));
    for (const auto &[a, b] : edges)
        if (a != b && a >= 0 && b >= 0 && a < count && b < count)
            refs[size_t(a)].push_back(b);

    // Iterative DFS: a reference to a table on the stack closes a cycle and is ignored.
    std::vector<int> state(size_t(count), 0); // 0 new, 1 on the stack, 2 done
    std::vector<int> layer(size_t(count), 0);
    for (int start = 0; start < count; ++start) {
        if (state[size_t(start)] != 0)
            continue;
        std::vector<std::pair<int, size_t>> stack { { start, 0 } };
        state[size_t(start)] = 1;
        while (!stack.empty()) {
            auto &[node, next] = stack.back();
            const auto &out = refs[size_t(node)];
            if (next < out.size()) {
                const int target = out[next++];
                if (state[size_t(target)] == 0) {
                    state[size_t(target)] = 1;
                    stack.push_back({ target, 0 });
                }
                continue;
            }
            int depth = 0;
            for (int target : out)
                if (state[size_t(target)] == 2)
                    depth = std::max(depth, layer[size_t(target)] + 1);
            layer[size_t(node)] = depth;
            state[size_t(node)] = 2;
            stack.pop_back();
        }
    }
    return QList<int>(layer.begin(), layer.end());
}

QList<QPointF> ErLayout::compute(const ErLayoutInput &input)
{
    const int n = int(input.sizes.size());
    QList<QPointF> positions(n);
    if (n == 0)
        return positions;
    const Adjacency adj = undirected(n, input.edges);
    const QList<int> layerOf = layers(n, input.edges);
    const double hgap = input.horizontalGap, vgap = input.verticalGap;

    std::vector<int> connected, isolated;
    for (int i = 0; i < n; ++i)
        (adj[size_t(i)].empty() ? isolated : connected).push_back(i);

    double area = 0;
    for (int i : connected)
        area += (input.sizes[i].width() + hgap) * (input.sizes[i].height() + vgap);
    double targetHeight = std::sqrt(area / std::max(0.2, input.aspect));
    for (int i : connected)
        targetHeight = std::max(targetHeight, input.sizes[i].height());

    // Columns by depth, then ordered by the barycentre of their neighbours.
    int maxLayer = 0;
    for (int i : connected)
        maxLayer = std::max(maxLayer, layerOf[i]);
    std::vector<std::vector<int>> columns(size_t(maxLayer + 1));
    for (int i : connected)
        columns[size_t(layerOf[i])].push_back(i);
    std::vector<double> rank(size_t(n), 0.5);
    auto updateRanks = [&](const std::vector<int> &column) {
        for (size_t k = 0; k < column.size(); ++k)
            rank[size_t(column[k])] = (double(k) + 0.5) / double(column.size());
    };
    for (const auto &column : columns)
        updateRanks(column);
    auto sweep = [&](std::vector<int> &column) {
        std::vector<std::pair<double, int>> keyed;
        keyed.reserve(column.size());
        for (int node : column) {
            const auto &nb = adj[size_t(node)];
            double sum = 0;
            int m = 0;
            for (int other : nb)
                if (layerOf[other] != layerOf[node]) {
                    sum += rank[size_t(other)];
                    ++m;
                }
            keyed.push_back({ m ? sum / m : rank[size_t(node)], node });
        }
        std::stable_sort(
            keyed.begin(), keyed.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        for (size_t k = 0; k < column.size(); ++k)
            column[k] = keyed[k].second;
        updateRanks(column);
    };
    for (int round = 0; round < 6; ++round) {
        for (size_t l = 1; l < columns.size(); ++l)
            sweep(columns[l]);
        for (size_t l = columns.size(); l-- > 0;)
            sweep(columns[l]);
    }

    // Wrap columns taller than the drawing should be into balanced sub-columns.
    std::vector<std::vector<int>> placed;
    for (const auto &column : columns) {
        if (column.empty())
            continue;
        double height = 0;
        for (int node : column)
            height += input.sizes[node].height() + vgap;
        const int parts = std::max(1, int(std::ceil(height / (targetHeight * 1.15))));
        const double share = height / parts;
        std::vector<int> current;
        double filled = 0;
        for (int node : column) {
            const double h = input.sizes[node].height() + vgap;
            if (!current.empty() && filled + h / 2 > share) {
                placed.push_back(current);
                current.clear();
                filled = 0;
            }
            current.push_back(node);
            filled += h;
        }
        placed.push_back(current);
    }

    // Columns left to right; each table pulled toward its placed neighbours, in order.
    std::vector<bool> done(size_t(n), false);
    double x = 0, bottom = 0;
    for (const auto &column : placed) {
        double width = 0;
        for (int node : column)
            width = std::max(width, input.sizes[node].width());
        std::vector<double> y(column.size());
        double cursor = 0;
        for (size_t k = 0; k < column.size(); ++k) {
            const int node = column[k];
            const double h = input.sizes[node].height();
            double sum = 0;
            int m = 0;
            for (int other : adj[size_t(node)])
                if (done[size_t(other)]) {
                    sum += positions[other].y() + input.sizes[other].height() / 2;
                    ++m;
                }
            const double wanted = m ? sum / m - h / 2 : cursor;
            y[k] = std::max(wanted, cursor);
            cursor = y[k] + h + vgap;
        }
        for (size_t k = 0; k < column.size(); ++k) {
            const int node = column[k];
            positions[node] = QPointF(x, y[k]);
            done[size_t(node)] = true;
            bottom = std::max(bottom, y[k] + input.sizes[node].height());
        }
        x += width + hgap;
    }
    const double mainWidth = std::max(0.0, x - hgap);

    // Tables without keys: a grid below.
    if (!isolated.empty()) {
        double isolatedArea = 0;
        for (int i : isolated)
            isolatedArea += (input.sizes[i].width() + vgap) * (input.sizes[i].height() + vgap);
        const double rowWidth = std::max(mainWidth, std::sqrt(isolatedArea * input.aspect));
        double gx = 0, gy = connected.empty() ? 0 : bottom + 2 * vgap, rowHeight = 0;
        for (int i : isolated) {
            const QSizeF s = input.sizes[i];
            if (gx > 0 && gx + s.width() > rowWidth) {
                gx = 0;
                gy += rowHeight + vgap;
                rowHeight = 0;
            }
            positions[i] = QPointF(gx, gy);
            gx += s.width() + vgap;
            rowHeight = std::max(rowHeight, s.height());
        }
    }
    return positions;
}

} // namespace devdash::ui
