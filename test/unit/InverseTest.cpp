//===- unit/InverseTest.cpp - steps, index distinctness, small LU ---------===//
#include "Analysis/Equasive.h"
#include "Analysis/Monotone.h"
#include "IR/Names.h"
#include "IR/Spelling.h"
#include "Rules/ExprBuilder.h"
#include "tad/dense.h"

#include <cmath>
#include <gtest/gtest.h>

using namespace tad;

namespace {
Type intTy() { return Type::integer("int"); }
Type dbl() { return Type::scalar(ScalarKind::Double); }
Type dblPtr(bool Restrict = false) {
  Type T = dbl();
  T.IsPointer = true;
  T.Restrict = Restrict;
  return T;
}
VarP param(const char *Name, Type T) {
  VarP V = makeVar(Name, T, {});
  V->IsParam = true;
  return V;
}
ExprP I(long long V) { return mkLit(double(V), intTy()); }
ExprP at(const VarP &A, ExprP Idx) { return mkIndex(mkVar(A), Idx, {}); }
ExprP iadd(ExprP A, ExprP B) {
  return mkBinary(BinOp::Add, std::move(A), std::move(B), intTy());
}
ExprP isub(ExprP A, ExprP B) {
  return mkBinary(BinOp::Sub, std::move(A), std::move(B), intTy());
}
ExprP imul(ExprP A, ExprP B) {
  return mkBinary(BinOp::Mul, std::move(A), std::move(B), intTy());
}
} // namespace

TEST(EquasiveTest, ConstantAndAffineIndices) {
  VarP X = param("x", dblPtr()), Ix = makeVar("i", intTy(), {});
  FixedInts None;
  EXPECT_EQ(overlap(at(X, I(0)), at(X, I(1)), None), Overlap::Distinct);
  EXPECT_EQ(overlap(at(X, I(2)), at(X, I(2)), None), Overlap::Same);
  ExprP Xi = at(X, mkVar(Ix)), Xim1 = at(X, isub(mkVar(Ix), I(1)));
  EXPECT_EQ(overlap(Xi, Xim1, None), Overlap::Distinct);
  // i and i - 1 + 1 are the same element.
  EXPECT_EQ(overlap(Xi, at(X, iadd(Xim1->op(1), I(1))), None), Overlap::Same);
  // A fixed local j = i - 1 is looked through.
  VarP J = makeVar("j", intTy(), {});
  FixedInts Fixed{{J.get(), isub(mkVar(Ix), I(1))}};
  EXPECT_EQ(overlap(Xi, at(X, mkVar(J)), Fixed), Overlap::Distinct);
  // x[i] and x[j] for unrelated i, j: unknown.
  VarP K = makeVar("k", intTy(), {});
  EXPECT_EQ(overlap(Xi, at(X, mkVar(K)), None), Overlap::Unknown);
}

TEST(EquasiveTest, LoopRangesProveOffsetsNonZero) {
  VarP X = param("x", dblPtr()), N = param("n", intTy());
  VarP Ix = makeVar("i", intTy(), {});
  // for (int i = 0; i < n; ++i): x[n + i] and x[i] differ by n >= 1.
  StmtP For = mkStmt(Stmt::Kind::For);
  For->ForInit.push_back(mkDecl(Ix, I(0)));
  For->Cond =
      mkBinary(BinOp::Lt, mkVar(Ix), mkVar(N), Type::scalar(ScalarKind::Bool));
  For->ForInc.push_back(mkAssign(mkVar(Ix), AssignOp::Add, I(1)));
  FixedInts None;
  ExprP Xi = at(X, mkVar(Ix)), Xni = at(X, iadd(mkVar(N), mkVar(Ix)));
  EXPECT_EQ(overlap(Xi, Xni, None), Overlap::Unknown);
  EXPECT_EQ(overlap(Xi, Xni, None, {For.get()}), Overlap::Distinct);
  // x[i] and x[n - i]: not provable.
  EXPECT_EQ(overlap(Xi, at(X, isub(mkVar(N), mkVar(Ix))), None, {For.get()}),
            Overlap::Unknown);
}

