// std::vector and std::array (README, "Containers"): parameters by
// reference (`const std::vector<double> &` an input, `std::vector<double> &`
// in-out; their tangents and cotangents are vectors of the same size),
// locals sized at their declaration or grown with push_back, std::array of
// fixed size, range-based for, element access (operator[], at, front,
// back, data) and size. Written as numerical code is: a log-sum-exp, an
// RK4 integrator with vector stages, an MLP layer that sizes its output, a
// chain of springs between std::array points, temporaries built with
// push_back, a per-sample hidden vector in a loop, a templated objective,
// helpers taking vectors or pointers into them, and locals sized by int
// expressions.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags 2>&1 | FileCheck %s --allow-empty --implicit-check-not=error:
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: FileCheck %s --check-prefix=GEN --input-file %t.inc
// GEN: double logsumexp_vjp(const std::vector<double> &x, double ct_return,
// GEN-NEXT: std::vector<double> &ct_x);
// GEN: std::vector<double> ct_e(e.size());
// GEN: ct_t.pop_back();
// GEN: sumsq_jvp(d_{{[0-9]+}}, q.data() + ik{{[_0-9]*}} * d_{{[0-9]+}}, d_q.data() + ik
#include "tad/tad.h"
#include <array>
#include <cmath>
#include <vector>

using Vec3 = std::array<double, 3>;

TAD_JVP TAD_VJP double logsumexp(const std::vector<double> &x) {
  double m = x[0];
  for (double v : x)
    m = std::fmax(m, v);
  std::vector<double> e(x.size());
  double s = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    e[i] = std::exp(x[i] - m);
    s += e[i];
  }
  return m + std::log(s);
}

static void rhs(const std::vector<double> &y, double k,
                std::vector<double> &dy) {
  std::size_t n = y.size();
  for (std::size_t i = 0; i < n; ++i)
    dy[i] = -k * y[i] + std::sin(y[(i + 1) % n]);
}

// One RK4 step of dy/dt = f(y), in place.
TAD_JVP TAD_VJP void rk4(std::vector<double> &y, double k, double h) {
  const std::size_t n = y.size();
  std::vector<double> k1(n), k2(n), k3(n), k4(n), t(n);
  rhs(y, k, k1);
  for (std::size_t i = 0; i < n; ++i)
    t[i] = y[i] + 0.5 * h * k1[i];
  rhs(t, k, k2);
  for (std::size_t i = 0; i < n; ++i)
    t[i] = y[i] + 0.5 * h * k2[i];
  rhs(t, k, k3);
  for (std::size_t i = 0; i < n; ++i)
    t[i] = y[i] + h * k3[i];
  rhs(t, k, k4);
  for (std::size_t i = 0; i < n; ++i)
    y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
}

// y = tanh(W x + b), W row-major; y is sized here.
TAD_JVP TAD_VJP void layer(const std::vector<double> &W,
                           const std::vector<double> &b,
                           const std::vector<double> &x,
                           std::vector<double> &y) {
  y.resize(b.size());
  for (std::size_t r = 0; r < b.size(); ++r) {
    double a = b[r];
    for (std::size_t c = 0; c < x.size(); ++c)
      a += W.at(r * x.size() + c) * x[c];
    y[r] = std::tanh(a);
  }
}

static double dist(const Vec3 &a, const Vec3 &b) {
  double s = 0;
  for (int i = 0; i < 3; ++i)
    s += (a[i] - b[i]) * (a[i] - b[i]);
  return std::sqrt(s);
}

TAD_JVP TAD_VJP double springs(const Vec3 &p, const Vec3 &q, double L) {
  Vec3 mid{};
  for (int i = 0; i < 3; ++i)
    mid[i] = 0.5 * (p[i] + q[i]);
  mid.back() += 0.1;
  double e1 = dist(p, mid) - L, e2 = dist(mid, q) - L;
  return e1 * e1 + e2 * e2 + mid.front() * mid[1];
}

// Temporaries built with push_back, then read and shrunk.
TAD_JVP TAD_VJP double grown(const std::vector<double> &x, int reps) {
  std::vector<double> t;
  t.reserve(x.size());
  for (int r = 0; r < reps; ++r)
    for (double v : x)
      t.push_back(v * v + r);
  t.pop_back();
  double s = 0;
  for (std::size_t i = 0; i < t.size(); ++i)
    s += std::sin(t[i]) * (i % 3 == 0 ? 2.0 : 1.0);
  return s;
}

static double total(const double *a, std::size_t n) {
  double s = 0;
  for (std::size_t i = 0; i < n; ++i)
    s += a[i];
  return s;
}

