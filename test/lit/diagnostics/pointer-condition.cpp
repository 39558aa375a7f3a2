// Testing a pointer parameter for null is rejected (tad does not follow
// pointers other than by indexing), at the pointer. The message should say
// so in the user's terms; tad prints Clang's internal cast kind:
// "implicit conversion 'PointerToBoolean' is not supported by tad".
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=PointerToBoolean
#include "tad/tad.h"

TAD_JVP double first_or_zero(double *p) {
// CHECK: pointer-condition.cpp:[[@LINE+1]]:7: error: {{.*}}pointer{{.*}}
  if (p)
    return p[0];
  return 0.0;
}
// CHECK: 1 error generated.
