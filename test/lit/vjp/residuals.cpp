// What reverse mode stores, and what it recomputes. Values that do not
// change between the forward and the reverse sweep are recomputed: nested
// locals assigned once with a stable initializer (re-declared at the front
// of the transposed block), parameters an inlined callee binds, indices
// read from const int arrays, arrays no later statement writes. A nested
// local whose value cannot be recomputed is pushed once, at the end of its
// block, however many products read it. Before an outermost loop whose
// pushes are known at entry, the tape is reserved once.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: FileCheck %s --input-file %t.inc
//
// project: the locals of the loop body are fixed and read only const
// arrays, the counter and parameters: they are recomputed in the reverse
// loop (so is the branch condition); q, assigned in the branch, is the one
// value stored per iteration.
// CHECK-LABEL: // VJP of 'project'
// CHECK: _tape.reserve(tad::trips(0, m) * 8);
// CHECK: for (int i = 0; i < m; ++i) {
// CHECK-NOT: _tape.push
// CHECK: _tape.push<double>(q);
// CHECK-NOT: _tape.push
// CHECK: for (int i = m - 1; i >= 0; --i) {
// CHECK-NEXT: int c = 3 * idx[i];
// CHECK-NEXT: double p0 = x[c] - cam[0];
// CHECK: double theta = _t0;
// CHECK-NOT: _tape.pop<bool>
// CHECK: if (sq > 1) {
// smooth: the inlined sweeps' `n` is not stored, nor any index; the trip
// count of the outer loop (k += 2 is not a counted loop) is a local: no
// tape.
// CHECK-LABEL: // VJP of 'smooth'
// CHECK-NOT: _tape
// CHECK-LABEL: // VJP of 'decay'
// decay: `g` (the JVP's temporary _t0 for its exp) depends on the state
// written in the loop; it is pushed once per iteration, at the end of the
// body, and popped first in reverse; g itself is recomputed from it.
// CHECK: _tape.reserve(tad::trips(0, steps) * (tad::trips(0, n) * 8 + 24));
// CHECK-NEXT: // line
// CHECK-NEXT: for (int t = 0; t < steps; ++t) {
// CHECK: _tape.push<double>(_t0);
// CHECK-NEXT: }
// CHECK: for (int t = steps - 1; t >= 0; --t) {
// CHECK-NEXT: const double _t0 = _tape.pop<double>();
// CHECK-NEXT: const double g = _t0;
#include "tad/tad.h"
#include <cmath>

TAD_VJP double project(const double *cam, const double *x, const int *idx,
                       int m) {
  double err = 0;
  for (int i = 0; i < m; ++i) {
    int c = 3 * idx[i];
    double p0 = x[c] - cam[0];
    double p1 = x[c + 1] - cam[1];
    double sq = p0 * p0 + p1 * p1 + cam[2] * cam[2];
    double theta = std::sqrt(sq);
    double u = std::sin(theta) * p0 / theta;
    double v = std::cos(theta) * p1;
    double q;
    if (sq > 1)
      q = u * v;
    else
      q = u + v;
    err += q * q + u * theta;
  }
  return err;
}

static void sweep(const double *a, double *b, int n) {
  for (int i = 1; i < n - 1; ++i)
    b[i] = 0.25 * a[i - 1] + 0.5 * a[i] + 0.25 * a[i + 1];
  b[0] = a[0];
  b[n - 1] = a[n - 1];
}

TAD_VJP double smooth(double *u, double *tmp, int n, int s) {
  for (int k = 0; k < s; k += 2) {
    sweep(u, tmp, n);
    sweep(tmp, u, n);
  }
  double r = 0;
  for (int i = 0; i < n; ++i)
    r += u[i] * u[i] * u[i];
  return r;
}

TAD_VJP double decay(double *state, const double *rate, int n, int steps) {
  for (int t = 0; t < steps; ++t) {
    const double g = std::exp(-state[0] * state[0]);
    for (int i = 0; i < n; ++i)
      state[i] = state[i] * g + rate[i] * g * g;
  }
  return state[n - 1];
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;
int main() {
  const int idx[4] = {1, 0, 2, 1};
  // project(cam[3], x[9]): scalar output, inputs only.
  auto P = [&](const Vec &v) {
    return Vec{project(v.data(), v.data() + 3, idx, 4)};
  };
  auto PV = [&](const Vec &v, const Vec &yb) {
    Vec g(12, 0.0);
    project_vjp(v.data(), v.data() + 3, idx, 4, yb[0], g.data(), g.data() + 3);
    return g;
  };
  auto PJ = [&](const Vec &x, const Vec &d) {
    return tad_test::centralDifference(P, x, d, 1e-6);
  };
  Vec P0{0.3, -0.2, 0.9, 0.5, 1.1, 0, -0.4, 0.2, 0, 0.7, 0.6, 0};
  Vec P1{0.1, 0.2, 0.1, 0.2, 0.3, 0, 0.1, 0.2, 0, 0.4, 0.1, 0};
  tad_test::checkVjp("project", PJ, PV, {P0, P1}, 1, 1e-7);

  // smooth(u[6], tmp[6]): u and tmp are in-out; outputs r, u, tmp.
  const int N = 6;
  auto S = [&](const Vec &v) {
    Vec w = v;
    double r = smooth(w.data(), w.data() + N, N, 4);
    Vec o{r};
    o.insert(o.end(), w.begin(), w.end());
    return o;
  };
  auto SV = [&](const Vec &v, const Vec &yb) {
    Vec w = v, ct(yb.begin() + 1, yb.end());
    smooth_vjp(w.data(), w.data() + N, N, 4, yb[0], ct.data(), ct.data() + N);
    return ct;
  };
  auto SJ = [&](const Vec &x, const Vec &d) {
    return tad_test::centralDifference(S, x, d, 1e-6);
  };
  Vec S0{0.3, -0.2, 0.5, 1, 2, 3, 0, 0, 0, 0, 0, 0};
  tad_test::checkVjp("smooth", SJ, SV, {S0}, 13, 1e-7);

  // decay(state[3], rate[3]); outputs the result and the state.
  auto D = [&](const Vec &v) {
    Vec w = v;
    double r = decay(w.data(), w.data() + 3, 3, 5);
    Vec o{r};
    o.insert(o.end(), w.begin(), w.begin() + 3);
    return o;
  };
  auto DV = [&](const Vec &v, const Vec &yb) {
    Vec w = v, ct(6, 0.0);
    for (int i = 0; i < 3; ++i)
      ct[i] = yb[1 + i];
    decay_vjp(w.data(), w.data() + 3, 3, 5, yb[0], ct.data(), ct.data() + 3);
    return ct;
  };
  auto DJ = [&](const Vec &x, const Vec &d) {
    return tad_test::centralDifference(D, x, d, 1e-6);
  };
  tad_test::checkVjp("decay", DJ, DV, {{0.4, -0.3, 0.8, 0.1, 0.2, -0.5}}, 4,
                     1e-7);
  return tad_test::report();
}
#endif
