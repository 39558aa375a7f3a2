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
// CHECK: local-pointer.cpp:[[@LINE+1]]:18: error: passing 'a + 1' and 'a' to 'axpy' is not supported: both point into 'a' and the callee may write through the first; tad assumes the arrays passed to a function do not overlap, and cannot prove that these two reach disjoint elements
  axpy(0.5, a, a + 1, n - 1);
  return a[n - 1];
}

// Two halves of one array: apart when the second starts where the first
// ends (cxx/adbench-templated.cpp), refused when they share an element, or
// when the callee's reach is not known (an index read from an array).
static void cell_step(int h, double *hid, double *cell) {
  for (int j = 0; j < h; ++j) {
    cell[j] += hid[j];
    hid[j] = cell[j] * cell[j];
  }
}
static void gather_step(int h, const int *idx, double *hid, double *cell) {
  for (int j = 0; j < h; ++j)
    cell[idx[j]] += hid[j];
}
TAD_VJP double halves(double *s, int b) {
  cell_step(b, &s[0], &s[b]);
  cell_step(b - 1, s + 2 * b, s + 3 * b - 1);
// CHECK: local-pointer.cpp:[[@LINE+1]]:16: error: passing '&s[0]' and '&s[b - 1]' to 'cell_step' is not supported: both point into 's' and the callee may write through the first; tad assumes the arrays passed to a function do not overlap, and cannot prove that these two reach disjoint elements
  cell_step(b, &s[0], &s[b - 1]);
  return s[0];
}
TAD_VJP double gathered(double *s, const int *idx, int b) {
// CHECK: local-pointer.cpp:[[@LINE+1]]:23: error: passing '&s[0]' and '&s[b]' to 'gather_step' is not supported: both point into 's' and the callee may write through the first; tad assumes the arrays passed to a function do not overlap, and cannot prove that these two reach disjoint elements
  gather_step(b, idx, &s[0], &s[b]);
  return s[0];
}

TAD_JVP double static_pointer(const double *a) {
// CHECK: local-pointer.cpp:[[@LINE+1]]:24: error: static local pointers are not supported
  static const double *p = a;
  return p[0];
}
// CHECK: 7 errors generated.
