// <algorithm> and <numeric> on ranges of scalars (README, "Algorithms"):
// std::fill, std::copy, std::accumulate (plain and with a lambda),
// std::inner_product, std::max_element and std::min_element dereferenced
// and as an index, std::min and std::max of a braced list, std::clamp
// (with active bounds) and std::swap of scalars, elements and members, over
// `v.begin(), v.end()` of std::vector and std::array and `a, a + n` of
// arrays. Written as numerical code is: a softmax stabilised by its
// largest logit, a margin of the top logit over the mean, a physicist's
// velocity clamp, an RMS from inner_product, a reversal by swaps, a spread
// of three values, a weighted sum of squares with a lambda, and fills and
// copies of temporaries. JVP against central differences, VJP against JVP
// by the dot-product identity, with clang++, g++ (ASan, UBSan) and the
// plugin.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=OUT
// OUT-NOT: FAIL
// OUT: 111 checks, 0 failed
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc | FileCheck %s --check-prefix=OUT
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin | FileCheck %s --check-prefix=OUT
// RUN: FileCheck %s --check-prefix=GEN --input-file %t.inc
// GEN: void softmax_vjp(const std::vector<double> &z, std::vector<double> &p,
// GEN: std::size_t _best = 0;
// GEN: if (z[_best] < z[_k]) {
// GEN: double top_margin_vjp(
// GEN: long k = static_cast<long>(_best);
// GEN: double clipped_energy_jvp(
// GEN: double d_c = v[i] < -vmax ? -d_vmax : (vmax < v[i] ? d_vmax : d_v[i]);
// GEN: double spread_jvp(
// GEN: std::max(std::max(a, b), c)
// GEN: void reverse_jvp(
// GEN: const double _swap = a[i];
#include "tad/tad.h"
#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <vector>

// A softmax, stable for large logits: shift by the largest.
TAD_JVP TAD_VJP void softmax(const std::vector<double> &z,
                             std::vector<double> &p) {
  double m = *std::max_element(z.begin(), z.end());
  for (std::size_t i = 0; i < z.size(); ++i)
    p[i] = std::exp(z[i] - m);
  double s = std::accumulate(p.begin(), p.end(), 0.0);
  for (double &pi : p)
    pi /= s;
}

// How far the top logit stands above the mean of the others.
TAD_JVP TAD_VJP double top_margin(const std::vector<double> &z) {
  long k = std::max_element(z.begin(), z.end()) - z.begin();
  double rest = std::accumulate(z.begin(), z.end(), 0.0) - z[k];
  double lowest = *std::min_element(z.begin(), z.end());
  return z[k] - rest / (z.size() - 1) + 0.1 * lowest * lowest;
}

// Kinetic energy after clamping each velocity component to [-vmax, vmax].
TAD_JVP TAD_VJP double clipped_energy(const double *v, int n, double vmax,
                                      double mass) {
  double e = 0;
  for (int i = 0; i < n; ++i) {
    double c = std::clamp(v[i], -vmax, vmax);
    e += 0.5 * mass * c * c;
  }
  return e;
}

// Root mean square, and a dot product of std::arrays.
TAD_JVP TAD_VJP double rms(const double *a, int n) {
  return std::sqrt(std::inner_product(a, a + n, a, 0.0) / n);
}
TAD_JVP TAD_VJP double cosine(const std::array<double, 3> &a,
                              const std::array<double, 3> &b) {
  double ab = std::inner_product(a.begin(), a.end(), b.begin(), 0.0);
  double aa = std::inner_product(a.begin(), a.end(), a.begin(), 0.0);
  double bb = std::inner_product(b.begin(), b.end(), b.begin(), 0.0);
  return ab / std::sqrt(aa * bb);
}

// The range of three readings, and a soft ordering of two.
TAD_JVP TAD_VJP double spread(double a, double b, double c) {
  return std::max({a, b, c}) - std::min({a, b, c}) + std::max({a * b, c});
}

struct Interval {
  double lo, hi;
};

// Reversal in place by swaps, and swaps of locals and members.
TAD_JVP TAD_VJP void reverse(double *a, int n, double t) {
  for (int i = 0; i < n / 2; ++i)
    std::swap(a[i], a[n - 1 - i]);
  double lo = a[0] * t, hi = a[1];
  if (hi < lo)
    std::swap(lo, hi);
  Interval r = {lo, hi * hi};
  std::swap(r.lo, r.hi);
  a[0] = r.lo - r.hi;
}

// A weighted sum of squares through accumulate with a lambda.
TAD_JVP TAD_VJP double weighted_ss(const std::vector<double> &x, double w) {
  auto add = [&](double acc, double xi) { return acc + w * xi * xi; };
  double s = std::accumulate(x.begin(), x.end(), 0.0, add);
  return s + std::accumulate(x.begin() + 1, x.end(), 1.0,
                             [](double acc, double xi) { return acc * xi; });
}

