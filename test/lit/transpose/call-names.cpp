// A linear function that calls g linear in its first argument in one place
// and in its second in another needs two transposes of g: the one linear in
// g's last parameter (or in what g's tad::linear names) is g_transpose, the
// other g_transpose_<parameter>. Checked by value: T<f>(1) = 2 + 3.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t && %t
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
#include "tad/tad.h"

// CHECK-DAG: double g_transpose_a(double a, double b);
// CHECK-DAG: double g_transpose(double a, double b);
double g(double a, double b) { return a * b; }
TAD_LINEAR(x) double f(double x) { return g(x, 2.0) + g(3.0, x); }

// With g annotated linear in a, that one is g_transpose.
// CHECK-DAG: double h_transpose(double a, double b);
// CHECK-DAG: double h_transpose_b(double a, double b);
TAD_LINEAR(a) double h(double a, double b) { return a * b; }
TAD_LINEAR(x) double k(double x) { return h(x, 2.0) + h(3.0, x); }

#ifdef TAD_GENERATED
#include TAD_GENERATED
int main() { return f_transpose(1.0) == 5 && k_transpose(1.0) == 5 ? 0 : 1; }
#endif
