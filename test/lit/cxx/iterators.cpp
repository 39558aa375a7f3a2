// Iterator locals and pointer comparisons (README, "Containers"): an
// iterator of a std::vector, like a local pointer, is followed as an offset
// into its container (`*it` is x[it_off], `++it` is ++it_off), and two
// iterators or pointers into one array compare and subtract as their
// offsets. Written as C++ programmers write loops: a sum of squares over
// `it != x.end()`, an in-place update through `*it = ...` with a named
// `std::vector<double>::iterator`, a pointer walk `p < a + n` with a second
// pointer moved in the body, two iterators meeting in the middle of a
// vector with `last - first` as a weight and `first[1]`, std::array's
// iterators (pointers), std::accumulate over a local pointer's range, and
// a reverse walk `p >= a` with `--p`.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: FileCheck %s --check-prefix=GEN --input-file %t.inc
// GEN: double sumsq_vjp(const std::vector<double> &x, double ct_return,
// GEN: for (std::size_t it_off = 0; it_off != x.size(); ++it_off) {
#include "tad/tad.h"
#include <array>
#include <cmath>
#include <numeric>
#include <vector>

TAD_JVP TAD_VJP double sumsq(const std::vector<double> &x) {
  double s = 0;
  for (auto it = x.begin(); it != x.end(); ++it)
    s += *it * *it;
  return s;
}

TAD_JVP TAD_VJP void squash(std::vector<double> &v, double a) {
  for (std::vector<double>::iterator it = v.begin(); it < v.end(); ++it)
    *it = a * std::sin(*it);
}

TAD_JVP TAD_VJP double walk(const double *a, const double *b, int n) {
  double s = 0;
  const double *q = b;
  for (const double *p = a; p < a + n; ++p) {
    s += *p * *q + std::exp(p[0] - q[0]);
    ++q;
  }
  return s;
}

TAD_JVP TAD_VJP double meet(const std::vector<double> &x) {
  double s = 0;
  auto first = x.begin();
  auto last = x.end() - 1;
  while (first < last) {
    s += static_cast<double>(last - first) * (*last - *first) * first[1];
    ++first;
    last -= 1;
  }
  return s;
}

TAD_JVP TAD_VJP double corners(const std::array<double, 4> &a) {
  double s = 1;
  for (auto p = a.begin(); p != a.end(); ++p)
    s *= 1 + *p * *p;
  return s;
}

TAD_JVP TAD_VJP double tail(const double *x, int n, int k) {
  const double *p = x + k;
  return std::accumulate(p, x + n, 0.0) * (x + n - p);
}

