// Member functions and operators of small value types, as physics code
// writes them: `Vec3` with `+ - *` (free operators returning structs),
// `+=` (a member returning `*this`), `dot` and `cross` helpers returning
// structs, const members calling members on `*this`, a non-const member
// on a local, `operator[]` returning a reference to an array member, a
// static member function, overloaded operators inside loops. Every call
// is inlined (its struct arguments and result are the caller's fields);
// the numbers are checked: JVP against central differences, VJP against
// JVP by the dot-product identity, with clang++, g++ and the plugin.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %cxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.asan && %t.asan
// RUN: FileCheck %s --input-file %t.inc
// CHECK: double pot_jvp(const Vec3 *p, const Vec3 *d_p, int n, double k, double d_k,
// CHECK: void integrate_vjp(Vec3 *x, Vec3 *v, const Vec3 *f, int n, double dt,
// CHECK-NEXT: Vec3 *ct_x, Vec3 *ct_v, Vec3 *ct_f, double *ct_dt);
// CHECK: double scaled_vjp(Vec v, const Vec &w, double s, double ct_return, Vec *ct_v,
// CHECK-NEXT: Vec *ct_w, double *ct_s);
// CHECK-LABEL: // JVP of 'scaled'
// CHECK: d_v.v[k] = d_v.v[k] * (s * w.v[k]) + v.v[k] * (d_s * w.v[k] + s * d_w.v[k]);
#include "tad/tad.h"
#include <cmath>

struct Vec3 {
  double x, y, z;
  Vec3 &operator+=(const Vec3 &o) {
    x += o.x;
    y += o.y;
    z += o.z;
    return *this;
  }
  double norm2() const { return x * x + y * y + z * z; }
  double &operator[](int i) { return i == 0 ? x : (i == 1 ? y : z); }
  void scale(double s) {
    x *= s;
    y *= s;
    z *= s;
  }
};
static Vec3 operator+(const Vec3 &a, const Vec3 &b) {
  return {a.x + b.x, a.y + b.y, a.z + b.z};
}
static Vec3 operator-(const Vec3 &a, const Vec3 &b) {
  return Vec3{a.x - b.x, a.y - b.y, a.z - b.z};
}
static Vec3 operator*(double s, const Vec3 &a) {
  return {s * a.x, s * a.y, s * a.z};
}
static double dot(const Vec3 &a, const Vec3 &b) {
  return a.x * b.x + a.y * b.y + a.z * b.z;
}
static Vec3 cross(const Vec3 &a, const Vec3 &b) {
  Vec3 c;
  c.x = a.y * b.z - a.z * b.y;
  c.y = a.z * b.x - a.x * b.z;
  c.z = a.x * b.y - a.y * b.x;
  return c;
}

