// A 1-D finite-element assembly (issue 14's corpus), written as a
// structural engineer writes it: an array of `Element` structs with an
// `int kind`, node indices and a cross-section, a `switch` over the kinds
// (a linear bar, an isoparametric quadratic bar with 2-point Gauss
// quadrature, a hardening spring), a `Material` by const reference, the
// element stiffness matrix in a local `double ke[3][3]`, the element
// force scattered into the global residual by a lambda, the strain energy
// accumulated; the residual is the gradient of the energy in u, which the
// test checks too. Checked: JVP against central differences, VJP against
// JVP by the dot-product identity, the energy's gradient against
// differences and against the residual; clang++, g++, the plugin, and
// clang++ with ASan and UBSan.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %cxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.asan && %t.asan
// RUN: FileCheck %s --input-file %t.inc
// CHECK: double strain_energy_jvp(const Element *els, const Element *d_els, int ne,
// CHECK-NEXT: const Material &mat, const Material &d_mat,
// CHECK: void residual_vjp(const Element *els, int ne, const Material &mat,
// CHECK-NEXT: const double *X, const double *u, const double *f, int nn,
// CHECK-NEXT: double *r, Element *ct_els, Material *ct_mat, double *ct_X,
#include "tad/tad.h"
#include <cmath>

enum ElementKind { kLinearBar = 0, kQuadraticBar = 1, kSpring = 2 };

struct Material {
  double E;  // Young's modulus
  double k;  // spring stiffness
  double k3; // cubic hardening of the springs
};

// Three named indices (written when `int nodes[3];` in an array of
// structs was refused; cxx/struct-array-members.cpp has such members now).
struct Element {
  int kind;
  int n0, n1, n2; // n1 the middle node of a quadratic bar
  double area = 1.0;
};

// Derivatives of the quadratic shape functions on [-1, 1].
static void dshape(double xi, double *dN) {
  dN[0] = xi - 0.5;
  dN[1] = -2.0 * xi;
  dN[2] = xi + 0.5;
}

TAD_JVP TAD_VJP double strain_energy(const Element *els, int ne,
                                     const Material &mat, const double *X,
                                     const double *u, const double *f, int nn) {
  static const double gauss[2] = {-0.57735026918962576, 0.57735026918962576};
  double W = 0;
  for (int e = 0; e < ne; ++e) {
    const Element &el = els[e];
    switch (el.kind) {
    case kLinearBar: {
      double L = X[el.n1] - X[el.n0];
      double eps = (u[el.n1] - u[el.n0]) / L;
      W += 0.5 * mat.E * el.area * L * eps * eps;
      break;
    }
    case kQuadraticBar: {
      const int nodes[3] = {el.n0, el.n1, el.n2};
      for (int g = 0; g < 2; ++g) {
        double dN[3];
        dshape(gauss[g], dN);
        double J = 0, dudxi = 0;
        for (int a = 0; a < 3; ++a) {
          J += dN[a] * X[nodes[a]];
          dudxi += dN[a] * u[nodes[a]];
        }
        double eps = dudxi / J;
        W += 0.5 * mat.E * el.area * eps * eps * J; // weight 1
      }
      break;
    }
    case kSpring: {
      double d = u[el.n1] - u[el.n0];
      W += 0.5 * mat.k * d * d + 0.25 * mat.k3 * d * d * d * d;
      break;
    }
    default:
      break;
    }
  }
  for (int i = 0; i < nn; ++i)
    W -= f[i] * u[i];
  return W;
}

