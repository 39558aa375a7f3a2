// What the plugin compiles is the source tad-gen writes, byte for byte: the
// plugin's emit-dir copy equals tad-gen's output for the same file (which
// calls the generated functions directly; tad-gen accepts that too). The
// program then checks the generated functions it called: the JVP against
// central differences, the VJP against the JVP (dot-product identity) and
// the transpose against the function (<T(f) c, z> = <c, f z>).
//
// RUN: rm -rf %t.dir
// RUN: %cxx %plugin -fplugin-arg-tad-emit-dir=%t.dir %s -o %t && %t
// RUN: %tad-gen %s -o %t.gen.cpp -- %tad-flags
// RUN: diff %t.gen.cpp %t.dir/emitted-equals-tad-gen.tad.cpp
// RUN: FileCheck %s --input-file %t.gen.cpp
#include "tad/tad.h"
#include <cmath>
#include <cstdio>

// CHECK: double wave_jvp(double x, double d_x, const double *w, const double *d_w, int n,
TAD_JVP TAD_VJP double wave(double x, const double *w, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::sin(w[i] * x) * w[i];
  return s;
}

namespace phys {
// CHECK: static double spring_jvp(double k, double d_k, double x, double d_x,
TAD_JVP static double spring(double k, double x) { return 0.5 * k * x * x; }
// Called inside the namespace, before it closes.
double stiffness(double k, double x) {
  double d;
  spring_jvp(k, 0.0, x, 1.0, &d);
  return d;
}
} // namespace phys

// CHECK: void blur_transpose(double *x, double *y, int n);
TAD_LINEAR(x, y) void blur(const double *x, double *y, int n) {
  for (int i = 0; i < n; ++i)
    y[i] = 0.5 * x[i] + 0.25 * (i > 0 ? x[i - 1] : 0.0);
}

static int failures = 0;
static void expect(bool Ok, const char *What, double Got, double Want) {
  if (!Ok) {
    std::printf("FAIL %s: %.17g vs %.17g\n", What, Got, Want);
    ++failures;
  }
}

int main() {
  const double w[3] = {0.3, -1.2, 2.0}, dw[3] = {0.5, 0.1, -0.7};
  const double x = 0.8, dx = 1.3, h = 1e-6;
  double jv;
  wave_jvp(x, dx, w, dw, 3, &jv);
  double wp[3], wm[3];
  for (int i = 0; i < 3; ++i) {
    wp[i] = w[i] + h * dw[i];
    wm[i] = w[i] - h * dw[i];
  }
  double fd = (wave(x + h * dx, wp, 3) - wave(x - h * dx, wm, 3)) / (2 * h);
  expect(std::fabs(jv - fd) < 1e-7, "JVP vs finite differences", jv, fd);

  // <ybar, J xdot> = <J^T ybar, xdot> with ybar = 0.7.
  double ctx = 0, ctw[3] = {0, 0, 0};
  wave_vjp(x, w, 3, 0.7, &ctx, ctw);
  double lhs = 0.7 * jv, rhs = ctx * dx;
  for (int i = 0; i < 3; ++i)
    rhs += ctw[i] * dw[i];
  expect(std::fabs(lhs - rhs) < 1e-12, "VJP dot-product identity", lhs, rhs);
  double gx = 0, gw[3] = {0, 0, 0};
  wave_grad(x, w, 3, &gx, gw);
  expect(std::fabs(gx - ctx / 0.7) < 1e-12, "gradient", gx, ctx / 0.7);

  double k = 3.0, sx = 0.4;
  double sfd = (phys::spring(k, sx + h) - phys::spring(k, sx - h)) / (2 * h);
  double sd = phys::stiffness(k, sx);
  expect(std::fabs(sd - sfd) < 1e-7, "namespace JVP", sd, sfd);
  double qd;
  phys::spring_jvp(k, 1.0, sx, 0.0, &qd);
  expect(std::fabs(qd - 0.5 * sx * sx) < 1e-15, "qualified call", qd,
         0.5 * sx * sx);

  // <c, blur(z)> = <blur^T(c), z>.
  double z[4] = {1.0, -2.0, 0.5, 3.0}, c[4] = {0.2, 0.9, -1.1, 0.4};
  double bz[4], tz[4] = {0, 0, 0, 0};
  blur(z, bz, 4);
  double cy[4] = {c[0], c[1], c[2], c[3]};
  blur_transpose(tz, cy, 4);
  double a = 0, b = 0;
  for (int i = 0; i < 4; ++i) {
    a += c[i] * bz[i];
    b += tz[i] * z[i];
  }
  expect(std::fabs(a - b) < 1e-12, "transpose identity", a, b);
  return failures;
}
