#ifndef SYSDRILL_CSQLITE_SHIM_H
#define SYSDRILL_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot
// import; expose it as a function so bound text/blobs are copied by SQLite.
static inline sqlite3_destructor_type csqlite_transient(void) {
    return (sqlite3_destructor_type)-1;
}
#endif
