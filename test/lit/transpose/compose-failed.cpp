// T(T(f)) asked of a function whose transpose failed: tad reports that it
// cannot generate T(T(f)) (at its annotation, with a note at the request of
// T(f)) and stops, writing nothing. It used to transpose T(f)'s empty body
// and crash (tad-gen and the compiler with the plugin both died of a
// segmentation fault). Scalar and array functions, T(T(f)) and
// T(T(T(f))), both routes.
//
// RUN: rm -f %t.inc
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
// RUN: not test -e %t.inc
// RUN: not %cxx %plugin -fsyntax-only %s 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"
#include <cmath>

// The transposes of f fail first, then those asked of them.
// CHECK: compose-failed.cpp:[[#@LINE+4]]:57: error: the non-linear function 'std::sin' is applied to a linear value
// CHECK: compose-failed.cpp:[[#@LINE+10]]:17: error: two linear values are multiplied
// CHECK: compose-failed.cpp:[[#@LINE+3]]:1: error: cannot generate 'scale_transpose_transpose': it transforms 'scale_transpose', which tad could not generate
// CHECK: compose-failed.cpp:[[#@LINE+1]]:1: note: 'scale_transpose' is asked for here; the errors in generating it are reported above
TAD_LINEAR(z) double scale(double c, double z) { return std::sin(z) * c; }
TAD_LINEAR(z) double scale_transpose(double c, double z);

// CHECK: compose-failed.cpp:[[#@LINE+6]]:1: error: cannot generate 'square_all_transpose_transpose': it transforms 'square_all_transpose', which tad could not generate
// CHECK: compose-failed.cpp:[[#@LINE+1]]:1: note: 'square_all_transpose' is asked for here
TAD_LINEAR(x, y) void square_all(const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i)
    y[i] = x[i] * x[i];
}
TAD_LINEAR(x, y) void square_all_transpose(double *x, double *y, int n);
// CHECK: compose-failed.cpp:[[#@LINE+2]]:1: error: cannot generate 'square_all_transpose_transpose_transpose': it transforms 'square_all_transpose_transpose', which tad could not generate
// CHECK: compose-failed.cpp:[[#@LINE-2]]:1: note: 'square_all_transpose_transpose' is asked for here
TAD_LINEAR(x, y)
void square_all_transpose_transpose(const double *x, double *y, int n);
// CHECK: 5 errors generated.
