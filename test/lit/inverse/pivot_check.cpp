// The run-time pivot check (tad/inverse.h): a pivot tad cannot prove
// non-zero goes through tad::pivot. A zero pivot calls the handler: the
// default prints where and aborts; an installed handler is called with the
// value and the place, and the computation goes on.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --check-prefix=GEN
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: not --crash %t.clang abort 2>&1 | FileCheck %s --check-prefix=ABORT
#include "tad/inverse.h" // tad::set_pivot_handler (with the plugin, the
#include "tad/tad.h"
// generated code comes at the end of the file)

// GEN: pivot_check.cpp:[[@LINE+2]]:8: warning: pivot of 'x[0] *= w;' is 'w'
TAD_JVP TAD_IJVP TAD_IVJP void scale(double *x, double w) {
  x[0] *= w;
  x[1] += x[0];
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "invcheck.h"
#include <cstring>
using namespace tad_test;

static int Calls = 0;
static char Where[128];
static void record(double, const char *W) {
  ++Calls;
  std::snprintf(Where, sizeof Where, "%s", W);
}

int main(int Argc, char **Argv) {
  double X[2] = {1, 2}, T[2] = {1, 1};
  if (Argc > 1 && std::strcmp(Argv[1], "abort") == 0) {
    // ABORT: tad: zero pivot 0 at pivot_check.cpp:16 (scale_ijvp): the Jacobian is singular here
    scale_ijvp(X, T, 0.0);
    return 0;
  }
  scale_ijvp(X, T, 2.0); // a non-zero pivot: no call
  double X2[2] = {1, 2};
  scale_jvp(X2, T, 2.0, 0.0);
  expectClose("J scale_ijvp(1, 1)", Vec{T[0], T[1]}, Vec{1, 1}, 1e-15);
  tad::set_pivot_handler(record);
  double Y[2] = {1, 2}, C[2] = {1, 1};
  scale_ivjp(Y, C, 0.0);
  ++checks();
  if (Calls != 1 ||
      std::strcmp(Where, "pivot_check.cpp:16 (scale_ivjp)") != 0) {
    ++failures();
    std::printf("FAIL: handler called %d times, at '%s'\n", Calls, Where);
  }
  return report();
}
#endif

// With the plugin (at the end, so that the line numbers checked above stay;
// tad's warnings, which -Werror would make errors, are checked above):
// RUN: %cxx %plugin -Wno-error %s -o %t.plugin && %t.plugin
