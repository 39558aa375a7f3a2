// A C++ named cast tad does not take (reinterpret_cast, const_cast) should
// be rejected naming the cast the user wrote. tad names Clang's internal
// cast kind instead: "'NoOp' casts are not supported by tad" for
// reinterpret_cast<double &>(x) and const_cast<const double &>(x),
// "'PointerToIntegral' casts ..." for reinterpret_cast<long>(p).
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error: --implicit-check-not=NoOp --implicit-check-not=PointerToIntegral
#include "tad/tad.h"

TAD_JVP double pun(double x) {
// CHECK: named-cast.cpp:[[@LINE+1]]:10: error: {{.*}}'reinterpret_cast'{{.*}} not supported
  return reinterpret_cast<double &>(x);
}

TAD_JVP double unconst(double x) {
// CHECK: named-cast.cpp:[[@LINE+1]]:10: error: {{.*}}'const_cast'{{.*}} not supported
  return const_cast<const double &>(x);
}

TAD_JVP double address_bits(double x, double *p) {
// CHECK: named-cast.cpp:[[@LINE+1]]:12: error: {{.*}}'reinterpret_cast'{{.*}} not supported
  long b = reinterpret_cast<long>(p);
  return x + b;
}
// CHECK: 3 errors generated.
