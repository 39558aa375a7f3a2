// Reverse mode through break, continue and early returns: tad rewrites them
// into flags that guard what follows (a loop body and the function then run
// to their ends), then linearizes and transposes. VJPs against JVPs by the
// dot-product identity.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>
TAD_JVP TAD_VJP double e(double x, const double *w, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) {
    if (w[i] < 0)
      continue;
    s += w[i] * std::sin(x * s + 1);
    if (s > 5)
      break;
  }
  int k = 0;
  while (true) {
    s = s * 0.5 + x;
    ++k;
    if (k > 3)
      return s * x;
  }
}
TAD_JVP TAD_VJP double r(double x) {
  if (x > 1)
    return x * x;
  double y = std::exp(x);
  do {
    y -= 0.1 * x;
    if (y < 0.5)
      break;
  } while (y > 1);
  return y;
}
#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;
int main() {
  const int N = 4;
  auto J = [](const Vec &x, const Vec &d) {
    double t;
    e_jvp(x[0], d[0], x.data() + 1, d.data() + 1, N, &t);
    return Vec{t};
  };
  auto V = [](const Vec &x, const Vec &yb) {
    Vec g(x.size(), 0.0);
    e_vjp(x[0], x.data() + 1, N, yb[0], &g[0], g.data() + 1);
    return g;
  };
  tad_test::checkVjp("e", J, V, {{0.7, 1, 2, -1, 0.5}, {-1.3, 0.2, 3, 0.4, 3}},
                     1);
  auto rJ = [](const Vec &x, const Vec &d) {
    double t;
    r_jvp(x[0], d[0], &t);
    return Vec{t};
  };
  auto rV = [](const Vec &x, const Vec &yb) {
    double g = 0;
    r_vjp(x[0], yb[0], &g);
    return Vec{g};
  };
  tad_test::checkVjp("r", rJ, rV, {{0.3}, {1.5}, {-0.4}}, 1);
  return tad_test::report();
}
#endif
