// Small numerical kernels: Horner polynomial evaluation, a stencil, softmax,
// log-sum-exp, an RK2 ODE integrator and Newton iterations in a while loop.
// JVPs and gradients against central finite differences, VJPs against the
// JVPs by the dot-product identity, compiled with clang++ and g++ (-Wall
// -Wextra -Werror).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <cmath>

// sum_i c[i] x^i by Horner's rule; both the coefficients and x are active.
TAD_JVP TAD_VJP double horner(const double *c, int n, double x) {
  double r = c[n - 1];
  for (int i = n - 2; i >= 0; --i)
    r = r * x + c[i];
  return r;
}

// A nonlinear 3-point stencil with copied boundaries.
TAD_JVP TAD_VJP void stencil(const double *u, double *out, int n) {
  out[0] = u[0];
  out[n - 1] = u[n - 1];
  for (int i = 1; i < n - 1; ++i)
    out[i] = u[i - 1] - 2.0 * u[i] + u[i + 1] + 0.1 * u[i] * u[i];
}

// Numerically stable softmax: the max is found by a branch on data.
TAD_JVP TAD_VJP void softmax(const double *x, double *y, int n) {
  double m = x[0];
  for (int i = 1; i < n; ++i)
    if (x[i] > m)
      m = x[i];
  double z = 0;
  for (int i = 0; i < n; ++i) {
    y[i] = std::exp(x[i] - m);
    z += y[i];
  }
  for (int i = 0; i < n; ++i)
    y[i] /= z;
}

// log(sum exp(x)), with the max found by fmax.
TAD_JVP TAD_VJP double logsumexp(const double *x, int n) {
  double m = x[0];
  for (int i = 1; i < n; ++i)
    m = fmax(m, x[i]);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += exp(x[i] - m);
  return m + log(s);
}

// Midpoint (RK2) steps of a damped nonlinear oscillator x'' = -k x - c x'^3
// driven by sin(t); state = (x, v) is in-out.
TAD_JVP TAD_VJP void rk2(double *state, double k, double c, double dt,
                         int steps) {
  double t = 0;
  for (int s = 0; s < steps; ++s) {
    double x = state[0], v = state[1];
    double a = -k * x - c * v * v * v + std::sin(t);
    double xm = x + 0.5 * dt * v;
    double vm = v + 0.5 * dt * a;
    double am = -k * xm - c * vm * vm * vm + std::sin(t + 0.5 * dt);
    state[0] = x + dt * vm;
    state[1] = v + dt * am;
    t += dt;
  }
}

