//===- test/unit/IRTest.cpp - IR construction, printing, emission ---------===//
#include "IR/IR.h"
#include "Emit/Emitter.h"
#include "IR/Printer.h"
#include "IR/Spelling.h"

#include <gtest/gtest.h>

using namespace tad;

namespace {
VarP var(const char *Name, Type Ty, bool Param = false) {
  auto V = std::make_shared<Var>();
  V->Name = Name;
  V->Ty = Ty;
  V->IsParam = Param;
  return V;
}
const Type Dbl = Type::scalar(ScalarKind::Double);
const Type Flt = Type::scalar(ScalarKind::Float);

TEST(IRTest, TypesPrintAsCpp) {
  Type P = Dbl;
  P.IsPointer = true;
  P.PointeeConst = true;
  P.Restrict = true;
  EXPECT_EQ(cppType(P), "const double *__restrict__ ");
  EXPECT_EQ(cppType(Type::integer("std::size_t")), "std::size_t");
  EXPECT_EQ(P.element().Kind, ScalarKind::Double);
  EXPECT_TRUE(P.element().Const);
  EXPECT_FALSE(P.element().IsPointer);
}

TEST(IRTest, LiteralsRoundTrip) {
  EXPECT_EQ(cppLiteral(*mkLit(0.1, Dbl)), "0.1");
  EXPECT_EQ(cppLiteral(*mkLit(2, Dbl)), "2.0");
  EXPECT_EQ(cppLiteral(*mkLit(0.5, Flt)), "0.5f");
  EXPECT_EQ(cppLiteral(*mkLit(3, Type::integer("int"))), "3");
  EXPECT_EQ(cppLiteral(*mkLit(1e300, Dbl)), "1e+300");
  EXPECT_EQ(cppLiteral(*mkLit(1.5, Dbl, {}, "1.5e0")), "1.5e0");
}

TEST(IRTest, EmitterKeepsAssociationAndAvoidsTokenPasting) {
  VarP A = var("a", Dbl), B = var("b", Dbl), C = var("c", Dbl);
  ExprP BC = mkBinary(BinOp::Sub, mkVar(B), mkVar(C), Dbl);
  EXPECT_EQ(emitExpr(mkBinary(BinOp::Sub, mkVar(A), BC, Dbl)), "a - (b - c)");
  EXPECT_EQ(emitExpr(mkBinary(BinOp::Sub, BC, mkVar(A), Dbl)), "b - c - a");
  // Floating-point addition is not associative: keep the user's grouping.
  ExprP Sum = mkBinary(BinOp::Add, mkVar(B), mkVar(C), Dbl);
  EXPECT_EQ(emitExpr(mkBinary(BinOp::Add, mkVar(A), Sum, Dbl)), "a + (b + c)");
  EXPECT_EQ(emitExpr(mkBinary(BinOp::Mul, Sum, mkVar(A), Dbl)), "(b + c) * a");
  ExprP NegA = mkUnary(UnOp::Neg, mkVar(A), Dbl);
  EXPECT_EQ(emitExpr(mkUnary(UnOp::Neg, NegA, Dbl)), "-(-a)");
  EXPECT_EQ(emitExpr(mkUnary(UnOp::Neg, mkLit(-1, Dbl), Dbl)), "-(-1.0)");
  Type Bool = Type::scalar(ScalarKind::Bool);
  ExprP Lt = mkBinary(BinOp::Lt, mkVar(A), mkVar(B), Bool);
  ExprP And = mkBinary(BinOp::LAnd, Lt, Lt, Bool);
  // -Wparentheses wants && inside || parenthesised.
  EXPECT_EQ(emitExpr(mkBinary(BinOp::LOr, And, Lt, Bool)),
            "(a < b && a < b) || a < b");
  EXPECT_EQ(emitExpr(mkSelect(Lt, mkVar(A), NegA, Dbl)), "a < b ? a : -a");
}

TEST(IRTest, ImplicitCastsPrintOnlyWhereMeaningIsKept) {
  Type Int = Type::integer("int");
  VarP I = var("i", Int), J = var("j", Int);
  EXPECT_EQ(emitExpr(mkCast(Dbl, mkVar(I), {}, /*Implicit=*/true)), "i");
  ExprP Div = mkBinary(BinOp::Div, mkVar(I), mkVar(J), Int);
  EXPECT_EQ(emitExpr(mkCast(Dbl, Div, {}, true)), "static_cast<double>(i / j)");
  EXPECT_EQ(emitExpr(mkCast(Flt, mkVar(I))), "static_cast<float>(i)");
}

TEST(IRTest, CloneIsDeepForStatementsAndDumpShowsStructure) {
  auto F = std::make_unique<Function>();
  F->Name = "f";
  F->RetTy = Dbl;
  VarP X = var("x", Dbl, true), N = var("n", Type::integer("int"), true);
  F->Params = {X, N};
  VarP I = var("i", Type::integer("int"));
  StmtP Loop = mkStmt(Stmt::Kind::For);
  Loop->ForInit.push_back(mkDecl(I, mkLit(0, I->Ty)));
  Loop->Cond =
      mkBinary(BinOp::Lt, mkVar(I), mkVar(N), Type::scalar(ScalarKind::Bool));
  Loop->ForInc.push_back(mkAssign(mkVar(I), AssignOp::Add, mkLit(1, I->Ty)));
  Loop->Body.push_back(mkAssign(mkVar(X), AssignOp::Mul,
                                mkBuiltinCall(0, "std::sin", {mkVar(X)}, Dbl)));
  F->Body.push_back(std::move(Loop));
  F->Body.push_back(mkReturn(mkVar(X)));

  StmtP Copy = cloneStmt(*F->Body[0]);
  Copy->Body.clear();
  EXPECT_EQ(F->Body[0]->Body.size(), 1u) << "clone shares statements";

  std::string IR = dumpIR(*F);
  EXPECT_NE(IR.find("function f(%x: double, %n: int) -> double"),
            std::string::npos)
      << IR;
  EXPECT_NE(IR.find("cond (< %i %n):bool"), std::string::npos) << IR;
  EXPECT_NE(IR.find("assign %x *= (call builtin std::sin %x):double"),
            std::string::npos)
      << IR;
  EXPECT_NE(IR.find("return %x"), std::string::npos) << IR;

  std::string Cpp = emitDefinition(*F);
  EXPECT_NE(Cpp.find("for (int i = 0; i < n; ++i) {"), std::string::npos)
      << Cpp;
  EXPECT_NE(Cpp.find("x *= std::sin(x);"), std::string::npos) << Cpp;
}
} // namespace
