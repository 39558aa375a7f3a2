// Templates, as ADBench- and GradBench-style objectives are written: tad
// differentiates the instantiations of a function template, each as a
// function named after its template arguments (sq<double> is 'sq_double',
// its JVP 'sq_double_jvp'; power<3> is 'power_3'; shift<-1> is
// 'shift_m1'), and calls the primal as `sq<double>(x)`. An annotated
// template has its derivatives generated for each instantiation the file
// makes: by an explicit instantiation (objective, for double and float) or
// by a use (logsumexp). A class template instantiation (Vec<double, 3>) is
// a struct, spelled in full, its member functions followed as members.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: FileCheck %s --input-file %t.inc
// CHECK: double helpers_jvp(double x, double d_x, double y, double d_y,
// CHECK-NEXT: double *d_return);
// CHECK: double spec_double_jvp(double x, double d_x, double *d_return);
// CHECK: double objective_double_jvp(const double *x, const double *d_x, int n,
// CHECK-NEXT: double *d_return);
// CHECK-NEXT: double objective_double_vjp(const double *x, int n, double ct_return,
// CHECK-NEXT: double *ct_x);
// CHECK-NEXT: float objective_float_jvp(const float *x, const float *d_x, int n,
// CHECK-NEXT: float *d_return);
// CHECK-NEXT: float objective_float_vjp(const float *x, int n, float ct_return, float *ct_x);
// CHECK-NEXT: double logsumexp_double_vjp(const double *x, int n, double ct_return,
// CHECK-NEXT: double *ct_x);
// CHECK-NEXT: double energy_jvp(const Vec<double, 3> &a, const Vec<double, 3> &d_a,
// CHECK-NEXT: const Vec<double, 3> &b, const Vec<double, 3> &d_b,
// CHECK-NEXT: double *d_return);
// CHECK-NEXT: double energy_vjp(const Vec<double, 3> &a, const Vec<double, 3> &b,
// CHECK-NEXT: double ct_return, Vec<double, 3> *ct_a, Vec<double, 3> *ct_b);
// CHECK-NEXT: float leaky_jvp(float x, float d_x, float *d_return);
// CHECK: double sq_double_jvp(double x, double d_x, double *d_return);
// CHECK: double power_3_jvp(double x, double d_x, double *d_return);
// CHECK: double shift_m1_jvp(double x, double d_x, double *d_return);
// CHECK: double power_3_vjp(double x, double ct_return, double *ct_x);
// CHECK: namespace ml {
// CHECK-NEXT: float relu_float_jvp(float x, float d_x, float *d_return);
// CHECK-LABEL: // JVP of 'helpers'
// CHECK: const double _t2 = power_3_jvp(y, d_y, &_d_t2);
// CHECK-LABEL: // VJP of 'helpers'
// CHECK: const double _t0 = sq<double>(x);
// CHECK: const double _t2 = power<3>(y);
// CHECK: const double _t3 = shift<-1>(y);
// CHECK-LABEL: // JVP of 'objective_double'
// CHECK-LABEL: // VJP of 'objective_float'
// CHECK: const float _t0 = sq<float>(x[i]);
// CHECK-LABEL: // JVP of 'energy'
// CHECK: Vec<double, 3> c = {};
// CHECK-LABEL: // JVP of 'leaky'
// CHECK: ml::relu_float_jvp(x * 2, d_x * 2, &_d_t0);
#include "tad/tad.h"
#include <cmath>

// Helpers called from annotated code: deduced, explicit, a non-type
// argument (its uses in the body are the number: `i < 3`).
template <typename T> T sq(T x) { return x * x; }
template <int N> double power(double x) {
  double p = 1;
  for (int i = 0; i < N; ++i)
    p *= x;
  return p;
}
template <int K> double shift(double x) { return x * x + K; }
TAD_JVP TAD_VJP double helpers(double x, double y) {
  return sq(x) + sq<double>(x * y) + power<3>(y) + shift<-1>(y);
}

// An explicit specialization is the user's function: annotated itself.
template <typename T> T spec(T x) { return x; }
template <> TAD_JVP double spec<double>(double x) { return std::sin(x); }

// An annotated objective: a least-squares (Rosenbrock) residual sum, for
// double and float by explicit instantiation.
template <typename T> TAD_JVP TAD_VJP T objective(const T *x, int n) {
  T s = 0;
  for (int i = 0; i + 1 < n; ++i) {
    T r = x[i + 1] - sq(x[i]);
    s += T(100) * sq(r) + sq(T(1) - x[i]);
  }
  return s;
}
template double objective<double>(const double *, int);
template float objective<float>(const float *, int);

// Instantiated by a use.
template <typename T> TAD_VJP T logsumexp(const T *x, int n) {
  T m = x[0];
  for (int i = 1; i < n; ++i)
    m = std::fmax(m, x[i]);
  T s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(x[i] - m);
  return m + std::log(s);
}
double lse(const double *x, int n) { return logsumexp(x, n); }

// A class template with member functions, and a function template over it.
template <typename T, int N> struct Vec {
  T v[N];
  T dot(const Vec &o) const {
    T s = 0;
    for (int i = 0; i < N; ++i)
      s += v[i] * o.v[i];
    return s;
  }
  T norm2() const { return dot(*this); }
};
template <typename T, int N> T vdist(const Vec<T, N> &a, const Vec<T, N> &b) {
  Vec<T, N> c;
  for (int i = 0; i < N; ++i)
    c.v[i] = a.v[i] - b.v[i];
  return std::sqrt(c.norm2());
}
TAD_JVP TAD_VJP double energy(const Vec<double, 3> &a,
                              const Vec<double, 3> &b) {
  Vec<double, 3> c;
  for (int i = 0; i < 3; ++i)
    c.v[i] = a.v[i] * b.v[i];
  return c.norm2() + std::sin(a.dot(b)) + vdist(a, b);
}

