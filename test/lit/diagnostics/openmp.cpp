// OpenMP that tad does not keep parallel is an error at the directive or
// the clause, naming it: other directives, clauses other than
// reduction(+ : ...), reductions other than sums, reductions of arrays.
//
// RUN: not %tad-gen %s -o %t.inc -- %tad-flags -fopenmp 2>&1 | FileCheck %s --implicit-check-not=error:
#include "tad/tad.h"

TAD_JVP void simd(const double *x, double *y, int n) {
  // CHECK: openmp.cpp:[[@LINE+1]]:1: error: '#pragma omp simd' is not supported: tad differentiates '#pragma omp parallel for' loops (with reduction(+ : ...) clauses) and '#pragma omp atomic' updates
#pragma omp simd
  for (int i = 0; i < n; ++i)
    y[i] = x[i] * x[i];
}

TAD_JVP void scheduled(const double *x, double *y, int n) {
  // CHECK: openmp.cpp:[[@LINE+1]]:26: error: the OpenMP clause 'schedule' is not supported: tad keeps '#pragma omp parallel for' loops parallel with reduction(+ : ...) clauses only
#pragma omp parallel for schedule(static)
  for (int i = 0; i < n; ++i)
    y[i] = x[i] * x[i];
}

TAD_VJP double product(const double *x, int n) {
  double p = 1;
  // CHECK: openmp.cpp:[[@LINE+1]]:26: error: only 'reduction(+ : ...)' is supported: tad differentiates sums
#pragma omp parallel for reduction(* : p)
  for (int i = 0; i < n; ++i)
    p *= x[i];
  return p;
}

TAD_VJP double two_sums(const double *x, int n) {
  double s[2] = {0, 0};
  // CHECK: openmp.cpp:[[@LINE+1]]:40: error: a reduction variable must be a scalar
#pragma omp parallel for reduction(+ : s)
  for (int i = 0; i < n; ++i)
    s[i % 2] += x[i];
  return s[0] * s[1];
}

TAD_JVP void captured(const double *x, double *y, int n) {
#pragma omp parallel for
  for (int i = 0; i < n; ++i) {
    double old;
    // CHECK: openmp.cpp:[[@LINE+1]]:20: error: the OpenMP clause 'capture' is not supported: tad differentiates '#pragma omp atomic' updates 'x += v' and 'x -= v'
#pragma omp atomic capture
    { old = y[0]; y[0] += x[i]; }
    y[i] = old;
  }
}

TAD_JVP void product(double *y, const double *x, int n) {
#pragma omp parallel for
  for (int i = 0; i < n; ++i) {
    // CHECK: openmp.cpp:[[@LINE+1]]:1: error: '#pragma omp atomic' is supported on 'x += v' and 'x -= v' only
#pragma omp atomic
    y[0] *= x[i];
  }
}