TEST(EquasiveTest, BranchConditionsProveIndicesDistinct) {
  VarP X = param("x", dblPtr());
  VarP Ix = makeVar("i", intTy(), {}), Jx = makeVar("j", intTy(), {});
  Type Bool = Type::scalar(ScalarKind::Bool);
  ExprP Xi = at(X, mkVar(Ix)), Xj = at(X, mkVar(Jx));
  FixedInts None;
  std::deque<StmtP> Store;
  auto Branch = [&](BinOp Op, ExprP A, ExprP B) {
    StmtP If = mkStmt(Stmt::Kind::If);
    If->Cond = mkBinary(Op, std::move(A), std::move(B), Bool);
    return If;
  };
  // if (j != i) and if (j < i): x[i] and x[j] in the body, not in the else.
  for (BinOp Op : {BinOp::Ne, BinOp::Lt}) {
    StmtP If = Branch(Op, mkVar(Jx), mkVar(Ix));
    const Stmt *Body = branchGuard(*If, false, Store);
    const Stmt *Else = branchGuard(*If, true, Store);
    ASSERT_TRUE(Body && Else);
    EXPECT_EQ(overlap(Xi, Xj, None, {Body}), Overlap::Distinct);
    EXPECT_EQ(overlap(Xi, Xj, None, {Else}), Overlap::Unknown);
  }
  // The else arm of i == j; x[2 i] and x[2 j] under j != i.
  StmtP Eq = Branch(BinOp::Eq, mkVar(Ix), mkVar(Jx));
  const Stmt *NotEq = branchGuard(*Eq, true, Store);
  ASSERT_TRUE(NotEq);
  EXPECT_EQ(overlap(Xi, Xj, None, {NotEq}), Overlap::Distinct);
  EXPECT_EQ(overlap(at(X, imul(I(2), mkVar(Ix))), at(X, imul(I(2), mkVar(Jx))),
                    None, {NotEq}),
            Overlap::Distinct);
  // An arm that assigns j says nothing.
  StmtP Ne = Branch(BinOp::Ne, mkVar(Jx), mkVar(Ix));
  Ne->Body.push_back(mkAssign(mkVar(Jx), AssignOp::Set, mkVar(Ix)));
  EXPECT_EQ(branchGuard(*Ne, false, Store), nullptr);
}

// Array parameters do not overlap (the aliasing rule of reverse mode),
// restrict or not; elements of one array are told apart by their indices.
TEST(EquasiveTest, ArrayParametersAreDistinct) {
  VarP P = param("p", dblPtr()), Q = param("q", dblPtr());
  VarP PR = param("pr", dblPtr(true)), QR = param("qr", dblPtr(true));
  FixedInts None;
  EXPECT_EQ(overlap(at(P, I(0)), at(Q, I(0)), None), Overlap::Distinct);
  EXPECT_EQ(overlap(at(PR, I(0)), at(QR, I(0)), None), Overlap::Distinct);
  EXPECT_EQ(overlap(at(P, I(0)), at(P, I(0)), None), Overlap::Same);
  EXPECT_EQ(overlap(at(P, I(0)), at(P, I(1)), None), Overlap::Distinct);
}