// A hidden vector per sample (its size a parameter), a helper taking a
// pointer into a vector.
TAD_JVP TAD_VJP double samples(const std::vector<double> &w,
                               const std::vector<double> &xs, int n) {
  double loss = 0;
  for (std::size_t s = 0; s + n <= xs.size(); s += n) {
    std::vector<double> h(n, 1.0);
    for (int i = 0; i < n; ++i)
      h[i] = std::tanh(w[i] * xs[s + i]) + h[i];
    loss += total(h.data(), h.size()) * total(xs.data() + s, n);
  }
  return loss;
}

template <typename T> TAD_JVP TAD_VJP T norm2(const std::vector<T> &v) {
  T s = 0;
  for (const T &x : v)
    s += x * x;
  return s;
}
template double norm2<double>(const std::vector<double> &);

// Copies, assignment, assign and clear.
TAD_JVP TAD_VJP double copies(const std::vector<double> &x,
                              std::vector<double> &out) {
  std::vector<double> a = x;
  for (double &v : a)
    v = v * v;
  std::vector<double> b;
  b = a;
  b.assign(x.size(), 0.5);
  for (std::size_t i = 0; i < b.size(); ++i)
    b[i] *= a[i] + x[i];
  out = b;
  out.push_back(a[0]);
  std::array<double, 2> c = {x[0], x[1]};
  c.fill(c[0] * c[1]);
  return c[0] + c[1] + b.back();
}

// Locals sized by an int expression and by a local int (the size was
// spelled `static_cast<size_type>(...)`, and the local dropped, so the
// output did not compile): a padded stencil.
TAD_JVP TAD_VJP double padded(const double *x, int n) {
  std::vector<double> t(n + 2);
  int m = n;
  std::vector<double> u(m);
  for (int i = 0; i < n; ++i) {
    t[i + 1] = x[i] * x[i];
    u[i] = std::sin(x[i]);
  }
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += (t[i] + t[i + 2]) * u[i];
  return s;
}

// A helper taking a struct (so it is inlined) passes a pointer into the
// vector it was given to another helper: the offset of the vector's data
// was printed `q + 0 + ik * d` (the vector, not its data), which did not
// compile. GMM's Wishart prior is written this way.
struct Weight {
  double g;
  int m;
};

static double sumsq(int n, const double *x) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += x[i] * x[i];
  return s;
}

static double prior(int d, int k, Weight w, const double *q) {
  double out = 0;
  for (int ik = 0; ik < k; ++ik)
    out += w.g * sumsq(d, &q[ik * d]) - w.m * q[ik * d];
  return out;
}

TAD_JVP TAD_VJP double wprior(const double *icf, int d, int k) {
  std::vector<double> q(d * k);
  for (int i = 0; i < d * k; ++i)
    q[i] = std::exp(icf[i]);
  return prior(d, k, Weight{0.5, 2}, q.data());
}

