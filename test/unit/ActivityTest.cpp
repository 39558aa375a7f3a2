//===- test/unit/ActivityTest.cpp - activity analysis ---------------------===//
#include "Analysis/Activity.h"
#include "TestUtil.h"

#include <gtest/gtest.h>

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
} // namespace
