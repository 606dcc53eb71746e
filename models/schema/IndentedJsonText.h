#pragma once

// Writes the text QJsonDocument::toJson(Indented) gives (4-space indent, keys as
// given, which the callers give in QJsonObject's sorted order), without building
// the QJsonObject tree first: for 5,000 tables that tree, its serialisation and
// its destruction took seconds.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

namespace devdash::schema {

class IndentedJsonText
{
public:
    QByteArray bytes;

    IndentedJsonText() { bytes.reserve(1 << 20); }

    void key(const char *name)
    {
        separate();
        bytes += '"';
        bytes += name;
        bytes += "\": ";
        m_afterKey = true;
    }
    void beginObject() { open('{'); }
    void endObject() { close('}'); }
    void beginArray() { open('['); }
    void endArray() { close(']'); }
    void text(const QString &value)
    {
        separate();
        bytes += '"';
        escape(value);
        bytes += '"';
    }
    void textOrNull(const QString &value) { value.isEmpty() ? null() : text(value); }
    void null()
    {
        separate();
        bytes += "null";
    }
    void boolean(bool value)
    {
        separate();
        bytes += value ? "true" : "false";
    }
    void integer(qint64 value)
    {
        separate();
        bytes += QByteArray::number(value);
    }
    void countOrNull(qint64 value) { value < 0 ? null() : integer(value); }
    void strings(const QStringList &list);

    // A writer for more elements of the container open at `depth`, which has some already:
    // its text goes after this one's (appendContinuation), so two can be written at once.
    static IndentedJsonText continuing(int depth);
    int depth() const { return int(m_empty.size()); }
    void appendContinuation(const QByteArray &text);

private:
    std::vector<bool> m_empty; // per open container: nothing written in it yet
    bool m_afterKey = false;

    void indent() { bytes.append(qsizetype(4 * m_empty.size()), ' '); }
    void separate();
    void open(char bracket);
    void close(char bracket);
    void escape(const QString &value);
};

} // namespace devdash::schema
