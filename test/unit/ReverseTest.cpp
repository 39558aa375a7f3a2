//===- test/unit/ReverseTest.cpp - linearize, transpose, normalize --------===//
#include "Emit/Emitter.h"
#include "IR/Spelling.h"
#include "Rules/ExprBuilder.h"
#include "Rules/Rules.h"
#include "TestUtil.h"
#include "Transforms/Forward/JVP.h"
#include "Transforms/Prepare/Normalize.h"
#include "Transforms/Reverse/Linearize.h"

#include <gtest/gtest.h>

using namespace tad;
using tad_unit::Parsed;

namespace {
bool contains(const std::string &Hay, const std::string &Needle) {
  return Hay.find(Needle) != std::string::npos;
}

bool writesTangent(const Stmt &S) {
  if (S.is(Stmt::Kind::Decl))
    return S.V->IsTangent;
  if (S.is(Stmt::Kind::Assign)) {
    VarP R = rootVar(S.LHS);
    if (!R && S.LHS->is(Expr::Kind::Unary))
      R = rootVar(S.LHS->op(0));
    return R && R->IsTangent;
  }
  return false;
}

void collect(const StmtList &L, std::vector<const Stmt *> &Out) {
  for (const StmtP &S : L) {
    Out.push_back(S.get());
    for (const StmtList *Sub : {&S->Body, &S->Else, &S->ForInit, &S->ForInc})
      collect(*Sub, Out);
  }
}

TEST(ReverseTest, LinearizeSeparatesPrimalAndLinearParts) {
  Parsed P(R"(
    #include <cmath>
    double f(double x, const double *w, int n) {
      double s = 0;
      int k = 0;
      while (k < n) {
        s += std::sin(w[k] * x) * s;
        k += 1;
      }
      return s * x;
    })");
  const Function *F = P.lower("f");
  ASSERT_NE(F, nullptr) << P.diagnostics();
  FunctionP J = makeJvpSignature(*F);
  buildJvpBody(*F, *J, P.generator());
  NameTable Names(*J);
  LinearizedProgram LP = linearize(*J, Names, P.generator().diags());
  std::vector<const Stmt *> Primal, Linear;
  collect(LP.Primal, Primal);
  collect(LP.Linear, Linear);
  for (const Stmt *S : Primal)
    EXPECT_FALSE(writesTangent(*S)) << "primal part writes a tangent";
  unsigned LinearWrites = 0;
  for (const Stmt *S : Linear) {
    LinearWrites += writesTangent(*S);
    // The linear part reads tangents, residuals and stable values only
    // (s, in the return, is not assigned after the loop: its final value).
    if (S->RHS)
      forEachVar(S->RHS, [&](const VarP &V) {
        EXPECT_TRUE(V->IsTangent || V->Name.rfind("_r", 0) == 0 ||
                    V->Name == "x" || V->Name == "w" || V->Name == "s")
            << V->Name;
      });
  }
  EXPECT_GE(LinearWrites, 2u);
  // The while loop's residuals live on the tape; its trip count too.
  ASSERT_NE(LP.Tape, nullptr);
  bool Counted = false;
  for (const Stmt *S : Linear)
    Counted |= S->TripCount != nullptr;
  EXPECT_TRUE(Counted);
  ASSERT_NE(LP.Ret, nullptr);
}

TEST(ReverseTest, TransposeRulesLiveInTheRuleTable) {
  Type D = Type::scalar(ScalarKind::Double);
  auto X = std::make_shared<Var>(), C = std::make_shared<Var>();
  X->Name = "dx";
  X->IsTangent = true;
  X->Ty = D;
  C->Name = "c";
  C->Ty = D;
  ExprP G = lit(2, D);
  // c * dx: the cotangent of dx is c * g (operand 1).
  auto Mul = binaryPrimitive(BinOp::Mul)
                 .Transpose({mkVar(C), mkVar(X)}, {false, true}, G);
  ASSERT_EQ(Mul.size(), 1u);
  EXPECT_EQ(Mul[0].first, 1u);
  EXPECT_EQ(emitExpr(Mul[0].second), "c * 2.0");
  // a - b, both linear: +g and -g.
  auto Sub = binaryPrimitive(BinOp::Sub)
                 .Transpose({mkVar(X), mkVar(X)}, {true, true}, G);
  ASSERT_EQ(Sub.size(), 2u);
  EXPECT_EQ(emitExpr(Sub[1].second), "-2.0");
  // Non-linear primitives have no transpose rule.
  EXPECT_EQ(findMathPrimitive("sin")->Transpose, nullptr);
}

TEST(ReverseTest, CanonicalLoopsRunByTheirBoundsWithoutATape) {
  // The first loop's transposed iterations are independent (each adds to
  // ct_a[i] and to x's cotangent): it runs forwards. The second's read
  // ct_b[i], which the next iteration adds to: it runs backwards.
  Parsed P(R"(
    double f(const double *a, double *b, double x, int n) {
      double s = 0;
      for (int i = 0; i < n; ++i)
        s += a[i] * x * x;
      for (int i = 1; i < n; ++i)
        b[i] += 0.5 * b[i - 1];
      return s;
    })");
  const Function *V = P.vjp("f");
  ASSERT_NE(V, nullptr) << P.diagnostics();
  std::string Code = emitDefinition(*V);
  size_t Sweep = Code.find("reverse sweep");
  ASSERT_NE(Sweep, std::string::npos) << Code;
  std::string Reverse = Code.substr(Sweep);
  EXPECT_TRUE(contains(Reverse, "for (int i = 0; i < n; ++i) {")) << Code;
  EXPECT_TRUE(contains(Reverse, "for (int i = n - 1; i >= 1; --i) {")) << Code;
  EXPECT_FALSE(contains(Code, "Tape")) << Code;
  EXPECT_FALSE(V->UsesTape);
  EXPECT_TRUE(contains(Code, "*ct_x += _ct_x;")) << Code;
}

TEST(ReverseTest, NormalizeTurnsExitsIntoFlags) {
  Parsed P(R"(
    double f(double x, int n) {
      for (int i = 0; i < n; ++i) {
        if (x > 10)
          break;
        if (i == 2)
          continue;
        x = x * 2;
      }
      if (x < 0)
        return -x;
      return x;
    })");
  const Function *F = P.lower("f");
  ASSERT_NE(F, nullptr) << P.diagnostics();
  NameTable Names(*F);
  FunctionP N = normalizeExits(*F, Names);
  ASSERT_NE(N, nullptr);
  std::string Code = emitDefinition(*N);
  EXPECT_TRUE(contains(Code, "while (!_brk0 && i < n) {")) << Code;
  EXPECT_TRUE(contains(Code, "_cont1 = true;")) << Code;
  EXPECT_TRUE(contains(Code, "if (!_done) {")) << Code;
  // One return, at the end.
  EXPECT_EQ(Code.find("return"), Code.rfind("return")) << Code;
  EXPECT_TRUE(contains(Code, "return _retval;\n}")) << Code;
  // Nothing to do for structured code.
  Parsed Q("double g(double x) { return x * x; }");
  NameTable QNames(*Q.lower("g"));
  EXPECT_EQ(normalizeExits(*Q.lower("g"), QNames), nullptr);
}
} // namespace