TEST(EquasiveTest, StepFormReadsPivotAndPartials) {
  // d_x[0] = d_x[0] * e + x0 * (e * d_x[1]): pivot e, b_1 = e * x0.
  VarP DX = param("d_x", dblPtr()), E = makeVar("e", dbl(), {});
  VarP X0 = makeVar("x0", dbl(), {});
  DX->IsTangent = true;
  ExprP D0 = at(DX, I(0)), D1 = at(DX, I(1));
  StmtP S = mkAssign(D0, AssignOp::Set,
                     add(mul(D0, mkVar(E)), mul(mkVar(X0), mul(mkVar(E), D1))));
  StepForm SF;
  ASSERT_TRUE(stepForm(*S, SF));
  EXPECT_EQ(emitExpr(SF.Pivot), "e");
  ASSERT_EQ(SF.Others.size(), 1u);
  EXPECT_EQ(emitExpr(SF.Others[0].At), "d_x[1]");
  EXPECT_EQ(emitExpr(SF.Others[0].Coef), "e * x0");
  // d_x[1] -= 2 * d_x[0]: pivot 1, b_0 = -2.
  StmtP T = mkAssign(D1, AssignOp::Sub, mul(mkLit(2, dbl()), D0));
  ASSERT_TRUE(stepForm(*T, SF));
  EXPECT_TRUE(isLitValue(SF.Pivot, 1));
  EXPECT_EQ(emitExpr(SF.Others[0].Coef), "-2.0");
  // d_x[1] = cos(x0) * d_x[0]: the old value is not used (pivot 0).
  StmtP U = mkAssign(D1, AssignOp::Set, mul(mkVar(X0), D0));
  ASSERT_TRUE(stepForm(*U, SF));
  EXPECT_EQ(SF.Pivot, nullptr);
}

TEST(EquasiveTest, StructurallyNonZeroPivots) {
  VarP X = makeVar("x", dbl(), {}), T = makeVar("_t0", dbl(), {});
  std::map<const Var *, ExprP> Defs{{T.get(), mathCall("exp", {mkVar(X)})}};
  EXPECT_TRUE(structurallyNonZero(mkVar(T), Defs));
  EXPECT_TRUE(structurallyNonZero(mkLit(3, dbl()), Defs));
  EXPECT_TRUE(structurallyNonZero(div(mkLit(1, dbl()), mkVar(X)), Defs));
  EXPECT_FALSE(structurallyNonZero(mkVar(X), Defs));
  EXPECT_FALSE(structurallyNonZero(mathCall("sin", {mkVar(X)}), Defs));
}

TEST(LuTest, SolvesTransposedSolvesAndLogDet) {
  // A = [[0, 2, 1], [1, 1, 0], [3, 0, 1]]: needs pivoting.
  const double A0[9] = {0, 2, 1, 1, 1, 0, 3, 0, 1};
  double Det = 0 * (1 * 1 - 0 * 0) - 2 * (1 * 1 - 0 * 3) + 1 * (1 * 0 - 1 * 3);
  double A[9], B[3] = {1, 2, 3}, X[3];
  std::copy(A0, A0 + 9, A);
  std::copy(B, B + 3, X);
  tad::lu_solve(3, A, X, "test");
  for (int R = 0; R < 3; ++R)
    EXPECT_NEAR(A0[R * 3] * X[0] + A0[R * 3 + 1] * X[1] + A0[R * 3 + 2] * X[2],
                B[R], 1e-14);
  std::copy(A0, A0 + 9, A);
  std::copy(B, B + 3, X);
  tad::lu_solve_transposed(3, A, X, "test");
  for (int C = 0; C < 3; ++C)
    EXPECT_NEAR(A0[C] * X[0] + A0[3 + C] * X[1] + A0[6 + C] * X[2], B[C],
                1e-14);
  std::copy(A0, A0 + 9, A);
  EXPECT_NEAR(tad::lu_logabsdet(3, A, "test"), std::log(std::fabs(Det)), 1e-14);
}

TEST(LuTest, LargeSystemsUseTheHeap) {
  const int N = 40; // above LuStackMax
  std::vector<double> A(N * N), A0, B(N), X;
  for (int R = 0; R < N; ++R)
    for (int C = 0; C < N; ++C)
      A[R * N + C] = (R == C ? 4.0 : 0.0) + std::sin(R * 7 + C * 3);
  for (int R = 0; R < N; ++R)
    B[R] = std::cos(R);
  A0 = A;
  X = B;
  tad::lu_solve(N, A.data(), X.data(), "test");
  for (int R = 0; R < N; ++R) {
    double S = 0;
    for (int C = 0; C < N; ++C)
      S += A0[R * N + C] * X[C];
    EXPECT_NEAR(S, B[R], 1e-12);
  }
}

namespace {
int Calls = 0;
void count(double, const char *) { ++Calls; }
} // namespace