TAD_JVP TAD_VJP double pot(const Vec3 *p, int n, double k) {
  double e = 0;
  for (int i = 0; i + 1 < n; ++i) {
    Vec3 d = p[i + 1] - p[i];
    e += 0.5 * k * d.norm2();
  }
  return e;
}
TAD_JVP TAD_VJP void integrate(Vec3 *x, Vec3 *v, const Vec3 *f, int n,
                               double dt) {
  for (int i = 0; i < n; ++i) {
    v[i] += dt * f[i];
    x[i] += dt * v[i];
  }
}
TAD_JVP TAD_VJP double torque(const Vec3 &r, const Vec3 &f) {
  Vec3 t = cross(r, f);
  t.scale(2.0);
  return dot(t, t) + cross(r, r + f).z;
}
struct Vec {
  double v[3];
  double &operator[](int i) { return v[i]; }
  const double &operator[](int i) const { return v[i]; }
  double dot(const Vec &o) const {
    return v[0] * o.v[0] + v[1] * o.v[1] + v[2] * o.v[2];
  }
  double norm() const { return std::sqrt(dot(*this)); }
  static Vec unit(int k) {
    Vec e = {{0, 0, 0}};
    e[k] = 1;
    return e;
  }
};
TAD_JVP TAD_VJP double scaled(Vec v, const Vec &w, double s) {
  for (int k = 0; k < 3; ++k)
    v[k] *= s * w[k];
  return v.norm() + Vec::unit(1).dot(v);
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using TVec = tad_test::Vec;
static void unpack(const TVec &a, size_t at, Vec3 *p, int n) {
  for (int i = 0; i < n; ++i)
    p[i] = {a[at + 3 * i], a[at + 3 * i + 1], a[at + 3 * i + 2]};
}
static TVec pack(const Vec3 *p, int n) {
  TVec a;
  for (int i = 0; i < n; ++i)
    a.insert(a.end(), {p[i].x, p[i].y, p[i].z});
  return a;
}
int main() {
  const int n = 4;
  std::vector<TVec> S = {tad_test::randomVec(3 * n + 1, 1),
                         tad_test::randomVec(3 * n + 1, 2)};
  {
    auto F = [&](const TVec &a) {
      Vec3 p[n];
      unpack(a, 0, p, n);
      return TVec{pot(p, n, a[3 * n])};
    };
    auto J = [&](const TVec &a, const TVec &d) {
      Vec3 p[n], dp[n];
      unpack(a, 0, p, n);
      unpack(d, 0, dp, n);
      double de = 0;
      pot_jvp(p, dp, n, a[3 * n], d[3 * n], &de);
      return TVec{de};
    };
    auto V = [&](const TVec &a, const TVec &yb) {
      Vec3 p[n], cp[n] = {};
      unpack(a, 0, p, n);
      double ck = 0;
      pot_vjp(p, n, a[3 * n], yb[0], cp, &ck);
      TVec r = pack(cp, n);
      r.push_back(ck);
      return r;
    };
    tad_test::checkJvp("pot", F, J, S);
    tad_test::checkVjp("pot", J, V, S, 1);
  }
  std::vector<TVec> S2 = {tad_test::randomVec(9 * n + 1, 3),
                          tad_test::randomVec(9 * n + 1, 4)};
  {
    auto F = [&](const TVec &a) {
      Vec3 x[n], v[n], f[n];
      unpack(a, 0, x, n);
      unpack(a, 3 * n, v, n);
      unpack(a, 6 * n, f, n);
      integrate(x, v, f, n, a[9 * n]);
      TVec r = pack(x, n), s = pack(v, n);
      r.insert(r.end(), s.begin(), s.end());
      return r;
    };
    auto J = [&](const TVec &a, const TVec &d) {
      Vec3 x[n], v[n], f[n], dx[n], dv[n], df[n];
      unpack(a, 0, x, n);
      unpack(a, 3 * n, v, n);
      unpack(a, 6 * n, f, n);
      unpack(d, 0, dx, n);
      unpack(d, 3 * n, dv, n);
      unpack(d, 6 * n, df, n);
      integrate_jvp(x, dx, v, dv, f, df, n, a[9 * n], d[9 * n]);
      TVec r = pack(dx, n), s = pack(dv, n);
      r.insert(r.end(), s.begin(), s.end());
      return r;
    };
    auto V = [&](const TVec &a, const TVec &yb) {
      Vec3 x[n], v[n], f[n], cx[n], cv[n], cf[n] = {};
      unpack(a, 0, x, n);
      unpack(a, 3 * n, v, n);
      unpack(a, 6 * n, f, n);
      unpack(yb, 0, cx, n);
      unpack(yb, 3 * n, cv, n);
      double cdt = 0;
      integrate_vjp(x, v, f, n, a[9 * n], cx, cv, cf, &cdt);
      TVec r = pack(cx, n), s = pack(cv, n), t = pack(cf, n);
      r.insert(r.end(), s.begin(), s.end());
      r.insert(r.end(), t.begin(), t.end());
      r.push_back(cdt);
      return r;
    };
    tad_test::checkJvp("integrate", F, J, S2);
    tad_test::checkVjp("integrate", J, V, S2, 6 * n);
  }
  std::vector<TVec> S3 = {tad_test::randomVec(6, 5), tad_test::randomVec(6, 6)};
  {
    auto F = [&](const TVec &a) {
      return TVec{torque({a[0], a[1], a[2]}, {a[3], a[4], a[5]})};
    };
    auto J = [&](const TVec &a, const TVec &d) {
      double dt = 0;
      torque_jvp({a[0], a[1], a[2]}, {d[0], d[1], d[2]}, {a[3], a[4], a[5]},
                 {d[3], d[4], d[5]}, &dt);
      return TVec{dt};
    };
    auto V = [&](const TVec &a, const TVec &yb) {
      Vec3 cr{0, 0, 0}, cf{0, 0, 0};
      torque_vjp({a[0], a[1], a[2]}, {a[3], a[4], a[5]}, yb[0], &cr, &cf);
      return TVec{cr.x, cr.y, cr.z, cf.x, cf.y, cf.z};
    };
    tad_test::checkJvp("torque", F, J, S3);
    tad_test::checkVjp("torque", J, V, S3, 1);
  }
  std::vector<TVec> S4 = {tad_test::randomVec(7, 7), tad_test::randomVec(7, 8)};
  {
    auto Mk = [](const TVec &a, size_t at) {
      ::Vec r = {{a[at], a[at + 1], a[at + 2]}};
      return r;
    };
    auto F = [&](const TVec &a) {
      return TVec{scaled(Mk(a, 0), Mk(a, 3), a[6])};
    };
    auto J = [&](const TVec &a, const TVec &d) {
      double dr = 0;
      scaled_jvp(Mk(a, 0), Mk(d, 0), Mk(a, 3), Mk(d, 3), a[6], d[6], &dr);
      return TVec{dr};
    };
    auto V = [&](const TVec &a, const TVec &yb) {
      ::Vec cv = {}, cw = {};
      double cs = 0;
      scaled_vjp(Mk(a, 0), Mk(a, 3), a[6], yb[0], &cv, &cw, &cs);
      return TVec{cv.v[0], cv.v[1], cv.v[2], cw.v[0], cw.v[1], cw.v[2], cs};
    };
    tad_test::checkJvp("scaled", F, J, S4);
    tad_test::checkVjp("scaled", J, V, S4, 1);
  }
  return tad_test::report();
}
#endif
