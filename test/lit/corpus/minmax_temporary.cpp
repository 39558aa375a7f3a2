// tad bug (or missing support): std::min and std::max have rules in tad's
// table and work on variables (std::max(x, y)), but any argument that is not
// an lvalue (a literal, or an expression like y * y) binds a temporary to
// their const T& parameter, and tad-gen rejects the call:
//   error: this expression (ExprWithCleanups) is not supported by tad
// so the common ReLU spelling std::max(0.0, x) cannot be differentiated.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"
#include <algorithm>

TAD_JVP TAD_VJP double relu(double x) { return std::max(0.0, x); }

TAD_JVP TAD_VJP double clip(double x, double y) {
  return std::min(x * y, 2.0) + std::max(x, y * y);
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  auto reluF = [](const Vec &x) { return Vec{relu(x[0])}; };
  auto reluJ = [](const Vec &x, const Vec &d) {
    double t;
    relu_jvp(x[0], d[0], &t);
    return Vec{t};
  };
  std::vector<Vec> reluPts = {{0.5}, {-1.3}};
  tad_test::checkJvp("relu", reluF, reluJ, reluPts);
  tad_test::checkVjp(
      "relu", reluJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(1, 0.0);
        relu_vjp(x[0], yb[0], &g[0]);
        return g;
      },
      reluPts, 1);
  tad_test::checkGradient(
      "relu_grad", reluF,
      [](const Vec &x) {
        Vec g(1, 0.0);
        relu_grad(x[0], &g[0]);
        return g;
      },
      reluPts);
  auto clipF = [](const Vec &x) { return Vec{clip(x[0], x[1])}; };
  auto clipJ = [](const Vec &x, const Vec &d) {
    double t;
    clip_jvp(x[0], d[0], x[1], d[1], &t);
    return Vec{t};
  };
  std::vector<Vec> clipPts = {{0.5, 1.5}, {3.0, 1.5}, {-1.3, 0.4}};
  tad_test::checkJvp("clip", clipF, clipJ, clipPts);
  tad_test::checkVjp(
      "clip", clipJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(2, 0.0);
        clip_vjp(x[0], x[1], yb[0], &g[0], &g[1]);
        return g;
      },
      clipPts, 1);
  tad_test::checkGradient(
      "clip_grad", clipF,
      [](const Vec &x) {
        Vec g(2, 0.0);
        clip_grad(x[0], x[1], &g[0], &g[1]);
        return g;
      },
      clipPts);
  return tad_test::report();
}
#endif