// r = K(u) u - f, element by element.
TAD_JVP TAD_VJP void residual(const Element *els, int ne, const Material &mat,
                              const double *X, const double *u, const double *f,
                              int nn, double *r) {
  static const double gauss[2] = {-0.57735026918962576, 0.57735026918962576};
  for (int i = 0; i < nn; ++i)
    r[i] = -f[i];
  auto scatter = [&](int node, double v) { r[node] += v; };
  for (int e = 0; e < ne; ++e) {
    const Element &el = els[e];
    double ke[3][3] = {};
    int dof[3] = {el.n0, el.n1, el.n2};
    int n = 2;
    switch (el.kind) {
    case kLinearBar: {
      double L = X[el.n1] - X[el.n0];
      double s = mat.E * el.area / L;
      ke[0][0] = s;
      ke[0][1] = -s;
      ke[1][0] = -s;
      ke[1][1] = s;
      break;
    }
    case kQuadraticBar:
      n = 3;
      for (int g = 0; g < 2; ++g) {
        double dN[3];
        dshape(gauss[g], dN);
        double J = 0;
        for (int a = 0; a < 3; ++a)
          J += dN[a] * X[dof[a]];
        for (int a = 0; a < 3; ++a)
          for (int b = 0; b < 3; ++b)
            ke[a][b] += mat.E * el.area * dN[a] * dN[b] / J;
      }
      break;
    case kSpring: {
      // the secant stiffness of the hardening spring
      double d = u[el.n1] - u[el.n0];
      double s = mat.k + mat.k3 * d * d;
      // Workaround: the chained `ke[0][0] = ke[1][1] = s;` is refused
      // ("assignment inside an expression is not supported"); one each.
      ke[0][0] = s;
      ke[1][1] = s;
      ke[0][1] = -s;
      ke[1][0] = -s;
      break;
    }
    }
    for (int a = 0; a < n; ++a) {
      double fa = 0;
      for (int b = 0; b < n; ++b)
        fa += ke[a][b] * u[dof[b]];
      scatter(dof[a], fa);
    }
  }
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  const int nn = 7, ne = 6;
  Element mesh[ne] = {
      {kLinearBar, 0, 1, -1, 2.0}, {kQuadraticBar, 1, 2, 3, 1.5},
      {kSpring, 3, 4, -1},         {kQuadraticBar, 4, 5, 6, 0.8},
      {kSpring, 0, 6, -1},         {kLinearBar, 2, 5, -1, 0.5}};
  const double f[nn] = {0.0, 0.3, -0.2, 0.5, 0.1, -0.4, 0.2};
  const double zero[nn] = {};
  double sink[nn] = {};
  const double X0[nn] = {0.0, 1.0, 1.45, 2.0, 2.6, 3.05, 3.4};
  // a = X | u | areas | E, k, k3
  const int N = 2 * nn + ne + 3;
  auto load = [&](const Vec &a, Element *els, Material &mat) {
    for (int e = 0; e < ne; ++e) {
      els[e] = mesh[e];
      els[e].area = a[2 * nn + e];
    }
    mat = {a[N - 3], a[N - 2], a[N - 1]};
  };
  auto store = [&](const double *cX, const double *cu, const Element *cels,
                   const Material &cm) {
    Vec r(cX, cX + nn);
    r.insert(r.end(), cu, cu + nn);
    for (int e = 0; e < ne; ++e)
      r.push_back(cels[e].area);
    r.insert(r.end(), {cm.E, cm.k, cm.k3});
    return r;
  };
  std::vector<Vec> S;
  for (unsigned seed = 1; seed <= 3; ++seed) {
    Vec a = tad_test::randomVec(N, seed);
    for (int i = 0; i < nn; ++i)
      a[i] = X0[i] + 0.05 * a[i];
    for (int e = 0; e < ne; ++e)
      a[2 * nn + e] = mesh[e].area * (1 + 0.2 * a[2 * nn + e]);
    a[N - 3] = 2.0 + a[N - 3];
    a[N - 2] = 3.0 + a[N - 2];
    a[N - 1] = 0.5 + 0.3 * a[N - 1];
    S.push_back(a);
  }

  { // strain_energy: (X, u, areas, mat) -> W
    auto F = [&](const Vec &a) {
      Element els[ne];
      Material mat;
      load(a, els, mat);
      return Vec{strain_energy(els, ne, mat, a.data(), a.data() + nn, f, nn)};
    };
    auto J = [&](const Vec &a, const Vec &d) {
      Element els[ne], dels[ne];
      Material mat, dmat;
      load(a, els, mat);
      load(d, dels, dmat);
      double dW = 0;
      strain_energy_jvp(els, dels, ne, mat, dmat, a.data(), d.data(),
                        a.data() + nn, d.data() + nn, f, zero, nn, &dW);
      return Vec{dW};
    };
    auto G = [&](const Vec &a, double yb) {
      Element els[ne], cels[ne];
      Material mat, cm{0, 0, 0};
      load(a, els, mat);
      for (Element &c : cels)
        c.area = 0;
      double cX[nn] = {}, cu[nn] = {};
      if (yb == 1)
        strain_energy_grad(els, ne, mat, a.data(), a.data() + nn, f, nn, cels,
                           &cm, cX, cu, sink);
      else
        strain_energy_vjp(els, ne, mat, a.data(), a.data() + nn, f, nn, yb,
                          cels, &cm, cX, cu, sink);
      return store(cX, cu, cels, cm);
    };
    tad_test::checkJvp("strain_energy", F, J, S);
    tad_test::checkVjp(
        "strain_energy", J,
        [&](const Vec &a, const Vec &yb) { return G(a, yb[0]); }, S, 1);
    tad_test::checkGradient(
        "strain_energy", F, [&](const Vec &a) { return G(a, 1); }, S);

    // The residual is the energy's gradient in u.
    for (const Vec &a : S) {
      Element els[ne];
      Material mat;
      load(a, els, mat);
      double r[nn];
      residual(els, ne, mat, a.data(), a.data() + nn, f, nn, r);
      Vec g = G(a, 1);
      for (int i = 0; i < nn; ++i)
        tad_test::expectNear("residual = dW/du", r[i], g[nn + i], 1e-12);
    }
  }

  { // residual: (X, u, areas, mat) -> r
    auto F = [&](const Vec &a) {
      Element els[ne];
      Material mat;
      load(a, els, mat);
      Vec r(nn);
      residual(els, ne, mat, a.data(), a.data() + nn, f, nn, r.data());
      return r;
    };
    auto J = [&](const Vec &a, const Vec &d) {
      Element els[ne], dels[ne];
      Material mat, dmat;
      load(a, els, mat);
      load(d, dels, dmat);
      Vec r(nn), dr(nn, 0.0);
      residual_jvp(els, dels, ne, mat, dmat, a.data(), d.data(), a.data() + nn,
                   d.data() + nn, f, zero, nn, r.data(), dr.data());
      return dr;
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Element els[ne], cels[ne];
      Material mat, cm{0, 0, 0};
      load(a, els, mat);
      for (Element &c : cels)
        c.area = 0;
      double cX[nn] = {}, cu[nn] = {};
      Vec r(nn), cr = yb;
      residual_vjp(els, ne, mat, a.data(), a.data() + nn, f, nn, r.data(), cels,
                   &cm, cX, cu, sink, cr.data());
      return store(cX, cu, cels, cm);
    };
    tad_test::checkJvp("residual", F, J, S);
    tad_test::checkVjp("residual", J, V, S, nn);
  }
  return tad_test::report();
}
#endif
