// long double values, parameters, locals, results and literals, and mixes
// of float, double and long double: tangents and cotangents have the type
// of their value; the long double maths functions (sinl, expl, and
// std::cos of a long double) share the rows of their double versions;
// std::numeric_limits<long double> constants are constants. A Kepler
// solver (Newton's method on E - e sin E = M, in long double throughout)
// and a reduction over float and double arrays into a long double sum.
// JVP against central differences in long double; for Kepler, VJP against
// JVP by the dot-product identity and dE/dM against its closed form
// 1 / (1 - e cos E) to 1e-17, below double's epsilon (2.2e-16): the
// derivatives are computed in long double. clang++, g++, the plugin,
// ASan+UBSan.
//
// RUN: %tad-gen %s -o %t.inc -- %tad-flags
// RUN: %cxx -DTAD_GENERATED='"%t.inc"' %s -o %t.clang && %t.clang | FileCheck %s --check-prefix=OUT
// OUT: 11 checks, 0 failed
// RUN: %gxx -DTAD_GENERATED='"%t.inc"' %s -o %t.gcc && %t.gcc
// RUN: %cxx %plugin %s -o %t.plugin && %t.plugin
// RUN: %cxx -fsanitize=address,undefined -fno-sanitize-recover=all -DTAD_GENERATED='"%t.inc"' %s -o %t.asan && %t.asan
// RUN: FileCheck %s --input-file %t.inc
// CHECK: long double kepler_jvp(long double M, long double d_M, long double e,
// CHECK-NEXT: long double d_e, long double *d_return);
// CHECK: double mixed_vjp(const float *a, const double *b, long double s, int n,
// CHECK-NEXT: double ct_return, float *ct_a, double *ct_b,
// CHECK-NEXT: long double *ct_s);
// CHECK: std::sqrt(s * s + static_cast<long double>(a[i]))
#include "tad/tad.h"
#include <cmath>
#include <limits>

TAD_JVP TAD_VJP long double kepler(long double M, long double e) {
  long double E = M;
  for (int k = 0; k < 8; ++k)
    E -= (E - e * sinl(E) - M) / (1 - e * std::cos(E));
  return E;
}

TAD_JVP TAD_VJP double mixed(const float *a, const double *b, long double s,
                             int n) {
  long double acc = std::numeric_limits<long double>::epsilon();
  for (int i = 0; i < n; ++i)
    acc +=
        a[i] * b[i] * s + expl(-b[i] * b[i]) + 0.1L * std::sqrt(s * s + a[i]);
  return static_cast<double>(acc / n);
}

#ifdef TAD_GENERATED
#include TAD_GENERATED
#include <cstdio>
#include <initializer_list>

static int Checks = 0, Failures = 0;
static void expect(const char *What, long double Got, long double Want,
                   long double Tol) {
  ++Checks;
  long double Err = std::fabs(Got - Want) / std::fmax(1.0L, std::fabs(Want));
  if (!(Err <= Tol)) {
    ++Failures;
    std::printf("FAIL %s: %.21Lg vs %.21Lg (relative error %.3Lg)\n", What, Got,
                Want, Err);
  }
}

int main() {
  const long double H = 1e-6L;
  for (long double M : {0.3L, 2.1L}) {
    const long double e = 0.6L;
    // JVP in each direction against central differences.
    long double DE = 0, DE2 = 0;
    kepler_jvp(M, 1, e, 0, &DE);
    expect("kepler: dE/dM", DE, (kepler(M + H, e) - kepler(M - H, e)) / (2 * H),
           1e-9L);
    kepler_jvp(M, 0, e, 1, &DE2);
    expect("kepler: dE/de", DE2,
           (kepler(M, e + H) - kepler(M, e - H)) / (2 * H), 1e-9L);
    // The closed form at the converged E.
    expect("kepler: dE/dM = 1 / (1 - e cos E)", DE,
           1 / (1 - e * std::cos(kepler(M, e))), 1e-17L);
    // VJP against JVP: <ybar, J xdot> = <J^T ybar, xdot>.
    long double CM = 0, Ce = 0, Y = 0.7L, XM = 0.4L, Xe = -1.3L, DY = 0;
    kepler_vjp(M, e, Y, &CM, &Ce);
    kepler_jvp(M, XM, e, Xe, &DY);
    expect("kepler: dot-product identity", Y * DY, CM * XM + Ce * Xe, 1e-17L);
  }
  {
    const int N = 5;
    float A[N] = {0.5f, -0.25f, 1.5f, 0.75f, 2.0f};
    double B[N] = {0.3, -1.1, 0.7, 0.2, -0.4};
    long double S = 1.25L;
    float DA[N] = {0.1f, 0.2f, -0.3f, 0.4f, 0.5f};
    double DB[N] = {-0.5, 0.25, 0.125, 1.0, -0.75};
    long double DS = 0.6L;
    double DR = 0;
    mixed_jvp(A, DA, B, DB, S, DS, N, &DR);
    // Central differences along (DA, DB, DS); a float step in a is exact
    // only to float precision, so the tolerance is float's.
    const float Hf = 1e-3f;
    float AP[N], AM[N];
    double BP[N], BM[N];
    for (int I = 0; I < N; ++I) {
      AP[I] = A[I] + Hf * DA[I];
      AM[I] = A[I] - Hf * DA[I];
      BP[I] = B[I] + Hf * DB[I];
      BM[I] = B[I] - Hf * DB[I];
    }
    double FD =
        (mixed(AP, BP, S + Hf * DS, N) - mixed(AM, BM, S - Hf * DS, N)) /
        (2 * Hf);
    expect("mixed: JVP", DR, FD, 1e-4L);
    float CA[N] = {};
    double CB[N] = {};
    long double CS = 0;
    mixed_vjp(A, B, S, N, 1.0, CA, CB, &CS);
    long double Dot = CS * DS;
    for (int I = 0; I < N; ++I)
      Dot += (long double)CA[I] * DA[I] + CB[I] * DB[I];
    // The float cotangents of a are rounded to float: float's tolerance.
    expect("mixed: dot-product identity", DR, Dot, 1e-6L);
    double DR2 = 0; // s alone: exact in long double
    float Z[N] = {};
    double ZB[N] = {};
    mixed_jvp(A, Z, B, ZB, S, 1, N, &DR2);
    expect("mixed: d/ds", DR2, CS, 1e-15L);
  }
  std::printf("%d checks, %d failed\n", Checks, Failures);
  return Failures != 0;
}
#endif
