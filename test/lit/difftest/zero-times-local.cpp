// Found by the differential tests (test/difftest, seed 1, program 84): a
// local whose every use is multiplied by a literal zero (`0.0 * s`) got a
// tangent that nothing read, `double d_s = ...;`, and the output did not
// compile with -Wall -Werror (unused variable). The dead tangents are now
// dropped. Several shapes: in straight-line code, in a loop, a chain of
// locals, under a branch, in f_vjp and f_grad too.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t && %t
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.g && %t.g
#include "tad/tad.h"
#include <cmath>

TAD_JVP TAD_VJP double straight(double x) {
  double s = std::sin(x);
  return x * x + 0.0 * s;
}

TAD_JVP TAD_VJP double in_loop(const double *x, double *y, int n) {
  double r = 0;
  for (int i = 0; i < n; ++i) {
    double s = std::hypot(x[i], 0.5 + x[i] * x[i]);
    y[i] += 0.5 * std::tanh(s * 0.0) + std::cos(x[i]);
    r += x[i];
  }
  return r;
}

TAD_JVP TAD_VJP double chain(double x, double a) {
  double s = std::exp(x);
  double t = s * a;
  double u = t + std::sin(s);
  return a * x + 0.0 * u;
}

TAD_JVP TAD_VJP double branch(double x, double a) {
  double r = a * x;
  if (x > 0.1) {
    double s = std::log(1.0 + x * x);
    r += 0.0 * s;
  }
  return r;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"

using tad_test::Vec;

int main() {
  std::vector<Vec> P2 = {{0.3, -0.7}, {-0.4, 1.2}, {0.8, 0.5}};
  tad_test::checkJvp(
      "straight", [](const Vec &X) { return Vec{straight(X[0])}; },
      [](const Vec &X, const Vec &D) {
        double R;
        straight_jvp(X[0], D[0], &R);
        return Vec{R};
      },
      {{0.3}, {-1.1}});
  tad_test::checkGradient(
      "straight", [](const Vec &X) { return Vec{straight(X[0])}; },
      [](const Vec &X) {
        double G = 0;
        straight_grad(X[0], &G);
        return Vec{G};
      },
      {{0.3}, {-1.1}});
  for (auto *F : {chain, branch}) {
    auto *J = F == chain ? chain_jvp : branch_jvp;
    auto *G = F == chain ? chain_grad : branch_grad;
    auto Primal = [F](const Vec &X) { return Vec{F(X[0], X[1])}; };
    tad_test::checkJvp(
        "chain/branch", Primal,
        [J](const Vec &X, const Vec &D) {
          double R;
          J(X[0], D[0], X[1], D[1], &R);
          return Vec{R};
        },
        P2);
    tad_test::checkGradient(
        "chain/branch", Primal,
        [G](const Vec &X) {
          Vec Gr(2, 0.0);
          G(X[0], X[1], &Gr[0], &Gr[1]);
          return Gr;
        },
        P2);
  }
  // in_loop over z = (x, y) -> (r, y).
  const int n = 3;
  auto Primal = [](const Vec &Z) {
    Vec Y(Z.begin() + n, Z.end()), R(n + 1);
    R[0] = in_loop(Z.data(), Y.data(), n);
    std::copy(Y.begin(), Y.end(), R.begin() + 1);
    return R;
  };
  tad_test::Jvp Jv = [](const Vec &Z, const Vec &D) {
    Vec Y(Z.begin() + n, Z.end()), DY(D.begin() + n, D.end()), R(n + 1);
    in_loop_jvp(Z.data(), D.data(), Y.data(), DY.data(), n, &R[0]);
    std::copy(DY.begin(), DY.end(), R.begin() + 1);
    return R;
  };
  tad_test::Vjp Vj = [](const Vec &Z, const Vec &W) {
    Vec Y(Z.begin() + n, Z.end()), Ct(2 * n, 0.0);
    std::copy(W.begin() + 1, W.end(), Ct.begin() + n);
    in_loop_vjp(Z.data(), Y.data(), n, W[0], Ct.data(), Ct.data() + n);
    return Ct;
  };
  std::vector<Vec> P = {tad_test::randomVec(2 * n, 1),
                        tad_test::randomVec(2 * n, 2)};
  tad_test::checkJvp("in_loop", Primal, Jv, P);
  tad_test::checkVjp("in_loop", Jv, Vj, P, n + 1);
  return tad_test::report();
}
#endif
