// switch with fall-through, break and default, lowered to a sequence of
// ifs on a constant copy of the condition (the fall-through made explicit):
// an element loop that switches on each element's kind, a piecewise
// material law with fall-through between cases, a switch in a callee, and
// a linear stencil with a switch over the boundary kind (transposed).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: FileCheck %s --input-file %t.inc
// CHECK: const int sw = kind[e];
// CHECK: if (sw == 2 || sw == 1) {
#include "tad/tad.h"
#include <cmath>

// Element energies of a 1-D mesh: kind 0 a linear spring, 1 and 2 a
// spring with a cubic term (2 also adds a bending term and falls into
// 1's), anything else a penalty.
TAD_JVP TAD_VJP double assemble(const double *u, const int *kind, int ne) {
  double energy = 0;
  for (int e = 0; e < ne; ++e) {
    double du = u[e + 1] - u[e];
    switch (kind[e]) {
    case 0:
      energy += 0.5 * du * du;
      break;
    case 2:
      energy += 0.1 * std::sin(u[e]) * du;
      [[fallthrough]];
    case 1: {
      double s = du * du;
      energy += 0.5 * s + 0.25 * s * s;
      break;
    }
    default:
      energy += 2.0 * std::exp(-du * du);
    }
  }
  return energy;
}

// A stress law by regime; regimes 3 and 4 share a tail, regime 0 returns
// early, default scales.
static double stress(double eps, int regime) {
  double s = eps;
  switch (regime) {
  case 0:
    return 0.0;
  case 3:
    s *= 2.0;
    [[fallthrough]];
  case 4:
    s = s * s + eps;
    break;
  default:
    s = std::tanh(3.0 * eps);
    break;
  }
  return s;
}

TAD_JVP TAD_VJP double law(double x, double y) {
  double total = 0;
  for (int r = 0; r < 6; ++r)
    total += stress(x * r - y, r) * (1.0 + 0.1 * r);
  switch (static_cast<int>(x > y) + 2 * static_cast<int>(x > 0)) {
  case 3:
    total += x * y;
    [[fallthrough]];
  case 2:
    total -= y;
    break;
  case 1:
  default:
    total += std::cos(x);
  }
  return total;
}

// Linear in u: a 1-D Laplacian with the boundary kind chosen by a switch.
TAD_LINEAR(u, y) void laplace(const double *u, double *y, int n, int bc) {
  for (int i = 1; i + 1 < n; ++i)
    y[i] = u[i - 1] - 2 * u[i] + u[i + 1];
  switch (bc) {
  case 0: // Dirichlet
    y[0] = u[0];
    y[n - 1] = u[n - 1];
    break;
  case 1: // Neumann
    y[0] = u[1] - u[0];
    y[n - 1] = u[n - 2] - u[n - 1];
    break;
  default: // periodic
    y[0] = u[n - 1] - 2 * u[0] + u[1];
    y[n - 1] = u[n - 2] - 2 * u[n - 1] + u[0];
  }
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;
int main() {
  const int ne = 6;
  const int kinds[ne] = {0, 1, 2, 3, 2, 0};
  auto F = [&](const Vec &u) { return Vec{assemble(u.data(), kinds, ne)}; };
  auto J = [&](const Vec &u, const Vec &d) {
    double t = 0;
    assemble_jvp(u.data(), d.data(), kinds, ne, &t);
    return Vec{t};
  };
  auto V = [&](const Vec &u, const Vec &yb) {
    Vec g(u.size(), 0.0);
    assemble_vjp(u.data(), kinds, ne, yb[0], g.data());
    return g;
  };
  std::vector<Vec> Us = {tad_test::randomVec(ne + 1, 1),
                         tad_test::randomVec(ne + 1, 2)};
  tad_test::checkJvp("assemble", F, J, Us);
  tad_test::checkVjp("assemble", J, V, Us, 1);
  tad_test::checkGradient(
      "assemble_grad", F,
      [&](const Vec &u) {
        Vec g(u.size(), 0.0);
        assemble_grad(u.data(), kinds, ne, g.data());
        return g;
      },
      Us);

  auto FL = [](const Vec &x) { return Vec{law(x[0], x[1])}; };
  auto JL = [](const Vec &x, const Vec &d) {
    double t = 0;
    law_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  auto VL = [](const Vec &x, const Vec &yb) {
    Vec g(2, 0.0);
    law_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
    return g;
  };
  // One point in each quadrant of the switch's condition.
  std::vector<Vec> Xs = {{0.7, 0.3}, {0.2, 0.9}, {-0.4, -0.8}, {-0.9, -0.1}};
  tad_test::checkJvp("law", FL, JL, Xs);
  tad_test::checkVjp("law", JL, VL, Xs, 1);
  tad_test::checkGradient(
      "law_grad", FL,
      [](const Vec &x) {
        Vec g(2, 0.0);
        law_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      Xs);

  // <w, L u> = <L^T w, u> for each boundary kind.
  const int n = 7;
  for (int bc = 0; bc < 3; ++bc) {
    Vec u = tad_test::randomVec(n, 10 + bc),
        w = tad_test::randomVec(n, 20 + bc);
    Vec y(n, 0.0), lu(n, 0.0), w2 = w;
    laplace(u.data(), y.data(), n, bc);
    laplace_transpose(lu.data(), w2.data(), n, bc);
    double l = 0, r = 0;
    for (int i = 0; i < n; ++i) {
      l += w[i] * y[i];
      r += lu[i] * u[i];
    }
    tad_test::expectNear("laplace_transpose", l, r, 1e-12);
  }
  return tad_test::report();
}
#endif
