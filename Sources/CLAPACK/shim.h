// One-line shim: LAPACKE and CBLAS with complex numbers as a plain {double re, im} struct,
// layout-compatible with swift-numerics' Complex<Double>.
typedef struct { float re, im; } clapack_complex_float; typedef struct { double re, im; } clapack_complex_double;
#define LAPACK_COMPLEX_CUSTOM
#define lapack_complex_float clapack_complex_float
#define lapack_complex_double clapack_complex_double
#include <lapacke.h>
#include <cblas.h>
