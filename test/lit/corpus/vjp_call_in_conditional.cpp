// Reverse mode through a call that passes an array inside '?:' or on the
// right of '&&' / '||': the call runs only when its arm is taken (it writes
// out[0] only then), so reverse mode turns the arms into the branches of an
// if before inlining the call; forward mode does the same for '&&' / '||'
// and evaluates a condition holding such a call once. JVPs against central
// differences, VJPs against the JVPs by the dot-product identity (out is
// in-out).
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
#include "tad/tad.h"

static double put(double *out, double v) {
  out[0] = v * v;
  return v;
}

// The call writes out[0] only when w is true.
TAD_JVP TAD_VJP double ternary_side_effect(double x, double *out, bool w) {
  return w ? put(out, x) : 3.0 * x;
}

static bool store_positive(double *out, double v) {
  out[0] = 2 * v;
  return v > 0;
}

// The call on the right of || runs only when w is false (this was an error
// before: forward mode now turns the || into an if, too).
TAD_JVP TAD_VJP double or_init(double x, double *out, bool w) {
  bool b = w || put(out, 2.0 * x) > 0;
  return b ? x : -x;
}

// A condition that calls a function with a side effect on an untracked
// array: the JVP and the VJP call it once, like the primal.
static int bump(int *hits) {
  hits[0] += 1;
  return hits[0];
}
TAD_JVP TAD_VJP double counted(double x, int *hits) {
  double r = bump(hits) > 1 ? x * x : -x;
  return r;
}

// The call on the right of && runs only when w is true.
TAD_JVP TAD_VJP double and_side_effect(double x, double *out, bool w) {
  double r = (w && store_positive(out, x)) ? x * x : -x;
  return r + out[0];
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "fdcheck.h"
#include <string>
using tad_test::Vec;

using Primal = double (*)(double, double *, bool);
using Jvp = double (*)(double, double, double *, double *, bool, double *);
using Vjp = double (*)(double, double *, bool, double, double *, double *);

// x = (x, out[0]); the outputs are the result and the final out[0] (out is
// in-out: ct_out holds ybar[1] on entry, the input's cotangent on exit).
static void check(const char *Name, Primal F, Jvp J, Vjp V) {
  for (bool W : {true, false}) {
    std::string N = std::string(Name) + (W ? "/w" : "");
    auto JF = [=](const Vec &x, const Vec &d) {
      double out = x[1], dout = d[1], dr;
      J(x[0], d[0], &out, &dout, W, &dr);
      return Vec{dr, dout};
    };
    std::vector<Vec> Pts = {{0.5, 2.0}, {-1.3, 0.25}};
    tad_test::checkJvp(
        N.c_str(),
        [=](const Vec &x) {
          double out = x[1];
          double r = F(x[0], &out, W);
          return Vec{r, out};
        },
        JF, Pts);
    tad_test::checkVjp(
        N.c_str(), JF,
        [=](const Vec &x, const Vec &yb) {
          double out = x[1], ctx = 0, ctout = yb[1];
          V(x[0], &out, W, yb[0], &ctx, &ctout);
          return Vec{ctx, ctout};
        },
        Pts, 2);
  }
}

int main() {
  check("ternary_side_effect", ternary_side_effect, ternary_side_effect_jvp,
        ternary_side_effect_vjp);
  check("or_init", or_init, or_init_jvp, or_init_vjp);
  check("and_side_effect", and_side_effect, and_side_effect_jvp,
        and_side_effect_vjp);
  {
    int Hits[1] = {0};
    double D = 0, G = 0;
    double V = counted_jvp(2.0, 1.0, Hits, &D); // first call: -x
    tad_test::expectNear("counted_jvp value", V, -2.0, 0);
    tad_test::expectNear("counted_jvp tangent", D, -1.0, 0);
    tad_test::expectNear("counted_jvp calls bump once", Hits[0], 1, 0);
    V = counted_vjp(3.0, Hits, 1.0, &G); // second call: x * x
    tad_test::expectNear("counted_vjp value", V, 9.0, 0);
    tad_test::expectNear("counted_vjp gradient", G, 6.0, 0);
    tad_test::expectNear("counted_vjp calls bump once", Hits[0], 2, 0);
  }
  return tad_test::report();
}
#endif
