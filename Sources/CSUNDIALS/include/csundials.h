// CVODE (SUNDIALS 6.4, Debian libsundials-cvode6): BDF integrator, serial N_Vector, band and
// dense matrices with their direct solvers, SPGMR. The headers next to this file are extracted
// from Debian's libsundials-dev by scripts/bootstrap (the full -dev package pulls PETSc,
// Trilinos and hypre); libsundials_cvode.so.6 alone holds every symbol used here.
#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunmatrix/sunmatrix_band.h>
#include <sunmatrix/sunmatrix_dense.h>
#include <sunlinsol/sunlinsol_band.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunlinsol/sunlinsol_spgmr.h>