TEST(LuTest, ZeroPivotCallsTheHandler) {
  tad::PivotHandler Old = tad::set_pivot_handler(count);
  double A[4] = {1, 2, 2, 4}, B[2] = {1, 1};
  Calls = 0;
  tad::lu_solve(2, A, B, "test");
  EXPECT_EQ(Calls, 1);
  EXPECT_EQ(tad::pivot(0.0, "x"), 0.0);
  EXPECT_EQ(Calls, 2);
  EXPECT_EQ(tad::pivot(2.0, "x"), 2.0);
  EXPECT_EQ(Calls, 2);
  tad::set_pivot_handler(Old);
}

TEST(DenseTest, WorkspaceBuildsColumns) {
  tad::Dense<double> D(2, 1);
  const double X[2] = {1, 2};
  D.save(0, X);
  for (int C = 0; C < D.size(); ++C) {
    D.begin(C);
    double *S = D.state(0), *T = D.tangent(0);
    // f(x) = (x0 + 2 x1, 3 x1): J = [[1, 2], [0, 3]]
    T[0] = T[0] + 2 * T[1];
    T[1] = 3 * T[1];
    S[0] += 2 * S[1];
    D.end(C);
  }
  double V[2] = {5, 3};
  D.rhs(0, V);
  D.solve("test");
  D.result(0, V);
  EXPECT_NEAR(V[0], 3, 1e-15); // J (3, 1) = (5, 3)
  EXPECT_NEAR(V[1], 1, 1e-15);
}

TEST(LuTest, SingularRelativeToTheScaleOfTheRows) {
  Calls = 0;
  tad::PivotHandler Old = tad::set_pivot_handler(count);
  for (double S : {1e-8, 1.0, 1e8}) {
    // s (I - ones / 3): rank 2; its last pivot is rounding noise.
    double A[9], B[3] = {1, 1, 1};
    for (int I = 0; I < 9; ++I)
      A[I] = S * ((I % 4 == 0 ? 1.0 : 0.0) - 1.0 / 3);
    Calls = 0;
    tad::lu_solve(3, A, B, "test");
    EXPECT_EQ(Calls, 1) << "scale " << S;
    // s (I - (1 - 1e-10) ones / 3): det s^3 1e-10, not singular.
    for (int I = 0; I < 9; ++I)
      A[I] = S * ((I % 4 == 0 ? 1.0 : 0.0) - (1 - 1e-10) / 3);
    Calls = 0;
    double LogDet = tad::lu_logabsdet(3, A, "test");
    EXPECT_EQ(Calls, 0) << "scale " << S;
    EXPECT_NEAR(LogDet, 3 * std::log(S) + std::log(1e-10), 1e-5);
    // A rotation at scale s.
    double R[4] = {0.6 * S, -0.8 * S, 0.8 * S, 0.6 * S}, V[2] = {S, 0};
    Calls = 0;
    tad::lu_solve(2, R, V, "test");
    EXPECT_EQ(Calls, 0);
    EXPECT_NEAR(V[0], 0.6, 1e-15);
    EXPECT_NEAR(V[1], -0.8, 1e-15);
  }
  // A badly scaled but exactly solvable matrix: each row at its own scale.
  double D[4] = {1e-150, 0, 0, 1e150}, E[2] = {1e-150, 1e150};
  Calls = 0;
  tad::lu_solve(2, D, E, "test");
  EXPECT_EQ(Calls, 0);
  EXPECT_DOUBLE_EQ(E[0], 1);
  EXPECT_DOUBLE_EQ(E[1], 1);
  // The scalar check: zero relative to the terms' magnitude.
  Calls = 0;
  EXPECT_EQ(tad::pivot(2.2e-16, 2 * 2.0, "x"), 2.2e-16);
  EXPECT_EQ(Calls, 1);
  EXPECT_EQ(tad::pivot(1e-12, 2 * 2.0, "x"), 1e-12);
  EXPECT_EQ(tad::pivot(1e-300, "x"), 1e-300); // exact: small is fine
  EXPECT_EQ(Calls, 1);
  tad::set_pivot_handler(Old);
}

