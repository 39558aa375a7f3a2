// Regressions found by writing programs as users do (issue 14's corpus):
// an operator called on the reference a member returns (`b.pos() += d`)
// was applied to a copy and lost; a `const S &` captured by value was
// declared a reference; parenthesised struct values and braced
// temporaries passed to helpers were refused. JVP against central
// differences, VJP by the dot-product identity, the value itself.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: FileCheck %s --input-file %t.inc
// CHECK-LABEL: // JVP of 'f'
// CHECK: d_b.p.x += d_d.x;
// CHECK-NEXT: b.p.x += d.x;
#include "tad/tad.h"
struct V {
  double x;
  V &operator+=(const V &o) {
    x += o.x;
    return *this;
  }
  V &scale(double s) {
    x *= s;
    return *this;
  }
};
struct B {
  V p;
  V &pos() { return p; }
};
TAD_JVP TAD_VJP void f(B &b, const V &d) { b.pos() += d; }

struct G {
  double x, y;
};
TAD_JVP double g(const G &g, double s) {
  auto h = [g](double t) { return t * g.x + g.y; };
  return h(s);
}
struct Q {
  double w;
  Q operator*(const Q &o) const { return {w * o.w}; }
  double n() const { return w; }
};
TAD_JVP double q(Q a, Q b) {
  Q r = (a * b);
  r = (a * b);
  return (a * b).n() + r.n();
}
static double use(const G &g) { return g.x * g.y; }
TAD_JVP double br(double a) { return use({a, 2 * a}) + use(G{a, a}); }
#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;
int main() {
  std::vector<Vec> S = {{0.3, 0.7}, {-1.2, 0.4}};
  {
    auto F = [](const Vec &a) {
      B b{{a[0]}};
      f(b, V{a[1]});
      return Vec{b.p.x};
    };
    auto J = [](const Vec &a, const Vec &d) {
      B b{{a[0]}}, db{{d[0]}};
      f_jvp(b, db, V{a[1]}, V{d[1]});
      return Vec{db.p.x};
    };
    auto Vj = [](const Vec &a, const Vec &y) {
      B b{{a[0]}}, cb{{y[0]}};
      V cd{0};
      f_vjp(b, V{a[1]}, cb, &cd);
      return Vec{cb.p.x, cd.x};
    };
    tad_test::checkJvp("f", F, J, S);
    tad_test::checkVjp("f", J, Vj, S, 1);
    B b{{1}};
    f(b, V{2});
    B b2{{1}}, db{{1}};
    f_jvp(b2, db, V{2}, V{0});
    tad_test::expectNear("f value", b2.p.x, 3, 0);
  }
  {
    auto F = [](const Vec &a) { return Vec{g(G{a[0], a[1]}, 0.5)}; };
    auto J = [](const Vec &a, const Vec &d) {
      double r = 0;
      g_jvp(G{a[0], a[1]}, G{d[0], d[1]}, 0.5, 0, &r);
      return Vec{r};
    };
    tad_test::checkJvp("g", F, J, S);
  }
  {
    auto F = [](const Vec &a) { return Vec{q(Q{a[0]}, Q{a[1]})}; };
    auto J = [](const Vec &a, const Vec &d) {
      double r = 0;
      q_jvp(Q{a[0]}, Q{d[0]}, Q{a[1]}, Q{d[1]}, &r);
      return Vec{r};
    };
    tad_test::checkJvp("q", F, J, S);
    auto F2 = [](const Vec &a) { return Vec{br(a[0])}; };
    auto J2 = [](const Vec &a, const Vec &d) {
      double r = 0;
      br_jvp(a[0], d[0], &r);
      return Vec{r};
    };
    tad_test::checkJvp("br", F2, J2, S);
  }
  return tad_test::report();
}
#endif