namespace ml {
template <class T> T relu(T x) { return x > 0 ? x : T(0.1) * x; }
} // namespace ml
TAD_JVP float leaky(float x) { return ml::relu<float>(x * 2); }

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using RVec = tad_test::Vec;

int main() {
  std::vector<RVec> P2 = {{0.3, -0.7}, {1.1, 0.4}};
  { // helpers: (x, y) -> r
    auto F = [](const RVec &a) { return RVec{helpers(a[0], a[1])}; };
    auto J = [](const RVec &a, const RVec &d) {
      double r = 0;
      helpers_jvp(a[0], d[0], a[1], d[1], &r);
      return RVec{r};
    };
    auto V = [](const RVec &a, const RVec &yb) {
      double cx = 0, cy = 0;
      helpers_vjp(a[0], a[1], yb[0], &cx, &cy);
      return RVec{cx, cy};
    };
    tad_test::checkJvp("helpers", F, J, P2);
    tad_test::checkVjp("helpers", J, V, P2, 1);
  }
  for (double x : {0.3, -1.2}) { // spec<double>, the user's specialization
    double d = 0;
    tad_test::expectNear("spec", spec_double_jvp(x, 1.0, &d), std::sin(x), 0);
    tad_test::expectNear("spec derivative", d, std::cos(x), 1e-15);
  }
  static constexpr int n = 5;
  std::vector<RVec> P5 = {tad_test::randomVec(n, 1), tad_test::randomVec(n, 2)};
  { // objective<double>: (x) -> s
    auto F = [](const RVec &a) { return RVec{objective(a.data(), n)}; };
    auto J = [](const RVec &a, const RVec &d) {
      double r = 0;
      objective_double_jvp(a.data(), d.data(), n, &r);
      return RVec{r};
    };
    auto V = [](const RVec &a, const RVec &yb) {
      RVec c(n, 0.0);
      objective_double_vjp(a.data(), n, yb[0], c.data());
      return c;
    };
    tad_test::checkJvp("objective<double>", F, J, P5);
    tad_test::checkVjp("objective<double>", J, V, P5, 1);
  }
  { // objective<float>, against the double derivatives
    for (const RVec &a : P5) {
      float x[n], dx[n], cx[n] = {0};
      RVec d = tad_test::randomVec(n, 3), c(n, 0.0);
      for (int i = 0; i < n; ++i) {
        x[i] = static_cast<float>(a[i]);
        dx[i] = static_cast<float>(d[i]);
      }
      double want = 0;
      float got = 0;
      objective_double_jvp(a.data(), d.data(), n, &want);
      float s = objective_float_jvp(x, dx, n, &got);
      tad_test::expectNear("objective<float> value", s, objective(a.data(), n),
                           1e-3);
      tad_test::expectNear("objective<float> jvp", got, want,
                           1e-4 * (1 + std::fabs(want)));
      objective_double_vjp(a.data(), n, 1.0, c.data());
      objective_float_vjp(x, n, 1.0f, cx);
      for (int i = 0; i < n; ++i)
        tad_test::expectNear("objective<float> vjp", cx[i], c[i],
                             1e-4 * (1 + std::fabs(c[i])));
    }
  }
  { // logsumexp<double>: its VJP is the softmax
    for (const RVec &a : P5) {
      RVec c(n, 0.0);
      double r = logsumexp_double_vjp(a.data(), n, 1.0, c.data());
      tad_test::expectNear("logsumexp value", r, lse(a.data(), n), 1e-15);
      for (int i = 0; i < n; ++i)
        tad_test::expectNear("logsumexp softmax", c[i], std::exp(a[i] - r),
                             1e-14);
    }
  }
  { // energy: (a, b) -> e, Vec<double, 3> by const reference
    auto load = [](const double *p) {
      Vec<double, 3> v = {{p[0], p[1], p[2]}};
      return v;
    };
    auto F = [&](const RVec &x) {
      return RVec{energy(load(x.data()), load(x.data() + 3))};
    };
    auto J = [&](const RVec &x, const RVec &d) {
      double r = 0;
      energy_jvp(load(x.data()), load(d.data()), load(x.data() + 3),
                 load(d.data() + 3), &r);
      return RVec{r};
    };
    auto V = [&](const RVec &x, const RVec &yb) {
      Vec<double, 3> ca = {{0, 0, 0}}, cb = {{0, 0, 0}};
      energy_vjp(load(x.data()), load(x.data() + 3), yb[0], &ca, &cb);
      return RVec{ca.v[0], ca.v[1], ca.v[2], cb.v[0], cb.v[1], cb.v[2]};
    };
    std::vector<RVec> P6 = {tad_test::randomVec(6, 4),
                            tad_test::randomVec(6, 5)};
    tad_test::checkJvp("energy", F, J, P6);
    tad_test::checkVjp("energy", J, V, P6, 1);
  }
  { // leaky: ml::relu<float>
    for (float x : {0.5f, -0.5f}) {
      float d = 0;
      leaky_jvp(x, 1.0f, &d);
      tad_test::expectNear("leaky", d, x > 0 ? 2.0 : 0.2, 1e-6);
    }
  }
  return tad_test::report();
}
#endif