// Newton's method for the cube root of a > 0, until the residual is tiny.
TAD_JVP TAD_VJP double newton_cbrt(double a) {
  double x = a > 1 ? a : 1.0;
  int it = 0;
  while (std::fabs(x * x * x - a) > 1e-13 * a && it < 100) {
    double fx = x * x * x - a;
    x -= fx / (3 * x * x);
    ++it;
  }
  return x;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  // x = (c[0..4], x).
  auto hornerF = [](const Vec &x) { return Vec{horner(x.data(), 5, x[5])}; };
  auto hornerJ = [](const Vec &x, const Vec &d) {
    double t;
    horner_jvp(x.data(), d.data(), 5, x[5], d[5], &t);
    return Vec{t};
  };
  std::vector<Vec> hornerPts = {{1, -2, 0.5, 3, -1, 0.7},
                                {0.3, 0.1, -1, 2, 0.25, -1.4}};
  tad_test::checkJvp("horner", hornerF, hornerJ, hornerPts);
  tad_test::checkVjp(
      "horner", hornerJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(6, 0.0);
        horner_vjp(x.data(), 5, x[5], yb[0], g.data(), &g[5]);
        return g;
      },
      hornerPts, 1);
  tad_test::checkGradient(
      "horner_grad", hornerF,
      [](const Vec &x) {
        Vec g(6, 0.0);
        horner_grad(x.data(), 5, x[5], g.data(), &g[5]);
        return g;
      },
      hornerPts);
  auto stencilJ = [](const Vec &x, const Vec &d) {
    Vec y(x.size()), dy(x.size());
    stencil_jvp(x.data(), d.data(), y.data(), dy.data(),
                static_cast<int>(x.size()));
    return dy;
  };
  std::vector<Vec> stencilPts = {{1, 2, 0.5, -1, 3, 0.25},
                                 {0.1, -0.3, 2.5, 1.5, -2, 0.7}};
  tad_test::checkJvp(
      "stencil",
      [](const Vec &x) {
        Vec y(x.size());
        stencil(x.data(), y.data(), static_cast<int>(x.size()));
        return y;
      },
      stencilJ, stencilPts);
  // out is a pure output: ct_out holds ybar on entry, is ignored on exit.
  tad_test::checkVjp(
      "stencil", stencilJ,
      [](const Vec &x, const Vec &yb) {
        Vec y(x.size()), g(x.size(), 0.0), cty = yb;
        stencil_vjp(x.data(), y.data(), static_cast<int>(x.size()), g.data(),
                    cty.data());
        return g;
      },
      stencilPts, 6);
  auto softmaxJ = [](const Vec &x, const Vec &d) {
    Vec y(4), dy(4);
    softmax_jvp(x.data(), d.data(), y.data(), dy.data(), 4);
    return dy;
  };
  std::vector<Vec> softmaxPts = {
      {0.5, -1, 2, 0.25}, {3, 1, -2, 2.5}, {-0.5, -0.1, -3, 0.4}};
  tad_test::checkJvp(
      "softmax",
      [](const Vec &x) {
        Vec y(4);
        softmax(x.data(), y.data(), 4);
        return y;
      },
      softmaxJ, softmaxPts);
  // y is a pure output.
  tad_test::checkVjp(
      "softmax", softmaxJ,
      [](const Vec &x, const Vec &yb) {
        Vec y(4), g(4, 0.0), cty = yb;
        softmax_vjp(x.data(), y.data(), 4, g.data(), cty.data());
        return g;
      },
      softmaxPts, 4);
  auto lseF = [](const Vec &x) { return Vec{logsumexp(x.data(), 4)}; };
  auto lseJ = [](const Vec &x, const Vec &d) {
    double t;
    logsumexp_jvp(x.data(), d.data(), 4, &t);
    return Vec{t};
  };
  std::vector<Vec> lsePts = {
      {0.5, -1, 2, 0.25}, {3, 1, -2, 2.5}, {-0.5, -0.1, -3, 0.4}};
  tad_test::checkJvp("logsumexp", lseF, lseJ, lsePts);
  tad_test::checkVjp(
      "logsumexp", lseJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(4, 0.0);
        logsumexp_vjp(x.data(), 4, yb[0], g.data());
        return g;
      },
      lsePts, 1);
  tad_test::checkGradient(
      "logsumexp_grad", lseF,
      [](const Vec &x) {
        Vec g(4, 0.0);
        logsumexp_grad(x.data(), 4, g.data());
        return g;
      },
      lsePts);
  // x = (x0, v0, k, c, dt); outputs the final state.
  auto rk2J = [](const Vec &x, const Vec &d) {
    Vec s{x[0], x[1]}, ds{d[0], d[1]};
    rk2_jvp(s.data(), ds.data(), x[2], d[2], x[3], d[3], x[4], d[4], 20);
    return ds;
  };
  std::vector<Vec> rk2Pts = {{1.0, 0.0, 2.0, 0.1, 0.05},
                             {-0.5, 1.5, 0.5, 0.3, 0.1}};
  tad_test::checkJvp(
      "rk2",
      [](const Vec &x) {
        Vec s{x[0], x[1]};
        rk2(s.data(), x[2], x[3], x[4], 20);
        return s;
      },
      rk2J, rk2Pts);
  // state is in-out: ct_state holds ybar on entry and the cotangent of the
  // initial state on exit.
  tad_test::checkVjp(
      "rk2", rk2J,
      [](const Vec &x, const Vec &yb) {
        Vec s{x[0], x[1]}, g(5, 0.0);
        g[0] = yb[0];
        g[1] = yb[1];
        rk2_vjp(s.data(), x[2], x[3], x[4], 20, g.data(), &g[2], &g[3], &g[4]);
        return g;
      },
      rk2Pts, 2);
  auto newtonF = [](const Vec &x) { return Vec{newton_cbrt(x[0])}; };
  auto newtonJ = [](const Vec &x, const Vec &d) {
    double t;
    newton_cbrt_jvp(x[0], d[0], &t);
    return Vec{t};
  };
  std::vector<Vec> newtonPts = {{0.3}, {2.0}, {27.5}, {300.0}};
  tad_test::checkJvp("newton_cbrt", newtonF, newtonJ, newtonPts);
  tad_test::checkVjp(
      "newton_cbrt", newtonJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(1, 0.0);
        newton_cbrt_vjp(x[0], yb[0], &g[0]);
        return g;
      },
      newtonPts, 1);
  tad_test::checkGradient(
      "newton_cbrt_grad", newtonF,
      [](const Vec &x) {
        Vec g(1, 0.0);
        newton_cbrt_grad(x[0], &g[0]);
        return g;
      },
      newtonPts);
  return tad_test::report();
}
#endif
