// Bundle adjustment (issue 14's corpus), written as a vision engineer
// writes it: a `Camera` with an angle-axis rotation, a translation, a
// focal length and two radial distortion coefficients (the BAL layout), a
// `Point3`, a `Vec3` with operator overloads and `cross`/`dot` helpers
// returning structs, Rodrigues' rotation with the small-angle branch, the
// residual of one observation written into `double err[2]`, and the
// robust objective over several observations through index arrays
// (`const Camera &c = cams[cam_idx[i]];`), with a Cauchy loss as a local
// lambda. Checked: JVP against central differences, VJP against JVP by
// the dot-product identity, the gradient of the objective against
// differences; clang++, g++, the plugin, and clang++ with ASan and UBSan.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %cxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.asan && %t.asan
// RUN: FileCheck %s --input-file %t.inc
// CHECK: void reprojection_error_jvp(const Camera &cam, const Camera &d_cam,
// CHECK-NEXT: const Point3 &pt, const Point3 &d_pt,
// CHECK: void reprojection_error_vjp(const Camera &cam, const Point3 &pt,
// CHECK-NEXT: const double *obs, double *err, Camera *ct_cam,
// CHECK-NEXT: Point3 *ct_pt, double *ct_obs, double *ct_err);
// CHECK: double ba_objective_grad(const double *cams, const Point3 *pts,
#include "tad/tad.h"
#include <cmath>

struct Vec3 {
  double x, y, z;
};
struct Camera {
  double r[3]; // angle-axis
  double t[3];
  double f, k1, k2;
};
struct Point3 {
  double x, y, z;
};

static Vec3 operator+(const Vec3 &a, const Vec3 &b) {
  return {a.x + b.x, a.y + b.y, a.z + b.z};
}
static Vec3 operator*(double s, const Vec3 &a) {
  return {s * a.x, s * a.y, s * a.z};
}
static double dot(const Vec3 &a, const Vec3 &b) {
  return a.x * b.x + a.y * b.y + a.z * b.z;
}
static Vec3 cross(const Vec3 &a, const Vec3 &b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}

// Rodrigues: R(w) X = cos t X + sin t (k x X) + (1 - cos t)(k . X) k, with
// t = |w|, k = w / t; to first order X + w x X near w = 0.
static Vec3 rotate(const Camera &cam, const Vec3 &X) {
  Vec3 w = {cam.r[0], cam.r[1], cam.r[2]};
  double theta2 = dot(w, w);
  if (theta2 > 1e-12) {
    double theta = std::sqrt(theta2);
    double c = std::cos(theta), s = std::sin(theta);
    Vec3 k = (1.0 / theta) * w;
    return c * X + s * cross(k, X) + ((1.0 - c) * dot(k, X)) * k;
  }
  return X + cross(w, X);
}

// The reprojection error of one observation (BAL: the camera looks down
// -z, p = -P / P.z, distortion 1 + k1 r^2 + k2 r^4).
TAD_JVP TAD_VJP void reprojection_error(const Camera &cam, const Point3 &pt,
                                        const double *obs, double err[2]) {
  Vec3 X{pt.x, pt.y, pt.z};
  // Workaround: `rotate(cam, X) + Vec3{cam.t[0], cam.t[1], cam.t[2]}` is
  // refused ("this expression (InitListExpr) is not supported by tad"): a
  // braced temporary as an operand; named local instead.
  Vec3 t = {cam.t[0], cam.t[1], cam.t[2]};
  Vec3 P = rotate(cam, X) + t;
  double xp = -P.x / P.z;
  double yp = -P.y / P.z;
  double r2 = xp * xp + yp * yp;
  double distortion = 1.0 + r2 * (cam.k1 + cam.k2 * r2);
  err[0] = cam.f * distortion * xp - obs[0];
  err[1] = cam.f * distortion * yp - obs[1];
}

