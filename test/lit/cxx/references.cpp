// References: `T &` parameters are in-out (their tangent and cotangent
// are `T &` too), `const T &` parameters read as values, local references
// are aliases of what they are bound to, and a variable or an element
// passed to a callee's `T &` parameter is passed through a copy that is
// copied back after the statement. Written as physics code would be: a
// leapfrog integrator updating x and v in place, a polar-to-cartesian
// helper with two outputs, accumulators called with locals, elements and
// the caller's own references inside loops and branches, and a linear
// function with reference parameters (transposed).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: FileCheck %s --input-file %t.inc
// CHECK: void leapfrog_jvp(double &x, double &d_x, double &v, double &d_v, double k,
// CHECK: void leapfrog_vjp(double &x, double &v, double k, double dt, int n,
// CHECK-NEXT: double &ct_x, double &ct_v, double *ct_k, double *ct_dt);
// CHECK: double orbit_jvp(const double r, const double d_r, const double *t,
#include "tad/tad.h"
#include <cmath>

static void polar(double r, double t, double &x, double &y) {
  x = r * std::cos(t);
  y = r * std::sin(t);
}
static void acc(const double &v, double &s) { s += v * v; }
static double force(const double &x, double k) { return -k * std::sin(x); }

// In place: x and v are advanced n steps.
TAD_JVP TAD_VJP void leapfrog(double &x, double &v, double k, double dt,
                              int n) {
  for (int i = 0; i < n; ++i) {
    v += 0.5 * dt * force(x, k);
    x += dt * v;
    double &vv = v; // a reference to a reference parameter
    vv += 0.5 * dt * force(x, k);
  }
}

// A const reference parameter; locals and elements passed by reference.
TAD_JVP TAD_VJP double orbit(const double &r, const double *t, double *xy,
                             int n) {
  double e = 0;
  for (int i = 0; i < n; ++i) {
    double x = 0, y = 0;
    polar(r * (1 + 0.1 * i), t[i], x, y);
    polar(r, t[i] + x, xy[2 * i], xy[2 * i + 1]);
    if (x > 0)
      acc(x + y, e);
    else
      acc(x * y, e);
    double &last = xy[2 * i + 1]; // an element, bound once
    last *= 1.5;
    const double &twice = 2 * x; // a temporary
    e += twice * last;
  }
  return e;
}

// References to elements in loops, rebound each iteration; a reference to
// a scalar local.
TAD_JVP TAD_VJP double springs(double *p, int n, double k) {
  double total = 0;
  double &t = total;
  for (int i = 0; i + 1 < n; ++i) {
    double &a = p[i];
    const double &b = p[i + 1];
    double d = b - a;
    a += 0.01 * k * d; // writes p[i]
    t += 0.5 * k * d * d;
  }
  return total;
}

// Accessors returning references: a row-major element read through a
// const accessor, written through a non-const one, bound to a local.
static const double &el(const double *A, int n, int i, int j) {
  return A[i * n + j];
}
static double &at(double *a, int i) { return a[i]; }

TAD_JVP TAD_VJP void relax(const double *A, double *u, int n, double w) {
  for (int i = 0; i < n; ++i) {
    double r = 0;
    for (int j = 0; j < n; ++j)
      r += el(A, n, i, j) * at(u, j);
    at(u, i) -= w * r / el(A, n, i, i);
    double &ui = at(u, i);
    ui = ui + 0.1 * std::tanh(ui);
  }
}

// A result returned straight from a call that also advances the state it
// is passed by reference: `return advance(y, h);`.
static double advance(double &s, double h) {
  s += h * std::sin(s);
  return s * s;
}
TAD_JVP TAD_VJP double twoSteps(double x, double h) {
  double y = x;
  advance(y, h);
  return advance(y, 2 * h);
}

