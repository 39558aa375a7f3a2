//===- test/unit/ActivityTest.cpp - activity analysis ---------------------===//
#include "Analysis/Activity.h"
#include "TestUtil.h"

#include <gtest/gtest.h>

#include <chrono>

using namespace tad;
using tad_unit::Parsed;

namespace {
/// Names of the active variables of F (params and locals).
std::set<std::string> activeNames(const Function &F) {
  ActivityInfo A = analyzeActivity(F);
  std::set<std::string> Names;
  for (const Var *V : A.Active)
    Names.insert(V->Name);
  return Names;
}

TEST(ActivityTest, IntegersConstantsAndDeadValuesArePassive) {
  Parsed P(R"(
    double f(double x, double unused, int n) {
      double scale = 2.0;        // constant: not varied
      double dead = x * 3;       // varied, but never reaches the output
      double acc = 0;
      int count = 0;
      for (int i = 0; i < n; ++i) {
        acc += scale * x;
        count += 1;
      }
      if (dead > 1) acc += 1;     // a predicate carries no derivative
      return acc + count;
    })");
  const Function *F = P.lower("f");
  ASSERT_NE(F, nullptr) << P.diagnostics();
  EXPECT_EQ(activeNames(*F), (std::set<std::string>{"x", "acc"}));
}

TEST(ActivityTest, ArraysAndOutputs) {
  Parsed P(R"(
    void f(const double *in, const double *weights, double *out,
           double *scratch, int n) {
      double tmp[4] = {};
      for (int i = 0; i < 4; ++i) tmp[i] = in[i] * in[i];
      for (int i = 0; i < n; ++i) out[i] = tmp[i % 4];
      scratch[0] = 1.0;   // an output, but nothing varied flows into it
      (void)weights;
    })");
  const Function *F = P.lower("f");
  // (void)weights marks weights as used and computes nothing.
  ASSERT_NE(F, nullptr) << P.diagnostics();
  // scratch is an in-out parameter: varied by definition, and useful;
  // weights is never read.
  EXPECT_EQ(activeNames(*F),
            (std::set<std::string>{"in", "tmp", "out", "scratch"}));
}

TEST(ActivityTest, CallsPropagateThroughArguments) {
  Parsed P(R"(
    void scale(const double *a, double *b, double s) { b[0] = a[0] * s; }
    double f(double x) {
      double in[1] = {x};
      double out[1] = {0};
      double unrelated[1] = {3};
      scale(in, out, 2.0);
      return out[0] + unrelated[0];
    })");
  const Function *F = P.lower("f");
  ASSERT_NE(F, nullptr) << P.diagnostics();
  std::set<std::string> A = activeNames(*F);
  EXPECT_TRUE(A.count("in"));
  EXPECT_TRUE(A.count("out"));
  EXPECT_FALSE(A.count("unrelated"));
}
TEST(ActivityTest, LongChainsTakeLinearTime) {
  // Usefulness flows against the order of the statements (from the result
  // back to x), and in the loop variedness does too (u0 reads u1, ... the
  // last reads the chain's end): a sweep over the statements to a fixed
  // point moved one link per sweep, 20,000 sweeps here (tens of seconds).
  const int N = 20000, M = 2000;
  std::string Src = "double f(double x, int n) {\n  double t0 = x;\n";
  for (int I = 1; I < N; ++I)
    Src += "  double t" + std::to_string(I) + " = 0.5 * t" +
           std::to_string(I - 1) + ";\n";
  for (int I = 0; I < M; ++I)
    Src += "  double u" + std::to_string(I) + " = 0;\n";
  Src += "  for (int k = 0; k < n; ++k) {\n";
  for (int I = 0; I + 1 < M; ++I)
    Src += "    u" + std::to_string(I) + " = u" + std::to_string(I + 1) +
           " + 1.0;\n";
  Src += "    u" + std::to_string(M - 1) + " = t" + std::to_string(N - 1) +
         ";\n  }\n  return u0;\n}\n";
  Parsed P(Src);
  const Function *F = P.lower("f");
  ASSERT_NE(F, nullptr) << P.diagnostics();
  auto Start = std::chrono::steady_clock::now();
  ActivityInfo A = analyzeActivity(*F);
  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  EXPECT_LT(Seconds, 5.0);
  // Everything is active: x, the N locals t and the M locals u.
  EXPECT_EQ(A.Active.size(), size_t(1 + N + M));
}
} // namespace