// The robust objective over all observations.
// Workaround: `const Camera *cams` is refused (an array of structs with an
// array member, b[i].v[k], "not yet" in README), so the cameras come as
// BAL's flat parameter block, 9 doubles each, unpacked into a local Camera.
TAD_JVP TAD_VJP double ba_objective(const double *cams, const Point3 *pts,
                                    const int *cam_idx, const int *pt_idx,
                                    const double *obs, int nobs, double scale) {
  auto cauchy = [scale](double s2) {
    return scale * scale * std::log1p(s2 / (scale * scale));
  };
  double total = 0;
  for (int i = 0; i < nobs; ++i) {
    const double *cp = cams + 9 * cam_idx[i];
    Camera c = {
        {cp[0], cp[1], cp[2]}, {cp[3], cp[4], cp[5]}, cp[6], cp[7], cp[8]};
    const Point3 &p = pts[pt_idx[i]];
    double e[2];
    reprojection_error(c, p, &obs[2 * i], e);
    total += 0.5 * cauchy(e[0] * e[0] + e[1] * e[1]);
  }
  return total;
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

static Camera camera(const double *a) {
  return Camera{{a[0], a[1], a[2]}, {a[3], a[4], a[5]}, a[6], a[7], a[8]};
}
static void put(const Camera &c, Vec &v) {
  v.insert(v.end(),
           {c.r[0], c.r[1], c.r[2], c.t[0], c.t[1], c.t[2], c.f, c.k1, c.k2});
}

int main() {
  // A camera about 10 units from points near the origin, looking at them.
  std::vector<Vec> S1 = {
      {0.1, -0.2, 0.05, 0.3, -0.1, -10.0, 500.0, 0.01, -0.002, //
       0.5, -0.4, 0.3},
      {-0.3, 0.25, 0.4, -0.2, 0.4, -8.0, 800.0, -0.03, 0.004, //
       -0.7, 0.2, 1.1},
      // the small-angle branch
      {1e-8, -2e-8, 3e-9, 0.1, 0.2, -9.0, 600.0, 0.02, 0.001, //
       0.3, 0.6, -0.5}};
  const double obs1[2] = {3.0, -7.0};
  // The observations are data: zero tangents, and cotangents not read.
  const double zero[64] = {};
  double sink[64] = {};
  { // reprojection_error: (cam, pt) -> err
    auto F = [&](const Vec &a) {
      Vec e(2);
      reprojection_error(camera(a.data()), {a[9], a[10], a[11]}, obs1,
                         e.data());
      return e;
    };
    auto J = [&](const Vec &a, const Vec &d) {
      Vec e(2), de(2, 0.0);
      reprojection_error_jvp(camera(a.data()), camera(d.data()),
                             {a[9], a[10], a[11]}, {d[9], d[10], d[11]}, obs1,
                             zero, e.data(), de.data());
      return de;
    };
    auto V = [&](const Vec &a, const Vec &yb) {
      Vec e(2), ce = yb;
      Camera cc{};
      Point3 cp{0, 0, 0};
      reprojection_error_vjp(camera(a.data()), {a[9], a[10], a[11]}, obs1,
                             e.data(), &cc, &cp, sink, ce.data());
      Vec r;
      put(cc, r);
      r.insert(r.end(), {cp.x, cp.y, cp.z});
      return r;
    };
    tad_test::checkJvp("reprojection_error", F, J, S1, 1e-5);
    tad_test::checkVjp("reprojection_error", J, V, S1, 2);
  }

  // Two cameras, three points, five observations.
  const int nc = 2, np = 3, no = 5;
  const int cam_idx[no] = {0, 0, 1, 1, 1};
  const int pt_idx[no] = {0, 2, 0, 1, 2};
  const double obs[2 * no] = {10, -20, 5, 8, -12, 3, 0.5, 30, -4, -6};
  auto unpack = [&](const Vec &a, double *cs, Point3 *ps) {
    for (int i = 0; i < 9 * nc; ++i)
      cs[i] = a[i];
    for (int j = 0; j < np; ++j) {
      const double *p = a.data() + 9 * nc + 3 * j;
      ps[j] = {p[0], p[1], p[2]};
    }
  };
  auto pack = [&](const double *cs, const Point3 *ps) {
    Vec r(cs, cs + 9 * nc);
    for (int j = 0; j < np; ++j)
      r.insert(r.end(), {ps[j].x, ps[j].y, ps[j].z});
    return r;
  };
  std::vector<Vec> S2;
  for (unsigned seed = 1; seed <= 2; ++seed) {
    Vec a = tad_test::randomVec(9 * nc + 3 * np, seed);
    for (int i = 0; i < nc; ++i) {
      a[9 * i + 5] = -10 + a[9 * i + 5]; // in front of the points
      a[9 * i + 6] = 500 + 100 * a[9 * i + 6];
      a[9 * i + 7] *= 0.05;
      a[9 * i + 8] *= 0.005;
    }
    a.push_back(20.0); // the Cauchy scale
    S2.push_back(a);
  }
  { // ba_objective: (cams, pts, scale) -> f
    auto F = [&](const Vec &a) {
      double cs[9 * nc];
      Point3 ps[np];
      unpack(a, cs, ps);
      return Vec{ba_objective(cs, ps, cam_idx, pt_idx, obs, no, a.back())};
    };
    auto J = [&](const Vec &a, const Vec &d) {
      double cs[9 * nc], dcs[9 * nc];
      Point3 ps[np], dps[np];
      unpack(a, cs, ps);
      unpack(d, dcs, dps);
      double df = 0;
      ba_objective_jvp(cs, dcs, ps, dps, cam_idx, pt_idx, obs, zero, no,
                       a.back(), d.back(), &df);
      return Vec{df};
    };
    auto G = [&](const Vec &a, double yb) {
      double cs[9 * nc], ccs[9 * nc] = {};
      Point3 ps[np], cps[np] = {};
      unpack(a, cs, ps);
      double cscale = 0;
      if (yb == 1)
        ba_objective_grad(cs, ps, cam_idx, pt_idx, obs, no, a.back(), ccs, cps,
                          sink, &cscale);
      else
        ba_objective_vjp(cs, ps, cam_idx, pt_idx, obs, no, a.back(), yb, ccs,
                         cps, sink, &cscale);
      Vec r = pack(ccs, cps);
      r.push_back(cscale);
      return r;
    };
    tad_test::checkJvp("ba_objective", F, J, S2, 1e-5);
    tad_test::checkVjp(
        "ba_objective", J,
        [&](const Vec &a, const Vec &yb) { return G(a, yb[0]); }, S2, 1);
    tad_test::checkGradient(
        "ba_objective", F, [&](const Vec &a) { return G(a, 1); }, S2, 1e-5);
  }
  return tad_test::report();
}
#endif