// Linear in x and y, both references: y += c x; x is also scaled.
TAD_LINEAR(x, y) void scale_add(double c, double &x, double &y) {
  y += c * x;
  x *= c;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;
int main() {
  const int n = 20;
  // (x, v, k) -> (x, v)
  auto F = [&](const Vec &s) {
    double x = s[0], v = s[1];
    leapfrog(x, v, s[2], 0.05, n);
    return Vec{x, v};
  };
  auto J = [&](const Vec &s, const Vec &d) {
    double x = s[0], v = s[1], dx = d[0], dv = d[1];
    leapfrog_jvp(x, dx, v, dv, s[2], d[2], 0.05, 0.0, n);
    return Vec{dx, dv};
  };
  auto V = [&](const Vec &s, const Vec &yb) {
    double x = s[0], v = s[1], cx = yb[0], cv = yb[1], ck = 0, cdt = 0;
    leapfrog_vjp(x, v, s[2], 0.05, n, cx, cv, &ck, &cdt);
    return Vec{cx, cv, ck};
  };
  std::vector<Vec> Ss = {{0.3, -0.2, 2.0}, {1.1, 0.5, 0.7}};
  tad_test::checkJvp("leapfrog", F, J, Ss);
  tad_test::checkVjp("leapfrog", J, V, Ss, 2);

  const int m = 3;
  // (r, t[m]) -> (e, xy[2m])
  auto FO = [&](const Vec &a) {
    Vec xy(2 * m, 0.0);
    double e = orbit(a[0], a.data() + 1, xy.data(), m);
    Vec out{e};
    out.insert(out.end(), xy.begin(), xy.end());
    return out;
  };
  auto JO = [&](const Vec &a, const Vec &d) {
    Vec xy(2 * m, 0.0), dxy(2 * m, 0.0);
    double de = 0;
    orbit_jvp(a[0], d[0], a.data() + 1, d.data() + 1, xy.data(), dxy.data(), m,
              &de);
    Vec out{de};
    out.insert(out.end(), dxy.begin(), dxy.end());
    return out;
  };
  auto VO = [&](const Vec &a, const Vec &yb) {
    Vec xy(2 * m, 0.0), g(a.size(), 0.0);
    Vec ct_xy(yb.begin() + 1, yb.end());
    orbit_vjp(a[0], a.data() + 1, xy.data(), m, yb[0], &g[0], g.data() + 1,
              ct_xy.data());
    return g;
  };
  std::vector<Vec> Os = {{0.8, 0.1, 1.9, -2.5}, {1.3, -1.0, 0.4, 2.2}};
  tad_test::checkJvp("orbit", FO, JO, Os);
  tad_test::checkVjp("orbit", JO, VO, Os, 1 + 2 * m);

  const int np = 5;
  auto FS = [&](const Vec &a) {
    Vec p(a.begin(), a.begin() + np);
    double e = springs(p.data(), np, a[np]);
    p.insert(p.begin(), e);
    return p;
  };
  auto JS = [&](const Vec &a, const Vec &d) {
    Vec p(a.begin(), a.begin() + np), dp(d.begin(), d.begin() + np);
    double de = 0;
    springs_jvp(p.data(), dp.data(), np, a[np], d[np], &de);
    dp.insert(dp.begin(), de);
    return dp;
  };
  auto VS = [&](const Vec &a, const Vec &yb) {
    Vec p(a.begin(), a.begin() + np), ct_p(yb.begin() + 1, yb.end());
    double ck = 0;
    springs_vjp(p.data(), np, a[np], yb[0], ct_p.data(), &ck);
    ct_p.push_back(ck);
    return ct_p;
  };
  std::vector<Vec> Ps = {tad_test::randomVec(np + 1, 3),
                         tad_test::randomVec(np + 1, 4)};
  tad_test::checkJvp("springs", FS, JS, Ps);
  tad_test::checkVjp("springs", JS, VS, Ps, 1 + np);

  const int nr = 3;
  // (A[nr*nr], u[nr]) -> u
  auto FR = [&](const Vec &a) {
    Vec u(a.begin() + nr * nr, a.end());
    relax(a.data(), u.data(), nr, 0.6);
    return u;
  };
  auto JR = [&](const Vec &a, const Vec &d) {
    Vec u(a.begin() + nr * nr, a.end()), du(d.begin() + nr * nr, d.end());
    relax_jvp(a.data(), d.data(), u.data(), du.data(), nr, 0.6, 0.0);
    return du;
  };
  auto VR = [&](const Vec &a, const Vec &yb) {
    Vec u(a.begin() + nr * nr, a.end()), g(nr * nr, 0.0);
    Vec cu = yb;
    double cw = 0;
    relax_vjp(a.data(), u.data(), nr, 0.6, g.data(), cu.data(), &cw);
    g.insert(g.end(), cu.begin(), cu.end());
    return g;
  };
  Vec A0 = tad_test::randomVec(nr * nr + nr, 8);
  for (int i = 0; i < nr; ++i)
    A0[i * nr + i] += 3; // diagonally dominant
  std::vector<Vec> Rs = {A0};
  tad_test::checkJvp("relax", FR, JR, Rs);
  tad_test::checkVjp("relax", JR, VR, Rs, nr);

  // twoSteps: (x, h) -> R.
  auto FT = [](const Vec &s) { return Vec{twoSteps(s[0], s[1])}; };
  auto JT = [](const Vec &s, const Vec &d) {
    double r = 0;
    twoSteps_jvp(s[0], d[0], s[1], d[1], &r);
    return Vec{r};
  };
  auto VT = [](const Vec &s, const Vec &yb) {
    Vec g(2, 0.0);
    twoSteps_vjp(s[0], s[1], yb[0], &g[0], &g[1]);
    return g;
  };
  std::vector<Vec> Ts = {{0.4, 0.3}, {1.3, -0.2}};
  tad_test::checkJvp("twoSteps", FT, JT, Ts);
  tad_test::checkVjp("twoSteps", JT, VT, Ts, 1);

  // <(wx, wy), L(x, y)> = <L^T(wx, wy), (x, y)>
  double c = 0.7, x = 0.3, y = -1.2, wx = 0.9, wy = 0.4;
  double lx = x, ly = y;
  scale_add(c, lx, ly);
  double tx = wx, ty = wy;
  scale_add_transpose(c, tx, ty);
  tad_test::expectNear("scale_add_transpose", wx * lx + wy * ly,
                       tx * x + ty * y, 1e-12);
  return tad_test::report();
}
#endif
