// A call to printf (a variadic library function) in differentiated code
// should be rejected at the call, naming printf or saying that variadic
// calls are not supported (tad has that message). tad reports instead
// "tad cannot follow this pointer argument: only pointer parameters and
// local arrays may be indexed or passed, ..." at the format string, which
// is not the problem.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"
#include <cstdio>

TAD_JVP double traced(double x) {
// CHECK: variadic-call.cpp:[[@LINE+1]]:3: error: {{.*(printf|variadic).*}}
  std::printf("x = %f\n", x);
  return x * x;
}
// CHECK: 1 error generated.
