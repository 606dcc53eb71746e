#pragma once

// Counters of what the HttpClient did: the polling benchmark checks that an
// unchanged project costs only 304s.

namespace devdash::ci {

struct HttpStats
{
    int requests = 0; // sent over the network (retries and redirects included)
    int ok = 0; // 2xx answered with a body
    int notModified = 0; // 304 served from the disk cache
    int errors = 0; // failed requests (4xx/5xx, network, timeouts)
    int rateLimited = 0; // 429 / 403 with no remaining quota
    int retries = 0; // requests re-sent after a Retry-After / reset
    qint64 bytesReceived = 0;
    int credentialsWithheld = 0; // requests sent without their credentials (another origin, plain http)
};

} // namespace devdash::ci
