// Found by the differential tests (test/difftest, seed 7, program 97): in
// f_ijvp, a branch on the state inside a loop whose reversed body is empty
// (its step is a scaling by 1.0, whose tangent solve is the identity) popped
// its recorded condition into a variable nothing read,
// `bool _c0 = _tape.pop<bool>();`, and the output did not compile with
// -Wall -Werror. The pop now stays as a statement (the tape stays in step:
// the next pops are the steps' residuals). Shapes: alone in the loop, with
// a taped step before and after it, in a nested loop, and (seed 7, program
// 1221) a branch on constants in a loop of no fixed bound over an unsigned
// counter, whose identity branch left the popped index unused:
// `unsigned int _r1 = _tape.pop<unsigned int>();`.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t && %t
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.g && %t.g
#include "tad/tad.h"
#include <cmath>

TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET void alone(double *x, int n) {
  for (int i = 1; i < n; ++i) {
    x[i] += std::sin(x[i - 1]);
    if (x[i] > 0.0)
      x[i - 1] *= 1.0;
  }
}

TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET void
between(double *__restrict__ x, double *__restrict__ y, int n) {
  for (int i = 0; i < n; ++i) {
    y[i] -= 0.5 * std::tanh(x[i]);
    if (y[i] > 0.0)
      x[i] *= 1.0;
    x[i] = x[i] * std::exp(0.3 * std::sin(y[i])) + 0.2 * y[i];
  }
}

TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET void
nested(double *__restrict__ x, double *__restrict__ y, unsigned n) {
  for (unsigned i = 0; i < n; ++i) {
    for (unsigned j = 0; j < n; ++j)
      y[i] -= 0.3 * std::tanh(x[j]);
    x[i] *= 1.25;
    if (y[i] > 0.0)
      x[i] *= 1.0;
  }
}

TAD_JVP TAD_IJVP TAD_IVJP TAD_LOGDET void indexed(double *__restrict__ x,
                                                  double *__restrict__ y,
                                                  const double *c, unsigned n) {
  for (unsigned i = 1; i + 1 < n; ++i) {
    y[i] -= 0.2 * x[i];
    if (c[i] > 0.0)
      x[i] *= 1.0;
    else
      x[i] = std::expm1(0.5 * x[i]) - 0.3 * y[i];
  }
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include "invcheck.h"

using tad_test::Vec;

int main() {
  for (int n = 1; n <= 5; ++n) {
    size_t N = n;
    tad_test::InvProgram A;
    A.Name = "alone";
    A.N = N;
    A.F = [n](Vec &Z) { alone(Z.data(), n); };
    A.Jvp = [n](Vec &Z, Vec &D) { alone_jvp(Z.data(), D.data(), n); };
    A.Ijvp = [n](Vec &Z, Vec &D) { alone_ijvp(Z.data(), D.data(), n); };
    A.Ivjp = [n](Vec &Z, Vec &W) { alone_ivjp(Z.data(), W.data(), n); };
    A.LogDet = [n](Vec &Z) { return alone_logdet(Z.data(), n); };
    tad_test::InvProgram B;
    B.Name = "between";
    B.N = 2 * N;
    B.F = [n, N](Vec &Z) { between(Z.data(), Z.data() + N, n); };
    B.Jvp = [n, N](Vec &Z, Vec &D) {
      between_jvp(Z.data(), D.data(), Z.data() + N, D.data() + N, n);
    };
    B.Ijvp = [n, N](Vec &Z, Vec &D) {
      between_ijvp(Z.data(), D.data(), Z.data() + N, D.data() + N, n);
    };
    B.Ivjp = [n, N](Vec &Z, Vec &W) {
      between_ivjp(Z.data(), W.data(), Z.data() + N, W.data() + N, n);
    };
    B.LogDet = [n, N](Vec &Z) {
      return between_logdet(Z.data(), Z.data() + N, n);
    };
    tad_test::InvProgram C;
    C.Name = "nested";
    C.N = 2 * N;
    C.F = [n, N](Vec &Z) { nested(Z.data(), Z.data() + N, unsigned(n)); };
    C.Jvp = [n, N](Vec &Z, Vec &D) {
      nested_jvp(Z.data(), D.data(), Z.data() + N, D.data() + N, unsigned(n));
    };
    C.Ijvp = [n, N](Vec &Z, Vec &D) {
      nested_ijvp(Z.data(), D.data(), Z.data() + N, D.data() + N, unsigned(n));
    };
    C.Ivjp = [n, N](Vec &Z, Vec &W) {
      nested_ivjp(Z.data(), W.data(), Z.data() + N, W.data() + N, unsigned(n));
    };
    C.LogDet = [n, N](Vec &Z) {
      return nested_logdet(Z.data(), Z.data() + N, unsigned(n));
    };
    Vec Cs = tad_test::randomVec(N, 7 + n);
    const double *Cp = Cs.data();
    tad_test::InvProgram D;
    D.Name = "indexed";
    D.N = 2 * N;
    D.F = [=](Vec &Z) { indexed(Z.data(), Z.data() + N, Cp, unsigned(n)); };
    D.Jvp = [=](Vec &Z, Vec &T) {
      Vec DC(N, 0.0);
      indexed_jvp(Z.data(), T.data(), Z.data() + N, T.data() + N, Cp, DC.data(),
                  unsigned(n));
    };
    D.Ijvp = [=](Vec &Z, Vec &T) {
      indexed_ijvp(Z.data(), T.data(), Z.data() + N, T.data() + N, Cp,
                   unsigned(n));
    };
    D.Ivjp = [=](Vec &Z, Vec &W) {
      indexed_ivjp(Z.data(), W.data(), Z.data() + N, W.data() + N, Cp,
                   unsigned(n));
    };
    D.LogDet = [=](Vec &Z) {
      return indexed_logdet(Z.data(), Z.data() + N, Cp, unsigned(n));
    };
    for (tad_test::InvProgram *P : {&A, &B, &C, &D})
      for (unsigned S = 0; S < 3; ++S)
        tad_test::checkInverse(*P, tad_test::randomVec(P->N, 10 * n + S));
  }
  return tad_test::report();
}
#endif