namespace {
int InverseCalls = 0;
void countInverse(const char *, double, const char *) { ++InverseCalls; }

/// Solves phi(u) = y with tad::MonotoneSolve; Evals receives the count.
template <typename T, typename Phi, typename DPhi>
T solveMonotone(Phi F, DPhi D, T Y, int Dir, int &Evals) {
  tad::MonotoneSolve<T> S(Y, Dir, "test");
  Evals = 0;
  while (S.more()) {
    T U = S.at();
    S.put(F(U), D(U));
    ++Evals;
  }
  return S.root();
}
} // namespace

TEST(MonotoneSolveTest, SolvesStrictlyMonotoneStepsAtAllMagnitudes) {
  tad::InverseHandler Old = tad::set_inverse_handler(countInverse);
  auto Cubic = [](double U) { return U * U * U + U; };
  auto DCubic = [](double U) { return 3 * U * U + 1; };
  auto Cbrt = [](double U) { return std::cbrt(U) + U; };
  auto DCbrt = [](double U) {
    return 1 + 1 / (3 * std::cbrt(U) * std::cbrt(U));
  };
  auto Fall = [](double U) { return -U - U * U * U; };
  auto DFall = [](double U) { return -1 - 3 * U * U; };
  for (double M : {0.0, 1e-300, 1e-12, 0.3, 7.0, 1e8, 1e100, 1e300})
    for (double Y : {M, -M}) {
      int N;
      InverseCalls = 0;
      double U = solveMonotone<double>(Cubic, DCubic, Y, 1, N);
      EXPECT_NEAR(Cubic(U), Y, 1e-14 * std::fabs(Y)) << Y;
      EXPECT_LE(N, 200);
      U = solveMonotone<double>(Fall, DFall, Y, -1, N);
      EXPECT_NEAR(Fall(U), Y, 1e-14 * std::fabs(Y)) << Y;
      U = solveMonotone<double>(Cbrt, DCbrt, Y, 1, N);
      // cbrt(u) + u = 1e-300 has u = 1e-900: y is then between the
      // values at u's neighbours.
      double Lo = Cbrt(std::nextafter(U, -INFINITY)),
             Hi = Cbrt(std::nextafter(U, INFINITY));
      EXPECT_TRUE(std::fabs(Cbrt(U) - Y) <= 1e-14 * std::fabs(Y) ||
                  (Lo - Y) * (Hi - Y) <= 0)
          << Y;
      EXPECT_EQ(InverseCalls, 0);
    }
  // float
  int N;
  float F =
      solveMonotone<float>([](float U) { return U * U * U + U; },
                           [](float U) { return 3 * U * U + 1; }, 10.0f, 1, N);
  EXPECT_NEAR(F * F * F + F, 10.0f, 1e-5f);
  // Outside the range (tanh: (-1, 1)) and outside the domain (sqrt: y < 0).
  InverseCalls = 0;
  solveMonotone<double>(
      [](double U) { return std::tanh(U); },
      [](double U) { return 1 - std::tanh(U) * std::tanh(U); }, 1.5, 1, N);
  EXPECT_EQ(InverseCalls, 1);
  double R = solveMonotone<double>([](double U) { return std::sqrt(U); },
                                   [](double U) { return 0.5 / std::sqrt(U); },
                                   -2.0, 1, N);
  EXPECT_EQ(InverseCalls, 2);
  EXPECT_EQ(R, 0.0); // the best point: the end of the domain
  // A nan target is returned as it is, without a report.
  R = solveMonotone<double>(Cubic, DCubic, NAN, 1, N);
  EXPECT_TRUE(std::isnan(R));
  EXPECT_EQ(InverseCalls, 2);
  tad::set_inverse_handler(Old);
}