// Temporaries filled and copied: a padded buffer and a shifted vector.
TAD_JVP TAD_VJP double padded(const double *x, int n) {
  double buf[8];
  std::fill(buf, buf + 8, 0.5);
  std::copy(x, x + n, buf + 1);
  std::vector<double> t(7); // n + 2, with n = 5 in the checks
  std::copy(buf, buf + n + 2, t.begin());
  std::fill(t.begin() + n, t.end(), x[0] * x[1]);
  std::array<double, 4> q;
  std::copy(t.begin(), t.begin() + 4, q.begin());
  double s = 0;
  for (std::size_t i = 0; i < t.size(); ++i)
    s += t[i] * t[i] * (i + 1);
  return s + q[3] * *std::max_element(q.begin(), q.end());
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  auto pts = [](size_t N, unsigned S) {
    return std::vector<Vec>{tad_test::randomVec(N, S),
                            tad_test::randomVec(N, S + 100)};
  };
  // softmax: z[5] -> p[5]
  auto FS = [](const Vec &z) {
    Vec p(z.size());
    softmax(z, p);
    return p;
  };
  auto JS = [](const Vec &z, const Vec &d) {
    Vec p(z.size()), dp(z.size());
    softmax_jvp(z, d, p, dp);
    return dp;
  };
  auto VS = [](const Vec &z, const Vec &yb) {
    Vec p(z.size()), cz(z.size(), 0.0), cp = yb;
    softmax_vjp(z, p, cz, cp);
    return cz;
  };
  tad_test::checkJvp("softmax", FS, JS, pts(5, 1));
  tad_test::checkVjp("softmax", JS, VS, pts(5, 1), 5);

  // top_margin: z[5] -> R
  auto FT = [](const Vec &z) { return Vec{top_margin(z)}; };
  auto JT = [](const Vec &z, const Vec &d) {
    double r = 0;
    top_margin_jvp(z, d, &r);
    return Vec{r};
  };
  auto VT = [](const Vec &z, const Vec &yb) {
    Vec g(z.size(), 0.0);
    top_margin_vjp(z, yb[0], g);
    return g;
  };
  tad_test::checkJvp("top_margin", FT, JT, pts(5, 2));
  tad_test::checkVjp("top_margin", JT, VT, pts(5, 2), 1);
  {
    // Ties: max_element finds the first largest (index 1, not 2 or 4).
    Vec z = {0.2, 0.9, 0.9, 0.1, 0.9}, d = {0, 1, 0, 0, 0};
    tad_test::expectNear("top_margin tie", JT(z, d)[0], 1.0, 1e-12);
  }

  // clipped_energy: (v[4], vmax, mass) -> R, components on both sides of
  // the bounds and away from them.
  auto FE = [](const Vec &a) {
    return Vec{clipped_energy(a.data(), 4, a[4], a[5])};
  };
  auto JE = [](const Vec &a, const Vec &d) {
    double r = 0;
    clipped_energy_jvp(a.data(), d.data(), 4, a[4], d[4], a[5], d[5], &r);
    return Vec{r};
  };
  auto VE = [](const Vec &a, const Vec &yb) {
    Vec g(6, 0.0);
    clipped_energy_vjp(a.data(), 4, a[4], a[5], yb[0], g.data(), &g[4], &g[5]);
    return g;
  };
  std::vector<Vec> PE = {{0.9, -0.3, 0.2, -0.8, 0.5, 1.3},
                         {0.1, -0.95, 0.4, 0.6, 0.7, 0.8}};
  tad_test::checkJvp("clipped_energy", FE, JE, PE);
  tad_test::checkVjp("clipped_energy", JE, VE, PE, 1);

  // rms: a[5] -> R
  auto FR = [](const Vec &a) { return Vec{rms(a.data(), 5)}; };
  auto JR = [](const Vec &a, const Vec &d) {
    double r = 0;
    rms_jvp(a.data(), d.data(), 5, &r);
    return Vec{r};
  };
  auto VR = [](const Vec &a, const Vec &yb) {
    Vec g(5, 0.0);
    rms_vjp(a.data(), 5, yb[0], g.data());
    return g;
  };
  tad_test::checkJvp("rms", FR, JR, pts(5, 3));
  tad_test::checkVjp("rms", JR, VR, pts(5, 3), 1);

  // cosine: (a[3], b[3]) -> R
  using A3 = std::array<double, 3>;
  auto split = [](const Vec &x, A3 &a, A3 &b) {
    for (int i = 0; i < 3; ++i) {
      a[i] = x[i];
      b[i] = x[i + 3];
    }
  };
  auto FC = [&](const Vec &x) {
    A3 a, b;
    split(x, a, b);
    return Vec{cosine(a, b)};
  };
  auto JC = [&](const Vec &x, const Vec &d) {
    A3 a, b, da, db;
    split(x, a, b);
    split(d, da, db);
    double r = 0;
    cosine_jvp(a, da, b, db, &r);
    return Vec{r};
  };
  auto VC = [&](const Vec &x, const Vec &yb) {
    A3 a, b, ca{}, cb{};
    split(x, a, b);
    cosine_vjp(a, b, yb[0], ca, cb);
    return Vec{ca[0], ca[1], ca[2], cb[0], cb[1], cb[2]};
  };
  tad_test::checkJvp("cosine", FC, JC, pts(6, 4));
  tad_test::checkVjp("cosine", JC, VC, pts(6, 4), 1);

  // spread: (a, b, c) -> R
  auto FP = [](const Vec &x) { return Vec{spread(x[0], x[1], x[2])}; };
  auto JP = [](const Vec &x, const Vec &d) {
    double r = 0;
    spread_jvp(x[0], d[0], x[1], d[1], x[2], d[2], &r);
    return Vec{r};
  };
  auto VP = [](const Vec &x, const Vec &yb) {
    Vec g(3, 0.0);
    spread_vjp(x[0], x[1], x[2], yb[0], &g[0], &g[1], &g[2]);
    return g;
  };
  tad_test::checkJvp("spread", FP, JP, pts(3, 5));
  tad_test::checkVjp("spread", JP, VP, pts(3, 5), 1);
  // Ties: std::max and std::min of a list return the first of equal
  // values: d(a) - d(a) + d(a * b) = 1 - 1 + (1 + 2).
  tad_test::expectNear("spread tie", JP({1, 1, 1}, {1, 2, 4})[0], 3.0, 1e-12);

  // reverse: (a[5], t) -> a[5]
  auto FV = [](const Vec &x) {
    Vec a(x.begin(), x.begin() + 5);
    reverse(a.data(), 5, x[5]);
    return a;
  };
  auto JV = [](const Vec &x, const Vec &d) {
    Vec a(x.begin(), x.begin() + 5), da(d.begin(), d.begin() + 5);
    reverse_jvp(a.data(), da.data(), 5, x[5], d[5]);
    return da;
  };
  auto VV = [](const Vec &x, const Vec &yb) {
    Vec a(x.begin(), x.begin() + 5), ca = yb;
    double ct = 0;
    reverse_vjp(a.data(), 5, x[5], ca.data(), &ct);
    ca.push_back(ct);
    return ca;
  };
  tad_test::checkJvp("reverse", FV, JV, pts(6, 6));
  tad_test::checkVjp("reverse", JV, VV, pts(6, 6), 5);
  {
    double a[5] = {1, 2, 3, 4, 5};
    reverse(a, 5, 1.0); // 5 4 3 2 1, lo = 4 < hi = 5: r = {4, 25}
    tad_test::expectNear("reverse values", a[0] + 10 * a[4], 21 + 10, 1e-12);
  }

  // weighted_ss: (x[4], w) -> R
  auto FW = [](const Vec &x) {
    return Vec{weighted_ss(Vec(x.begin(), x.end() - 1), x.back())};
  };
  auto JW = [](const Vec &x, const Vec &d) {
    double r = 0;
    weighted_ss_jvp(Vec(x.begin(), x.end() - 1), Vec(d.begin(), d.end() - 1),
                    x.back(), d.back(), &r);
    return Vec{r};
  };
  auto VW = [](const Vec &x, const Vec &yb) {
    Vec g(4, 0.0);
    double cw = 0;
    weighted_ss_vjp(Vec(x.begin(), x.end() - 1), x.back(), yb[0], g, &cw);
    g.push_back(cw);
    return g;
  };
  tad_test::checkJvp("weighted_ss", FW, JW, pts(5, 7));
  tad_test::checkVjp("weighted_ss", JW, VW, pts(5, 7), 1);

  // padded: x[5] -> R
  auto FD = [](const Vec &x) { return Vec{padded(x.data(), 5)}; };
  auto JD = [](const Vec &x, const Vec &d) {
    double r = 0;
    padded_jvp(x.data(), d.data(), 5, &r);
    return Vec{r};
  };
  auto VD = [](const Vec &x, const Vec &yb) {
    Vec g(5, 0.0);
    padded_vjp(x.data(), 5, yb[0], g.data());
    return g;
  };
  tad_test::checkJvp("padded", FD, JD, pts(5, 8));
  tad_test::checkVjp("padded", JD, VD, pts(5, 8), 1);
  return tad_test::report();
}
#endif
