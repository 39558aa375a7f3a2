// The forward sweep of a transpose keeps only what the reverse sweep reads:
// no loop left empty once the values it computed are recomputed where they
// are used, no offset of a reference local, no copy of an inlined call's
// argument (each was an unused variable that -Werror rejects, or an empty
// loop). Checked as matrices: T(f) = f^T over the whole state (x, y).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: not grep -Pzo 'for \([^\n]*\) \{\n *\}' %t.inc
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

static void axpy(double a, const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i)
    y[i] += a * x[i];
}
static double &at(double *a, int i) { return a[i]; }

TAD_LINEAR(x, y)
void mix(const double *w, const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i) {
    double &r = at(y, i);
    double c = std::exp(w[i]);
    r = c * x[i];
  }
  axpy(w[0], x, y, n);
  const double *row = w + 1;
  for (int i = 0; i < n; ++i)
    y[i] += row[i] * x[i];
  double buf[3] = {w[0], w[1], w[2]};
  for (double &b : buf)
    b *= 2.0;
  y[0] += buf[1] * x[1];
}

// A recurrence whose loop reads a weight the reverse sweep recomputes.
TAD_LINEAR(x, y)
void filter(const double *w, const double *x, double *y, int n) {
  double acc = 0.0;
  for (int i = 0; i < n; ++i) {
    double a = std::sin(w[i]);
    acc = acc * a + x[i];
    y[i] = acc;
  }
  for (int i = 0; i < n; ++i) {
    double c = w[i] * w[i];
    y[i] = c * y[i];
  }
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include <cstdio>

const int N = 5;
using Map = void (*)(const double *, double *, double *, int);

/// The matrix of a linear map of the state (x, y), applied to each e_i.
static void matrixOf(Map F, const double *W, double M[2 * N][2 * N]) {
  for (int I = 0; I < 2 * N; ++I) {
    double S[2 * N] = {0};
    S[I] = 1;
    F(W, S, S + N, N);
    for (int J = 0; J < 2 * N; ++J)
      M[J][I] = S[J];
  }
}

static int compare(const char *Name, Map F, Map T, const double *W) {
  double MF[2 * N][2 * N], MT[2 * N][2 * N];
  matrixOf(F, W, MF);
  matrixOf(T, W, MT);
  int Failures = 0;
  for (int I = 0; I < 2 * N; ++I)
    for (int J = 0; J < 2 * N; ++J)
      if (std::fabs(MT[I][J] - MF[J][I]) > 1e-12 * (1 + std::fabs(MF[J][I]))) {
        std::printf("%s: T[%d][%d] = %g, f[%d][%d] = %g\n", Name, I, J,
                    MT[I][J], J, I, MF[J][I]);
        ++Failures;
      }
  return Failures;
}

int main() {
  const double W[N] = {0.3, -0.7, 1.1, 0.5, -0.2};
  // f's state: x is read, y written; as maps of (x, y) both keep x.
  Map Mix = [](const double *w, double *x, double *y, int n) {
    mix(w, x, y, n);
  };
  Map Filter = [](const double *w, double *x, double *y, int n) {
    filter(w, x, y, n);
  };
  int Failures = compare("mix", Mix, mix_transpose, W) +
                 compare("filter", Filter, filter_transpose, W);
  std::printf("%d failures\n", Failures);
  return Failures != 0;
}
#endif
