// A residual of a `?:` arm is computed only where the arm is taken. Code
// that guards a neighbour's read, `i > 0 ? std::sin(x[i - 1]) : 0.0`, had
// the residual cos(x[i - 1]) pushed on the tape for every i, reading x[-1]
// at i = 0 (and f_ijvp then read d_x[-1]: a tangent index recorded as
// i - 1), out of bounds; valgrind found it in inverse/programs.cpp. The
// programs run with AddressSanitizer here (the arrays are on the heap, so
// x[-1] is a reported overflow), and are checked: f_vjp against f_jvp by
// the dot-product identity with f_jvp against central differences, f_grad
// against differences, the inverse modes by invcheck.h's round trips.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: FileCheck %s --input-file %t.inc
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t && %t
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
#include "tad/tad.h"
#include <cmath>

// A chain coupled to its left neighbour, the first element without one.
// CHECK-LABEL: void chain_vjp(
// CHECK: _tape.push<double>(i > 0 ? std::cos(x[i - 1]) : 0.0);
TAD_JVP TAD_VJP void chain(double *x, int n) {
  for (int i = 0; i < n; ++i)
    x[i] = x[i] * 2 + (i > 0 ? std::sin(x[i - 1]) : 0.0);
}

// Both neighbours, a guard on each side, nested selects, in a sum.
TAD_JVP TAD_VJP double energy(const double *x, int n) {
  double e = 0;
  for (int i = 0; i < n; ++i) {
    double l = i > 0 ? std::exp(x[i - 1] * x[i]) : 0.0;
    double r = i + 1 < n ? (i + 2 < n ? std::log(1 + x[i + 2] * x[i + 2])
                                      : std::cos(x[i + 1]))
                         : x[i] * x[i];
    e += l * r;
  }
  return e;
}

// The in-place program of inverse/programs.cpp, with a while loop.
TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET void smooth(double *x, int n) {
  int i = 0;
  while (i < n) {
    x[i] = x[i] * std::exp(0.1 * i) + (i > 0 ? std::sin(x[i - 1]) : 0.0);
    ++i;
  }
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
#include "invcheck.h"
int main() {
  using tad_test::Vec;
  const int N = 5;
  // The points are heap vectors of exactly N elements: x[-1] and x[N] are
  // outside them.
  std::vector<Vec> Pts{{0.3, -0.7, 1.1, 0.4, -0.2}, {-1.0, 0.5, 0.2, 0.9, 1.3}};
  tad_test::Primal F = [&](const Vec &v) {
    Vec Y = v;
    chain(Y.data(), N);
    return Y;
  };
  tad_test::Jvp J = [&](const Vec &v, const Vec &d) {
    Vec Y = v, DY = d;
    chain_jvp(Y.data(), DY.data(), N);
    return DY;
  };
  tad_test::checkJvp("chain jvp", F, J, Pts);
  tad_test::checkVjp(
      "chain vjp", J,
      [&](const Vec &v, const Vec &w) {
        Vec Y = v, C = w;
        chain_vjp(Y.data(), N, C.data());
        return C;
      },
      Pts, N);
  tad_test::Primal E = [&](const Vec &v) { return Vec{energy(v.data(), N)}; };
  tad_test::checkGradient(
      "energy grad", E,
      [&](const Vec &v) {
        Vec G(N, 0.0);
        energy_grad(v.data(), N, G.data());
        return G;
      },
      Pts);
  tad_test::InvProgram P;
  P.Name = "smooth";
  P.N = N;
  P.F = [&](Vec &Z) { smooth(Z.data(), N); };
  P.Jvp = [&](Vec &Z, Vec &T) { smooth_jvp(Z.data(), T.data(), N); };
  P.Ijvp = [&](Vec &Z, Vec &T) { smooth_ijvp(Z.data(), T.data(), N); };
  P.Ivjp = [&](Vec &Z, Vec &T) { smooth_ivjp(Z.data(), T.data(), N); };
  P.LogDet = [&](Vec &Z) { return smooth_logdet(Z.data(), N); };
  for (const Vec &Z : Pts)
    tad_test::checkInverse(P, Z);
  return tad_test::report();
}
#endif
