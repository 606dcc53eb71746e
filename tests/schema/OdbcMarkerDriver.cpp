// A stand-in for the driver library a hostile repository names in an ODBC URL
// (odbc://DRIVER=/path/libx.so;…): being loaded is the harm, so all it does is
// leave a file where $DEVDASH_ODBC_MARKER says, the moment it is loaded.

#include <cstdio>
#include <cstdlib>

__attribute__((constructor)) static void leaveMarker()
{
    if (const char *path = std::getenv("DEVDASH_ODBC_MARKER")) {
        if (FILE *file = std::fopen(path, "w")) {
            std::fputs("loaded\n", file);
            std::fclose(file);
        }
    }
}