// A linear map of vectors (its transpose) and an invertible step on a
// vector's elements (its inverse modes): the loops run to x.size(), which
// the bodies' writes to elements leave alone.
TAD_LINEAR(x)
void smooth(const std::vector<double> &x, std::vector<double> &y) {
  for (std::size_t i = 0; i + 1 < x.size(); ++i)
    y[i] = x[i] + 2 * x[i + 1];
}
TAD_JVP TAD_IJVP TAD_INVERSE void cascade(std::vector<double> &x) {
  for (std::size_t i = 1; i < x.size(); ++i)
    x[i] += x[i - 1] * x[i - 1];
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;
int main() {
  std::vector<Vec> P5 = {tad_test::randomVec(5, 1), tad_test::randomVec(5, 2)};
  // logsumexp: R^5 -> R
  auto FL = [](const Vec &x) { return Vec{logsumexp(x)}; };
  auto JL = [](const Vec &x, const Vec &d) {
    double r = 0;
    logsumexp_jvp(x, d, &r);
    return Vec{r};
  };
  auto VL = [](const Vec &x, const Vec &yb) {
    Vec g(x.size(), 0.0);
    logsumexp_vjp(x, yb[0], g);
    return g;
  };
  tad_test::checkJvp("logsumexp", FL, JL, P5);
  tad_test::checkVjp("logsumexp", JL, VL, P5, 1);
  {
    Vec x = P5[0], g(5, 0.0);
    double m = *std::max_element(x.begin(), x.end()), s = 0;
    for (double v : x)
      s += std::exp(v - m);
    logsumexp_grad(x, g);
    for (int i = 0; i < 5; ++i) // the softmax
      tad_test::expectNear("logsumexp softmax", g[i], std::exp(x[i] - m) / s,
                           1e-12);
  }

  // rk4: (y[4], k) -> y
  auto FR = [](const Vec &a) {
    Vec y(a.begin(), a.end() - 1);
    rk4(y, a.back(), 0.1);
    return y;
  };
  auto JR = [](const Vec &a, const Vec &d) {
    Vec y(a.begin(), a.end() - 1), dy(d.begin(), d.end() - 1);
    rk4_jvp(y, dy, a.back(), d.back(), 0.1, 0.0);
    return dy;
  };
  auto VR = [](const Vec &a, const Vec &yb) {
    Vec y(a.begin(), a.end() - 1), cy = yb;
    double ck = 0, ch = 0;
    rk4_vjp(y, a.back(), 0.1, cy, &ck, &ch);
    cy.push_back(ck);
    return cy;
  };
  std::vector<Vec> P4 = {tad_test::randomVec(5, 3), tad_test::randomVec(5, 4)};
  tad_test::checkJvp("rk4", FR, JR, P4);
  tad_test::checkVjp("rk4", JR, VR, P4, 4);

  // layer: (W[3x4], b[3], x[4]) -> y[3], y given empty
  auto split = [](const Vec &a, Vec &W, Vec &b, Vec &x) {
    W.assign(a.begin(), a.begin() + 12);
    b.assign(a.begin() + 12, a.begin() + 15);
    x.assign(a.begin() + 15, a.end());
  };
  auto FY = [&](const Vec &a) {
    Vec W, b, x, y;
    split(a, W, b, x);
    layer(W, b, x, y);
    return y;
  };
  auto JY = [&](const Vec &a, const Vec &d) {
    Vec W, b, x, dW, db, dx, y, dy;
    split(a, W, b, x);
    split(d, dW, db, dx);
    layer_jvp(W, dW, b, db, x, dx, y, dy);
    if (y.size() != 3 || dy.size() != 3)
      std::printf("FAIL layer_jvp: sizes %zu %zu\n", y.size(), dy.size());
    return dy;
  };
  auto VY = [&](const Vec &a, const Vec &yb) {
    Vec W, b, x, y;
    split(a, W, b, x);
    Vec cW(12, 0.0), cb(3, 0.0), cx(4, 0.0), cy = yb;
    layer_vjp(W, b, x, y, cW, cb, cx, cy);
    Vec g = cW;
    g.insert(g.end(), cb.begin(), cb.end());
    g.insert(g.end(), cx.begin(), cx.end());
    return g;
  };
  std::vector<Vec> P19 = {tad_test::randomVec(19, 5),
                          tad_test::randomVec(19, 6)};
  tad_test::checkJvp("layer", FY, JY, P19);
  tad_test::checkVjp("layer", JY, VY, P19, 3);

  // springs: (p, q, L) -> R
  auto asV3 = [](const Vec &a, int o) {
    return Vec3{a[o], a[o + 1], a[o + 2]};
  };
  auto FS = [&](const Vec &a) {
    return Vec{springs(asV3(a, 0), asV3(a, 3), a[6])};
  };
  auto JS = [&](const Vec &a, const Vec &d) {
    double r = 0;
    springs_jvp(asV3(a, 0), asV3(d, 0), asV3(a, 3), asV3(d, 3), a[6], d[6], &r);
    return Vec{r};
  };
  auto VS = [&](const Vec &a, const Vec &yb) {
    Vec3 cp{}, cq{};
    double cL = 0;
    springs_vjp(asV3(a, 0), asV3(a, 3), a[6], yb[0], cp, cq, &cL);
    return Vec{cp[0], cp[1], cp[2], cq[0], cq[1], cq[2], cL};
  };
  std::vector<Vec> P7 = {tad_test::randomVec(7, 7), tad_test::randomVec(7, 8)};
  tad_test::checkJvp("springs", FS, JS, P7);
  tad_test::checkVjp("springs", JS, VS, P7, 1);

  // grown: x -> R (x[4], reps 3)
  auto FG = [](const Vec &x) { return Vec{grown(x, 3)}; };
  auto JG = [](const Vec &x, const Vec &d) {
    double r = 0;
    grown_jvp(x, d, 3, &r);
    return Vec{r};
  };
  auto VG = [](const Vec &x, const Vec &yb) {
    Vec g(x.size(), 0.0);
    grown_vjp(x, 3, yb[0], g);
    return g;
  };
  tad_test::checkJvp("grown", FG, JG, P4);
  tad_test::checkVjp("grown", JG, VG, P4, 1);

  // samples: (w[3], xs[9]) -> R
  auto FM = [](const Vec &a) {
    Vec w(a.begin(), a.begin() + 3), xs(a.begin() + 3, a.end());
    return Vec{samples(w, xs, 3)};
  };
  auto JM = [](const Vec &a, const Vec &d) {
    Vec w(a.begin(), a.begin() + 3), xs(a.begin() + 3, a.end());
    Vec dw(d.begin(), d.begin() + 3), dxs(d.begin() + 3, d.end());
    double r = 0;
    samples_jvp(w, dw, xs, dxs, 3, &r);
    return Vec{r};
  };
  auto VM = [](const Vec &a, const Vec &yb) {
    Vec w(a.begin(), a.begin() + 3), xs(a.begin() + 3, a.end());
    Vec cw(3, 0.0), cxs(9, 0.0);
    samples_vjp(w, xs, 3, yb[0], cw, cxs);
    cw.insert(cw.end(), cxs.begin(), cxs.end());
    return cw;
  };
  std::vector<Vec> P12 = {tad_test::randomVec(12, 9),
                          tad_test::randomVec(12, 10)};
  tad_test::checkJvp("samples", FM, JM, P12);
  tad_test::checkVjp("samples", JM, VM, P12, 1);

  // padded: x[5] -> R
  auto FP = [](const Vec &a) { return Vec{padded(a.data(), 5)}; };
  auto JP = [](const Vec &a, const Vec &d) {
    double r = 0;
    padded_jvp(a.data(), d.data(), 5, &r);
    return Vec{r};
  };
  auto VP = [](const Vec &a, const Vec &yb) {
    Vec c(5, 0.0);
    padded_vjp(a.data(), 5, yb[0], c.data());
    return c;
  };
  std::vector<Vec> P5b = {tad_test::randomVec(5, 11),
                          tad_test::randomVec(5, 12)};
  tad_test::checkJvp("padded", FP, JP, P5b);
  tad_test::checkVjp("padded", JP, VP, P5b, 1);

  // wprior: icf[6] -> R (d = 3, k = 2)
  auto FW = [](const Vec &a) { return Vec{wprior(a.data(), 3, 2)}; };
  auto JW = [](const Vec &a, const Vec &d) {
    double r = 0;
    wprior_jvp(a.data(), d.data(), 3, 2, &r);
    return Vec{r};
  };
  auto VW = [](const Vec &a, const Vec &yb) {
    Vec c(6, 0.0);
    wprior_vjp(a.data(), 3, 2, yb[0], c.data());
    return c;
  };
  std::vector<Vec> P6w = {tad_test::randomVec(6, 13),
                          tad_test::randomVec(6, 14)};
  tad_test::checkJvp("wprior", FW, JW, P6w);
  tad_test::checkVjp("wprior", JW, VW, P6w, 1);

  // norm2<double>
  auto FN = [](const Vec &x) { return Vec{norm2(x)}; };
  auto JN = [](const Vec &x, const Vec &d) {
    double r = 0;
    norm2_double_jvp(x, d, &r);
    return Vec{r};
  };
  auto VN = [](const Vec &x, const Vec &yb) {
    Vec g(x.size(), 0.0);
    norm2_double_vjp(x, yb[0], g);
    return g;
  };
  tad_test::checkJvp("norm2", FN, JN, P5);
  tad_test::checkVjp("norm2", JN, VN, P5, 1);

  // copies: x[4] -> (r, out[5])
  auto FC = [](const Vec &x) {
    Vec out;
    double r = copies(x, out);
    out.insert(out.begin(), r);
    return out;
  };
  auto JC = [](const Vec &x, const Vec &d) {
    Vec out, dout;
    double r = 0;
    copies_jvp(x, d, out, dout, &r);
    dout.insert(dout.begin(), r);
    return dout;
  };
  auto VC = [](const Vec &x, const Vec &yb) {
    Vec out, g(x.size(), 0.0), cout(yb.begin() + 1, yb.end());
    copies_vjp(x, out, yb[0], g, cout);
    return g;
  };
  tad_test::checkJvp("copies", FC, JC, P4);
  tad_test::checkVjp("copies", JC, VC, P4, 7);

  // smooth: <y, A x> = <A^T y, x>
  {
    Vec x = tad_test::randomVec(6, 11), yb = tad_test::randomVec(5, 12);
    Vec y(5, 0.0), xt(6, 0.0), ybt = yb;
    smooth(x, y);
    smooth_transpose(xt, ybt);
    double l = 0, r = 0;
    for (int i = 0; i < 5; ++i)
      l += yb[i] * y[i];
    for (int i = 0; i < 6; ++i)
      r += xt[i] * x[i];
    tad_test::expectNear("smooth transpose", l, r, 1e-12);
  }
  // cascade: f^-1(f(u)) = u, and J^-1 (J v) = v
  {
    Vec u = tad_test::randomVec(5, 13), x = u;
    cascade(x);
    cascade_inverse(x);
    for (int i = 0; i < 5; ++i)
      tad_test::expectNear("cascade inverse", x[i], u[i], 1e-12);
    Vec v = tad_test::randomVec(5, 14), y = u, dv = v;
    cascade_jvp(y, dv);
    Vec z = u;
    cascade_ijvp(z, dv);
    for (int i = 0; i < 5; ++i)
      tad_test::expectNear("cascade ijvp", dv[i], v[i], 1e-12);
  }
  return tad_test::report();
}
#endif
