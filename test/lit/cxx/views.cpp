// Structs of views: an LSTM cell whose weights are views into one flat
// parameter array (structs of pointers), as ML code in the ADBench style
// keeps them. A pointer member is an array, as a pointer parameter is:
// the tangent of `const Cell &cell` is a `const Cell &d_cell` whose
// pointers view the tangent array, the cotangent a `Cell *ct_cell` whose
// pointers view the cotangent array (accumulated into, as ct arrays are;
// through a const_cast where the members are `const double *`).
// Passed to helpers by const reference (inlined). JVP against central
// differences, VJP against JVP by the dot-product identity, with clang++,
// g++ and the plugin.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %cxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.asan && %t.asan
// RUN: FileCheck %s --input-file %t.inc
// CHECK: void lstm_step_jvp(const Cell &cell, const Cell &d_cell, const double *x,
// CHECK: void lstm_step_vjp(const Cell &cell, const double *x, double *h, double *c,
// CHECK-NEXT: Cell *ct_cell, double *ct_x, double *ct_h, double *ct_c);
// CHECK-LABEL: // VJP of 'lstm_step'
// CHECK: const_cast<double *>(ct_cell->f.W)[r_1 * n_1 + k] += ct_s * x[k];
#include "tad/tad.h"
#include <cmath>
struct Gate {
  const double *W; // n x n
  const double *b; // n
};
struct Cell {
  Gate f, i, o, c;
  int n;
};
static double sigmoid(double x) { return 1 / (1 + std::exp(-x)); }
static double affine(const Gate &g, const double *x, int n, int r) {
  double s = g.b[r];
  for (int k = 0; k < n; ++k)
    s += g.W[r * n + k] * x[k];
  return s;
}
TAD_JVP TAD_VJP void lstm_step(const Cell &cell, const double *x, double *h,
                               double *c) {
  int n = cell.n;
  double hn[8], cn[8];
  for (int r = 0; r < n; ++r) {
    double f = sigmoid(affine(cell.f, x, n, r) + h[r]);
    double i = sigmoid(affine(cell.i, x, n, r));
    double o = sigmoid(affine(cell.o, x, n, r));
    double g = std::tanh(affine(cell.c, x, n, r));
    cn[r] = f * c[r] + i * g;
    hn[r] = o * std::tanh(cn[r]);
  }
  for (int r = 0; r < n; ++r) {
    h[r] = hn[r];
    c[r] = cn[r];
  }
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

// The four gates' W (n x n) and b (n), one after the other in P.
static Cell views(const double *P, int n) {
  Gate *G[4];
  Cell C;
  G[0] = &C.f;
  G[1] = &C.i;
  G[2] = &C.o;
  G[3] = &C.c;
  for (int g = 0; g < 4; ++g) {
    G[g]->W = P + g * (n * n + n);
    G[g]->b = G[g]->W + n * n;
  }
  C.n = n;
  return C;
}

int main() {
  const int n = 3, NP = 4 * (n * n + n), NI = NP + 3 * n;
  // Inputs: parameters, x, h, c; outputs: h, c.
  auto F = [&](const Vec &a) {
    Vec h(a.begin() + NP + n, a.begin() + NP + 2 * n),
        c(a.begin() + NP + 2 * n, a.end());
    lstm_step(views(a.data(), n), a.data() + NP, h.data(), c.data());
    h.insert(h.end(), c.begin(), c.end());
    return h;
  };
  auto J = [&](const Vec &a, const Vec &d) {
    Vec h(a.begin() + NP + n, a.begin() + NP + 2 * n),
        c(a.begin() + NP + 2 * n, a.end()),
        dh(d.begin() + NP + n, d.begin() + NP + 2 * n),
        dc(d.begin() + NP + 2 * n, d.end());
    lstm_step_jvp(views(a.data(), n), views(d.data(), n), a.data() + NP,
                  d.data() + NP, h.data(), dh.data(), c.data(), dc.data());
    dh.insert(dh.end(), dc.begin(), dc.end());
    return dh;
  };
  auto V = [&](const Vec &a, const Vec &yb) {
    Vec h(a.begin() + NP + n, a.begin() + NP + 2 * n),
        c(a.begin() + NP + 2 * n, a.end()), ct(NI, 0.0);
    for (int k = 0; k < 2 * n; ++k)
      ct[NP + n + k] = yb[k];
    Cell CtCell = views(ct.data(), n);
    lstm_step_vjp(views(a.data(), n), a.data() + NP, h.data(), c.data(),
                  &CtCell, ct.data() + NP, ct.data() + NP + n,
                  ct.data() + NP + 2 * n);
    return ct;
  };
  std::vector<Vec> S = {tad_test::randomVec(NI, 1), tad_test::randomVec(NI, 2)};
  tad_test::checkJvp("lstm_step", F, J, S);
  tad_test::checkVjp("lstm_step", J, V, S, 2 * n);
  return tad_test::report();
}
#endif
