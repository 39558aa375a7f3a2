// Found by the differential tests (test/difftest, seed 7, program 685): a
// local read only by an `if (...) continue;` that ends a loop body (a
// statement tad drops: it needs no flag) was copied, unread, into the
// generated functions, and -Wall -Werror rejected them (unused variable).
// Dead locals whose value calls no user function are now dropped; of one
// that calls a helper (seed 8, program 536), the calls stay as statements.
// Shapes: the local in the condition, two locals, a nested loop, a while
// loop, a helper's value.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t && %t
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.g && %t.g
#include "tad/tad.h"
#include <cmath>

TAD_JVP TAD_VJP double one(const double *x, double *y, int n) {
  double r = 0;
  for (int i = 0; i < n; ++i) {
    y[i] += std::sin(x[i]);
    r += x[i] * x[i];
    double s = x[i];
    if (std::tanh(s - y[i]) > 0.7)
      continue;
  }
  return r;
}

TAD_JVP TAD_VJP double two(const double *x, double *y, int n) {
  double r = 0;
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < i; ++j) {
      r += std::cos(x[i] * x[j]);
      double s = x[j] * 2.0;
      double t = std::exp(s);
      if (t > 1.5 + y[i])
        continue;
    }
    y[i] *= 1.5;
  }
  return r;
}

TAD_JVP TAD_VJP double loop_while(const double *x, double *y, int n) {
  int i = 0;
  double r = 0;
  while (i < n) {
    r += std::sqrt(1.0 + x[i] * x[i]);
    y[i] = r * x[i];
    ++i;
    double s = y[i - 1];
    if (s > 0.5)
      continue;
  }
  return r;
}

double h(double u, double v) {
  double w = u * u + v * v;
  return std::sqrt(1.0 + w) + std::log(1.0 + w);
}

TAD_JVP TAD_VJP double helper(const double *x, double *y, int n) {
  double r = 0;
  for (int i = 0; i < n; ++i) {
    for (int j = i + 1; j < n; ++j) {
      double s = std::exp(x[j]) / (1.0 + h(x[i], y[j]) * h(x[j], 0.5));
      if (s > 0.78)
        continue;
    }
    r += h(x[i], y[i]);
  }
  return r;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"

using tad_test::Vec;
using Fn = double (*)(const double *, double *, int);
using JFn = double (*)(const double *, const double *, double *, double *, int,
                       double *);
using VFn = double (*)(const double *, double *, int, double, double *,
                       double *);

// z = (x, y) -> (f, y).
static void check(const char *Name, Fn F, JFn J, VFn V, int n) {
  auto Primal = [=](const Vec &Z) {
    Vec Y(Z.begin() + n, Z.end()), R(n + 1);
    R[0] = F(Z.data(), Y.data(), n);
    std::copy(Y.begin(), Y.end(), R.begin() + 1);
    return R;
  };
  tad_test::Jvp Jv = [=](const Vec &Z, const Vec &D) {
    Vec Y(Z.begin() + n, Z.end()), DY(D.begin() + n, D.end()), R(n + 1);
    J(Z.data(), D.data(), Y.data(), DY.data(), n, &R[0]);
    std::copy(DY.begin(), DY.end(), R.begin() + 1);
    return R;
  };
  tad_test::Vjp Vj = [=](const Vec &Z, const Vec &W) {
    Vec Y(Z.begin() + n, Z.end()), Ct(2 * n, 0.0);
    std::copy(W.begin() + 1, W.end(), Ct.begin() + n);
    V(Z.data(), Y.data(), n, W[0], Ct.data(), Ct.data() + n);
    return Ct;
  };
  std::vector<Vec> P = {tad_test::randomVec(2 * n, 1 + n),
                        tad_test::randomVec(2 * n, 20 + n)};
  tad_test::checkJvp(Name, Primal, Jv, P);
  tad_test::checkVjp(Name, Jv, Vj, P, n + 1);
}

int main() {
  for (int n : {1, 2, 5}) {
    check("one", one, one_jvp, one_vjp, n);
    check("two", two, two_jvp, two_vjp, n);
    check("loop_while", loop_while, loop_while_jvp, loop_while_vjp, n);
    check("helper", helper, helper_jvp, helper_vjp, n);
  }
  return tad_test::report();
}
#endif