TAD_JVP TAD_VJP double backwards(const double *a, int n) {
  double s = 0;
  for (const double *p = a + n - 1; p >= a; --p)
    s = s * 0.5 + std::tanh(*p);
  return s;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;
int main() {
  std::vector<Vec> P5 = {tad_test::randomVec(5, 1), tad_test::randomVec(5, 2)};
  std::vector<Vec> P6 = {tad_test::randomVec(6, 3), tad_test::randomVec(6, 4)};
  std::vector<Vec> P4 = {tad_test::randomVec(4, 5), tad_test::randomVec(4, 6)};

  // sumsq: R^5 -> R
  auto FS = [](const Vec &x) { return Vec{sumsq(x)}; };
  auto JS = [](const Vec &x, const Vec &d) {
    double r = 0;
    sumsq_jvp(x, d, &r);
    return Vec{r};
  };
  auto VS = [](const Vec &x, const Vec &yb) {
    Vec g(x.size(), 0.0);
    sumsq_vjp(x, yb[0], g);
    return g;
  };
  tad_test::checkJvp("sumsq", FS, JS, P5);
  tad_test::checkVjp("sumsq", JS, VS, P5, 1);
  tad_test::expectNear(
      "sumsq value", sumsq(P5[0]),
      std::inner_product(P5[0].begin(), P5[0].end(), P5[0].begin(), 0.0),
      1e-15);

  // squash: (v[5], a) -> v[5], in place
  auto FQ = [](const Vec &x) {
    Vec v(x.begin(), x.begin() + 5);
    squash(v, x[5]);
    return v;
  };
  auto JQ = [](const Vec &x, const Vec &d) {
    Vec v(x.begin(), x.begin() + 5), dv(d.begin(), d.begin() + 5);
    squash_jvp(v, dv, x[5], d[5]);
    return dv;
  };
  auto VQ = [](const Vec &x, const Vec &yb) {
    Vec v(x.begin(), x.begin() + 5), cv = yb;
    double ca = 0;
    squash_vjp(v, x[5], cv, &ca);
    cv.push_back(ca);
    return cv;
  };
  tad_test::checkJvp("squash", FQ, JQ, P6);
  tad_test::checkVjp("squash", JQ, VQ, P6, 5);

  // walk: (a[3], b[3]) -> R
  auto FW = [](const Vec &x) { return Vec{walk(&x[0], &x[3], 3)}; };
  auto JW = [](const Vec &x, const Vec &d) {
    double r = 0;
    walk_jvp(&x[0], &d[0], &x[3], &d[3], 3, &r);
    return Vec{r};
  };
  auto VW = [](const Vec &x, const Vec &yb) {
    Vec g(6, 0.0);
    walk_vjp(&x[0], &x[3], 3, yb[0], &g[0], &g[3]);
    return g;
  };
  tad_test::checkJvp("walk", FW, JW, P6);
  tad_test::checkVjp("walk", JW, VW, P6, 1);

  // meet: R^6 -> R (and R^5: an odd length meets at one element)
  auto FM = [](const Vec &x) { return Vec{meet(x)}; };
  auto JM = [](const Vec &x, const Vec &d) {
    double r = 0;
    meet_jvp(x, d, &r);
    return Vec{r};
  };
  auto VM = [](const Vec &x, const Vec &yb) {
    Vec g(x.size(), 0.0);
    meet_vjp(x, yb[0], g);
    return g;
  };
  tad_test::checkJvp("meet", FM, JM, P6);
  tad_test::checkVjp("meet", JM, VM, P6, 1);
  tad_test::checkJvp("meet (odd)", FM, JM, P5);
  tad_test::checkVjp("meet (odd)", JM, VM, P5, 1);
  {
    const Vec &x = P6[0];
    double want = 5 * (x[5] - x[0]) * x[1] + 3 * (x[4] - x[1]) * x[2] +
                  1 * (x[3] - x[2]) * x[3];
    tad_test::expectNear("meet value", meet(x), want, 1e-15);
  }

  // corners: std::array<double, 4> -> R
  auto FC = [](const Vec &x) { return Vec{corners({x[0], x[1], x[2], x[3]})}; };
  auto JC = [](const Vec &x, const Vec &d) {
    double r = 0;
    corners_jvp({x[0], x[1], x[2], x[3]}, {d[0], d[1], d[2], d[3]}, &r);
    return Vec{r};
  };
  auto VC = [](const Vec &x, const Vec &yb) {
    std::array<double, 4> g = {};
    corners_vjp({x[0], x[1], x[2], x[3]}, yb[0], g);
    return Vec(g.begin(), g.end());
  };
  tad_test::checkJvp("corners", FC, JC, P4);
  tad_test::checkVjp("corners", JC, VC, P4, 1);

  // tail: x[6] -> R, from element 2
  auto FT = [](const Vec &x) { return Vec{tail(x.data(), 6, 2)}; };
  auto JT = [](const Vec &x, const Vec &d) {
    double r = 0;
    tail_jvp(x.data(), d.data(), 6, 2, &r);
    return Vec{r};
  };
  auto VT = [](const Vec &x, const Vec &yb) {
    Vec g(6, 0.0);
    tail_vjp(x.data(), 6, 2, yb[0], g.data());
    return g;
  };
  tad_test::checkJvp("tail", FT, JT, P6);
  tad_test::checkVjp("tail", JT, VT, P6, 1);
  tad_test::expectNear("tail value", tail(P6[0].data(), 6, 2),
                       4 * (P6[0][2] + P6[0][3] + P6[0][4] + P6[0][5]), 1e-15);

  // backwards: a[5] -> R, from the last element down to the first
  auto FB = [](const Vec &x) { return Vec{backwards(x.data(), 5)}; };
  auto JB = [](const Vec &x, const Vec &d) {
    double r = 0;
    backwards_jvp(x.data(), d.data(), 5, &r);
    return Vec{r};
  };
  auto VB = [](const Vec &x, const Vec &yb) {
    Vec g(5, 0.0);
    backwards_vjp(x.data(), 5, yb[0], g.data());
    return g;
  };
  tad_test::checkJvp("backwards", FB, JB, P5);
  tad_test::checkVjp("backwards", JB, VB, P5, 1);
  {
    double want = 0;
    for (int i = 4; i >= 0; --i)
      want = want * 0.5 + std::tanh(P5[0][i]);
    tad_test::expectNear("backwards value", backwards(P5[0].data(), 5), want,
                         1e-15);
  }
  return tad_test::report();
}
#endif
