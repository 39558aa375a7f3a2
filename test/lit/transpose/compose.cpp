// Transposes of transposes: an annotated declaration of a generated function
// asks for its transpose. T(T(f)) computes f, T(T(T(f))) computes T(f);
// T(T(f)) has f's signature (its input arrays const again), T(T(T(f)))
// T(f)'s.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

TAD_LINEAR(z) double scale(double c, double z) { return c * z / (1 + c); }
TAD_LINEAR(z) double scale_transpose(double c, double z);
// CHECK-DAG: double scale_transpose(double c, double z);
// CHECK-DAG: double scale_transpose_transpose(double c, double z);

TAD_LINEAR(x, y) void prefix(const double *x, double *y, int n) {
  y[0] = x[0];
  for (int i = 1; i < n; ++i)
    y[i] = y[i - 1] + 2 * x[i];
}
TAD_LINEAR(x, y) void prefix_transpose(double *x, double *y, int n);
TAD_LINEAR(x, y)
void prefix_transpose_transpose(const double *x, double *y, int n);
// CHECK-DAG: void prefix_transpose_transpose(const double *x, double *y, int
// n); CHECK-DAG: void prefix_transpose_transpose_transpose(double *x, double
// *y, int n);

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include <cstdio>

const int N = 5;
using Map = void (*)(double *, double *, int);

/// The matrix of a map x -> y (y written, x read), applying it to e_i.
static void matrixOf(Map F, bool Transposed, double M[N][N]) {
  for (int I = 0; I < N; ++I) {
    double X[N] = {0}, Y[N] = {0};
    (Transposed ? Y : X)[I] = 1;
    F(X, Y, N);
    for (int J = 0; J < N; ++J)
      M[J][I] = Transposed ? X[J] : Y[J];
  }
}

int main() {
  int Failures = 0;
  // T(T(f)) = f and T(T(T(f))) = T(f), as matrices; T(f) = f^T.
  double F[N][N], T[N][N], TT[N][N], TTT[N][N];
  matrixOf([](double *x, double *y, int n) { prefix(x, y, n); }, false, F);
  matrixOf(prefix_transpose, true, T);
  matrixOf(
      [](double *x, double *y, int n) { prefix_transpose_transpose(x, y, n); },
      false, TT);
  matrixOf(prefix_transpose_transpose_transpose, true, TTT);
  for (int I = 0; I < N; ++I)
    for (int J = 0; J < N; ++J) {
      Failures += T[I][J] != F[J][I];
      Failures += TT[I][J] != F[I][J];
      Failures += TTT[I][J] != T[I][J];
    }
  double S = scale(3, 2);
  Failures += scale_transpose(3, 2) != S;
  Failures += scale_transpose_transpose(3, 2) != S;
  std::printf("%d failed\n", Failures);
  return Failures != 0;
}
#endif
