// The README's example of inverse accumulation, compiled and checked.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

// One RealNVP coupling layer followed by a shear, in place on x[0..2n).
TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET TAD_INVERSE void
layer(double *x, const double *w, int n) {
  for (int i = 0; i < n; ++i) {
    double s = std::tanh(w[i] * x[i]); // temporaries are forwarded
    x[n + i] = x[n + i] * std::exp(s) + 0.5 * x[i];
  }
  for (int i = 1; i < n; ++i)
    x[i] += 0.3 * std::sin(x[i - 1]); // affine indices: i != i - 1
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "invcheck.h"
using namespace tad_test;

int main() {
  const int n = 3;
  double w[n] = {0.5, -1.0, 2.0};
  InvProgram P;
  P.Name = "layer";
  P.N = 2 * n;
  double dw[n] = {0, 0, 0};
  P.F = [&](Vec &Z) { layer(Z.data(), w, n); };
  P.Jvp = [&](Vec &Z, Vec &T) { layer_jvp(Z.data(), T.data(), w, dw, n); };
  P.Ijvp = [&](Vec &Z, Vec &T) { layer_ijvp(Z.data(), T.data(), w, n); };
  P.Ivjp = [&](Vec &Z, Vec &C) { layer_ivjp(Z.data(), C.data(), w, n); };
  P.LogDet = [&](Vec &Z) { return layer_logdet(Z.data(), w, n); };
  P.Inverse = [&](Vec &Z) { layer_inverse(Z.data(), w, n); };
  Vec X0 = {0.1, -0.4, 0.7, 1.0, -2.0, 0.5};
  checkInverse(P, X0);
  // The README's claims: log|det J| = sum_i s_i, and x = f^-1(f(x)).
  double Sum = 0;
  for (int i = 0; i < n; ++i)
    Sum += std::tanh(w[i] * X0[i]);
  Vec X = X0;
  expectClose("logdet = sum s", layer_logdet(X.data(), w, n), Sum, 1e-15);
  return report();
}
#endif

// With the plugin (at the end, so that the line numbers checked above stay):
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
