// tad bug: the JVPs of helpers are emitted at global scope under the bare
// name <name>_jvp, so two helpers with the same name in different namespaces
// (a::h and b::h, same signature) both become
//   static double h_jvp(double x, double d_x, double *d_return);
// and the generated file fails to compile ("redefinition of h_jvp"); the
// caller's two calls both refer to the same h_jvp.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

namespace a {
static double h(double x) { return x * x; }
} // namespace a
namespace b {
static double h(double x) { return 3.0 * x; }
} // namespace b

TAD_JVP TAD_VJP double two_h(double x) { return a::h(x) + b::h(x); }

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
using tad_test::Vec;

int main() {
  auto twoHF = [](const Vec &x) { return Vec{two_h(x[0])}; };
  auto twoHJ = [](const Vec &x, const Vec &d) {
    double t;
    two_h_jvp(x[0], d[0], &t);
    return Vec{t};
  };
  std::vector<Vec> twoHPts = {{0.5}, {-1.3}};
  tad_test::checkJvp("two_h", twoHF, twoHJ, twoHPts);
  tad_test::checkVjp(
      "two_h", twoHJ,
      [](const Vec &x, const Vec &yb) {
        Vec g(1, 0.0);
        two_h_vjp(x[0], yb[0], &g[0]);
        return g;
      },
      twoHPts, 1);
  tad_test::checkGradient(
      "two_h_grad", twoHF,
      [](const Vec &x) {
        Vec g(1, 0.0);
        two_h_grad(x[0], &g[0]);
        return g;
      },
      twoHPts);
  return tad_test::report();
}
#endif