TEST(MonotoneTest, ProvesStepsInjectiveOrSaysWhyNot) {
  VarP X = param("x", dblPtr()), W = param("w", dbl());
  ExprP U = at(X, I(0)), V = at(X, I(1));
  SlotOf Slot = [&](const ExprP &E) { return sameExpr(E, U) ? 0 : -1; };
  ExprText Text = [](const ExprP &E) { return emitExpr(E); };
  auto Prove = [&](const ExprP &Phi) {
    return proveStepInjective(Phi, Slot, Text, "x[0]");
  };
  auto K = [](double C) { return lit(C, dbl()); };
  // Proved: x^3 + x, cbrt(x) + x, x + 0.5 sin(x) + x[1], -exp(x) - x.
  StepProof P = Prove(add(mul(mul(U, U), U), U));
  EXPECT_TRUE(P.Proved);
  EXPECT_FALSE(P.Cond);
  EXPECT_TRUE(isLitValue(P.Dir, 1));
  EXPECT_TRUE(Prove(add(mathCall("cbrt", {U}), U)).Proved);
  EXPECT_TRUE(Prove(add(add(U, mul(K(0.5), mathCall("sin", {U}))), V)).Proved);
  P = Prove(sub(neg(mathCall("exp", {U})), U));
  EXPECT_TRUE(P.Proved);
  EXPECT_TRUE(isLitValue(P.Dir, -1));
  // Not proved: x * x, x * x + 3, fabs, cosh, x + sin(x), x^3 - x.
  P = Prove(mul(U, U));
  EXPECT_FALSE(P.Proved);
  EXPECT_EQ(P.Why, "'x[0] * x[0]' is an even power of 'x[0]'");
  EXPECT_FALSE(Prove(add(mul(U, U), K(3))).Proved);
  EXPECT_FALSE(Prove(mathCall("fabs", {U})).Proved);
  EXPECT_FALSE(Prove(mathCall("cosh", {U})).Proved);
  EXPECT_FALSE(Prove(add(U, mathCall("sin", {U}))).Proved);
  EXPECT_FALSE(Prove(sub(mul(mul(U, U), U), U)).Proved);
  // w x + 0.5 sin(x): proved under |w| - 0.5 > 0, in the direction of w.
  P = Prove(add(mul(mkVar(W), U), mul(K(0.5), mathCall("sin", {U}))));
  EXPECT_TRUE(P.Proved);
  ASSERT_TRUE(P.Cond);
  EXPECT_EQ(emitExpr(P.Cond), "std::fabs(w) - 0.5 > 0.0");
}

TEST(MonotoneTest, LumpsAffineOrContractions) {
  VarP X = param("x", dblPtr()), H = param("h", dbl());
  ExprP A = at(X, I(0)), B = at(X, I(1));
  SlotOf Slot = [&](const ExprP &E) {
    return sameExpr(E, A) ? 0 : sameExpr(E, B) ? 1 : -1;
  };
  ExprText Text = [](const ExprP &E) { return emitExpr(E); };
  auto K = [](double C) { return lit(C, dbl()); };
  // A rotation: affine.
  LumpProof P = proveLumpInjective({sub(mul(K(0.6), A), mul(K(0.8), B)),
                                    add(mul(K(0.8), A), mul(K(0.6), B))},
                                   Slot, Text);
  EXPECT_TRUE(P.Proved && P.Affine);
  // x + h (tanh(y), -sin(x)): a contraction with L = |h| (run time).
  P = proveLumpInjective({add(A, mul(mkVar(H), mathCall("tanh", {B}))),
                          sub(B, mul(mkVar(H), mathCall("sin", {A})))},
                         Slot, Text);
  EXPECT_TRUE(P.Proved && !P.Affine);
  double L;
  EXPECT_FALSE(foldConstant(P.L, L));
  // With literal 0.3: L = 0.3.
  P = proveLumpInjective({add(A, mul(K(0.3), mathCall("tanh", {B}))),
                          sub(B, mul(K(0.3), mathCall("sin", {A})))},
                         Slot, Text);
  ASSERT_TRUE(P.Proved);
  ASSERT_TRUE(foldConstant(P.L, L));
  EXPECT_DOUBLE_EQ(L, 0.3);
  // z^2 (x^2 - y^2, 2 x y): not injective.
  P = proveLumpInjective({sub(mul(A, A), mul(B, B)), mul(mul(K(2), A), B)},
                         Slot, Text);
  EXPECT_FALSE(P.Proved);
}
