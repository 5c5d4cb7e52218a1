// Open MPI for Swift. mpi.h's handles (MPI_COMM_WORLD, MPI_BYTE, MPI_STATUS_IGNORE …) are macros
// over addresses of incomplete structs, which Swift cannot import; these static inline getters
// give them back under their own names. Found through pkg-config (ompi-c); only the Cluster
// module imports this. Plain integer macros (MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_MAX_PROCESSOR_NAME …) import as they are.
#include <mpi.h>

__attribute__((swift_name("getter:MPI_COMM_WORLD()")))
static inline MPI_Comm cmpi_comm_world(void) { return MPI_COMM_WORLD; }

__attribute__((swift_name("getter:MPI_BYTE()")))
static inline MPI_Datatype cmpi_byte(void) { return MPI_BYTE; }

__attribute__((swift_name("getter:MPI_DOUBLE()")))
static inline MPI_Datatype cmpi_double(void) { return MPI_DOUBLE; }

__attribute__((swift_name("getter:MPI_SUM()")))
static inline MPI_Op cmpi_sum(void) { return MPI_SUM; }

__attribute__((swift_name("getter:MPI_STATUS_IGNORE()")))
static inline MPI_Status *cmpi_status_ignore(void) { return MPI_STATUS_IGNORE; }

__attribute__((swift_name("getter:MPI_IN_PLACE()")))
static inline void *cmpi_in_place(void) { return MPI_IN_PLACE; }
