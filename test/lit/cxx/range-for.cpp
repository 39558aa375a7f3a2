// Range-based for over fixed-size arrays, lowered to an indexed loop (a
// loop variable by value is a local copy of the element, by reference an
// alias of it): over local arrays, by value, by const reference and by
// reference (writing the elements), by value with a conversion, over parameters
// of array type
// (`const double (&w)[4]`, read; `double (&out)[3]`, written), nested, with
// branches and break/continue in the body, and in a linear function.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: FileCheck %s --input-file %t.inc
// CHECK: double softplus_sum_jvp(const double *w, const double *d_w, double x,
// CHECK: for (int i = 0; i < 4; ++i) {
#include "tad/tad.h"
#include <cmath>

// A tiny neuron: sum over the weights (an array parameter) of
// softplus(w x); negative contributions are clipped.
TAD_JVP TAD_VJP double softplus_sum(const double (&w)[4], double x) {
  double s = 0;
  for (double wi : w) {
    double z = std::log1p(std::exp(wi * x));
    if (wi < -0.5)
      continue;
    s += z;
  }
  return s;
}

// Local arrays: scaled in place through a reference, then read by const
// reference and by value (float, converted); a nested range-for with a
// break.
TAD_JVP TAD_VJP double energy(double a, double b) {
  double v[3] = {a, b, a * b};
  for (double &e : v)
    e = e * e + 0.5 * e;
  double s = 0;
  for (const double &e : v)
    s += std::sin(e);
  const float f[2] = {0.5f, 2.0f};
  for (double e : f)
    s += 0.25 * e * a;
  for (auto &e : v)
    for (auto g : v) {
      if (g > 3)
        break;
      s += e * g;
    }
  return s;
}

// An output through an array-reference parameter.
TAD_JVP TAD_VJP void normalize(const double (&in)[3], double (&out)[3]) {
  double n2 = 0;
  for (const auto &x : in)
    n2 += x * x;
  double inv = 1 / std::sqrt(n2);
  int i = 0;
  for (auto &o : out) {
    o = in[i] * inv;
    i += 1;
  }
}

// Linear in x and y: Horner's rule with the coefficients in a local table
// times x[0], plus a weighted sum of x over a range-for by reference.
TAD_LINEAR(x, y) void weigh(const double *x, double *y, double t) {
  const double c[3] = {1.0, -2.0, 0.5};
  y[0] = 0;
  for (const double &ck : c)
    y[0] = y[0] * t + ck * x[0];
  double xs[2] = {x[1], x[2]};
  for (const double &xi : xs)
    y[0] += t * xi;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;
int main() {
  auto F = [](const Vec &v) {
    double w[4] = {v[0], v[1], v[2], v[3]};
    return Vec{softplus_sum(w, v[4])};
  };
  auto J = [](const Vec &v, const Vec &d) {
    double t = 0;
    softplus_sum_jvp(v.data(), d.data(), v[4], d[4], &t);
    return Vec{t};
  };
  auto V = [](const Vec &v, const Vec &yb) {
    Vec g(5, 0.0);
    softplus_sum_vjp(v.data(), v[4], yb[0], g.data(), &g[4]);
    return g;
  };
  std::vector<Vec> Ws = {{0.3, -0.9, 1.2, 0.1, 0.7},
                         {-0.2, 0.4, -0.6, 2.0, -1.1}};
  tad_test::checkJvp("softplus_sum", F, J, Ws);
  tad_test::checkVjp("softplus_sum", J, V, Ws, 1);
  tad_test::checkGradient(
      "softplus_sum_grad", F, [&](const Vec &v) { return V(v, Vec{1.0}); }, Ws);

  auto FE = [](const Vec &x) { return Vec{energy(x[0], x[1])}; };
  auto JE = [](const Vec &x, const Vec &d) {
    double t = 0;
    energy_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  auto VE = [](const Vec &x, const Vec &yb) {
    Vec g(2, 0.0);
    energy_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
    return g;
  };
  std::vector<Vec> Es = {{0.4, 0.9}, {1.3, -0.7}, {-0.2, 1.6}};
  tad_test::checkJvp("energy", FE, JE, Es, 1e-5);
  tad_test::checkVjp("energy", JE, VE, Es, 1);
  tad_test::checkGradient(
      "energy_grad", FE,
      [](const Vec &x) {
        Vec g(2, 0.0);
        energy_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      Es, 1e-5);

  auto FN = [](const Vec &x) {
    double in[3] = {x[0], x[1], x[2]}, out[3];
    normalize(in, out);
    return Vec{out[0], out[1], out[2]};
  };
  auto JN = [](const Vec &x, const Vec &d) {
    double out[3], dout[3];
    normalize_jvp(x.data(), d.data(), out, dout);
    return Vec{dout[0], dout[1], dout[2]};
  };
  auto VN = [](const Vec &x, const Vec &yb) {
    Vec g(3, 0.0);
    double out[3], ct_out[3] = {yb[0], yb[1], yb[2]};
    normalize_vjp(x.data(), out, g.data(), ct_out);
    return g;
  };
  std::vector<Vec> Ns = {{0.5, -1.0, 2.0}, {1.5, 0.3, -0.2}};
  tad_test::checkJvp("normalize", FN, JN, Ns);
  tad_test::checkVjp("normalize", JN, VN, Ns, 3);

  Vec x = tad_test::randomVec(3, 9), xt(3, 0.0);
  double y = 0, w = 0.7;
  weigh(x.data(), &y, 0.3);
  weigh_transpose(xt.data(), &w, 0.3);
  tad_test::expectNear("weigh_transpose", 0.7 * y,
                       xt[0] * x[0] + xt[1] * x[1] + xt[2] * x[2], 1e-12);
  return tad_test::report();
}
#endif
