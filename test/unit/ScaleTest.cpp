//===- test/unit/ScaleTest.cpp - transforms on machine-sized code ---------===//
//
// Long expressions through emitExpr, the JVP and the VJP in time about
// linear in their length. Each pass used to ask a question of the whole
// subtree at every level of a chain (emitExpr copied each operand's text,
// the JVP asked whether it is active, the transpose whether it is linear
// and its fan-out): quadratic, cubic for the transpose. They run on the
// large stack tad-gen uses (their recursion is as deep as the chain).
//
//===----------------------------------------------------------------------===//
#include "Emit/Emitter.h"
#include "Frontend/Stack.h"
#include "IR/Names.h"
#include "IR/Spelling.h"
#include "TestUtil.h"

#include <gtest/gtest.h>

#include <chrono>

using namespace tad;
using tad_unit::Parsed;

namespace {

double secondsSince(std::chrono::steady_clock::time_point T) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - T)
      .count();
}

/// `double f(const double *x) { return x[0] * x[3] + ...; }`, N terms.
std::string sumSource(int N) {
  std::string S = "double f(const double *x) {\n  return ";
  for (int I = 0; I < N; ++I)
    S += (I ? " + x[" : "x[") + std::to_string(I % 16) + "] * x[" +
         std::to_string((7 * I + 3) % 16) + "]";
  return S + ";\n}\n";
}

size_t count(const std::string &Hay, const std::string &Needle) {
  size_t N = 0;
  for (size_t At = Hay.find(Needle); At != std::string::npos;
       At = Hay.find(Needle, At + 1))
    ++N;
  return N;
}

TEST(ScaleTest, EmitExprOfALongChainIsLinear) {
  runOnLargeStack([] {
    const int N = 300000;
    VarP X = makeVar("x", Type::scalar(ScalarKind::Double), {});
    ExprP E = mkVar(X);
    for (int I = 1; I < N; ++I)
      E = mkBinary(BinOp::Add, E, mkVar(X), X->Ty);
    auto Start = std::chrono::steady_clock::now();
    std::string S = emitExpr(E);
    // Before: a copy of the text so far at each of the 300,000 levels (20 s).
    EXPECT_LT(secondsSince(Start), 3.0);
    EXPECT_EQ(S.size(), size_t(N) + 3 * size_t(N - 1)); // "x + x + ..."
  });
}

TEST(ScaleTest, JvpOfALongSumIsLinear) {
  const int N = 20000;
  Parsed P(sumSource(N));
  runOnLargeStack([&] {
    auto Start = std::chrono::steady_clock::now();
    const Function *J = P.jvp("f");
    ASSERT_NE(J, nullptr) << P.diagnostics();
    std::string Text = emitDefinition(*J);
    // Before: seconds, as whether each subtree is active was asked anew at
    // each level.
    EXPECT_LT(secondsSince(Start), 10.0);
    // Two tangent products per term: d_x[a] * x[b] + x[a] * d_x[b].
    EXPECT_EQ(count(Text, "d_x["), size_t(2 * N));
  });
}

TEST(ScaleTest, VjpOfALongSumIsLinear) {
  const int N = 1500;
  Parsed P(sumSource(N));
  runOnLargeStack([&] {
    auto Start = std::chrono::steady_clock::now();
    const Function *V = P.vjp("f");
    ASSERT_NE(V, nullptr) << P.diagnostics();
    std::string Text = emitDefinition(*V);
    // Before: about 100 s (the transpose's isLinear and linearLeaves walked
    // each subtree at every level: cubic).
    EXPECT_LT(secondsSince(Start), 10.0);
    // Each term adds to the cotangents of its two elements.
    EXPECT_EQ(count(Text, "ct_x["), size_t(2 * N));
  });
}

} // namespace
