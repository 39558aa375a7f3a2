// Local pointers are followed while they stay in one array (test/lit/cxx/
// pointers.cpp); what stays refused, each at its location: a pointer that
// may point into either of two arrays (chosen by ?: or reassigned), a
// local pointer without an initializer, two overlapping pointers passed to
// a callee that writes through one of them, and a static local pointer.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

static void axpy(double a, const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i)
    y[i] += a * x[i];
}

TAD_JVP double choose(const double *a, const double *b, int n, bool first) {
// CHECK: local-pointer.cpp:[[@LINE+1]]:21: error: a pointer that may point into either of two arrays is not supported: tad cannot tell which array it reads or writes; branch on the condition and index each array directly
  const double *p = first ? a : b;
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += p[i] * p[i];
  return s;
}

TAD_VJP double switch_arrays(const double *a, const double *b, int n) {
  const double *p = a;
  double s = 0;
  for (int i = 0; i < n; ++i) {
    s += p[i] * p[i];
    if (s > 1)
// CHECK: local-pointer.cpp:[[@LINE+1]]:9: error: local pointer 'p' points into 'a' and is assigned a pointer into 'b' here: tad follows a local pointer that stays in one array; use one pointer per array
      p = b;
  }
  return s;
}

TAD_JVP double uninitialized(const double *a) {
// CHECK: local-pointer.cpp:[[@LINE+1]]:17: error: local pointer 'p' must be initialized: tad follows a local pointer into one array, set where it is declared
  const double *p;
  p = a;
  return p[0];
}

TAD_VJP double shift(double *a, int n) {
// CHECK: local-pointer.cpp:[[@LINE+1]]:18: error: passing 'a + 1' and 'a' to 'axpy' is not supported: both point into 'a' and the callee may write through the first; tad assumes the arrays passed to a function do not overlap
  axpy(0.5, a, a + 1, n - 1);
  return a[n - 1];
}

TAD_JVP double static_pointer(const double *a) {
// CHECK: local-pointer.cpp:[[@LINE+1]]:24: error: static local pointers are not supported
  static const double *p = a;
  return p[0];
}
// CHECK: 5 errors generated.
