//===- Frontend/Lower/Algorithms.cpp - <algorithm> and <numeric> ----------===//
//
// The basic algorithms of <algorithm> and <numeric> on ranges of scalars,
// lowered to the loops they are: std::fill and std::copy (statements),
// std::accumulate and std::inner_product (an accumulator and a loop,
// declared before the statement that reads them), std::max_element and
// std::min_element (the index of the first largest or smallest element,
// found by a loop before the statement; the call is supported
// dereferenced or as an index, `it - first`), std::min and std::max of a
// braced list (a left fold of the binary rule, which keeps the first of
// equal values as the standard does), and std::swap of two scalars (a
// temporary and two assignments).
//
// A range is two positions in one array (Positions.cpp): `v.begin(),
// v.end()` (or cbegin/cend) of a std::vector or std::array variable, or
// `a, a + n` of an array variable, or a local pointer or iterator, either
// end moved by `+ k` or `- k`; anything else is refused at the call.
//
//===----------------------------------------------------------------------===//
#include "Frontend/Lower/Lowerer.h"
#include "IR/Names.h"
#include "Rules/ExprBuilder.h"
#include "Rules/Rules.h"

#include "clang/AST/ExprCXX.h"

using namespace clang;

namespace tad {

namespace {
/// The std:: algorithm CE calls ("accumulate"), or "".
std::string algorithmName(const clang::Expr *E, const SourceManager &SM) {
  const auto *CE = dyn_cast<CallExpr>(withoutCopies(E));
  if (!CE || isa<CXXMemberCallExpr>(CE) || isa<CXXOperatorCallExpr>(CE))
    return "";
  const FunctionDecl *FD = CE->getDirectCallee();
  if (!FD || !FD->isInStdNamespace() ||
      !SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation())))
    return "";
  return FD->getNameAsString();
}

const char *const Supported =
    "tad models the ranges 'v.begin(), v.end()' of a std::vector or "
    "std::array variable and 'a, a + n' of an array variable (either end "
    "moved by '+ k' or '- k')";
} // namespace

Lowerer::Position Lowerer::rangeStart(const clang::Expr *E,
                                      const std::string &Algo) {
  std::optional<Position> P = position(E);
  if (!P)
    fail(E->getExprLoc(),
         "this range of 'std::" + Algo + "' is not supported: " + Supported);
  if (P->Base->Ty.isRecord())
    fail(E->getExprLoc(), "'std::" + Algo +
                              "' over structs is not supported yet: tad "
                              "models the algorithms on ranges of scalars; "
                              "loop over the elements");
  return *P;
}

std::pair<Lowerer::Position, ExprP> Lowerer::range(const clang::Expr *First,
                                                   const clang::Expr *Last,
                                                   const std::string &Algo) {
  Position A = rangeStart(First, Algo), B = rangeStart(Last, Algo);
  if (A.Root != B.Root) // the ends in two variables
    fail(Last->getExprLoc(),
         "this range of 'std::" + Algo + "' is not supported: " + Supported);
  return {A, B.Off};
}

ExprP Lowerer::element(const Position &P, ExprP K, SrcLoc L) {
  return mkIndex(P.Base, std::move(K), L);
}

void Lowerer::hoistHere(SourceLocation L, const std::string &Algo) {
  if ((CopyBack && !NoCopyBack) || InReturn)
    return;
  fail(L, "'std::" + Algo +
              "' is supported in a declaration, an assignment, a call, a "
              "return or an 'if' or loop condition only, not in a 'for' "
              "loop's initializer or increment: assign its result to a local "
              "first");
}

bool Lowerer::algorithmStmt(const clang::Expr *E, StmtList &Out) {
  std::string Algo = algorithmName(E, SM);
  if (Algo != "fill" && Algo != "copy" && Algo != "swap")
    return false;
  const auto *CE = cast<CallExpr>(withoutCopies(E));
  SourceLocation L = CE->getExprLoc();
  SrcLoc SL = loc(L);
  if (Algo == "swap") {
    if (CE->getNumArgs() != 2 || !scalarType(CE->getArg(0)->getType()) ||
        !scalarType(CE->getArg(1)->getType()))
      fail(L, "'std::swap' is supported on two scalars (variables, "
              "elements, members) only");
    ExprP A = expr(CE->getArg(0));
    VarP T = makeVar(freshName("_swap"), A->Ty.unqualified(), SL);
    T->Ty.Const = true;
    Out.push_back(mkDecl(T, A, SL));
    Out.push_back(mkAssign(lvalue(CE->getArg(0)), AssignOp::Set,
                           expr(CE->getArg(1)), SL));
    Out.push_back(
        mkAssign(lvalue(CE->getArg(1)), AssignOp::Set, mkVar(T, SL), SL));
    return true;
  }
  if (CE->getNumArgs() != 3)
    badArguments(CE, Algo);
  std::pair<Position, ExprP> RT = range(CE->getArg(0), CE->getArg(1), Algo);
  const Position &R = RT.first;
  const ExprP &To = RT.second;
  if (Algo == "fill") {
    // The value is computed once, converted to the element type.
    ExprP X = expr(CE->getArg(2));
    Type Elt = element(R, mkLit(0, sizeType()), SL)->Ty.unqualified();
    if (!X->Ty.sameScalar(Elt))
      X = mkCast(Elt, X, SL, true);
    if (!X->is(Expr::Kind::Lit)) {
      VarP T = makeVar(freshName("_value"), Elt, SL);
      T->Ty.Const = true;
      Out.push_back(mkDecl(T, X, SL));
      X = mkVar(T, SL);
    }
    Out.push_back(indexLoop(R.Off, To, SL, [&](const ExprP &K, StmtList &B) {
      B.push_back(mkAssign(element(R, K, SL), AssignOp::Set, X, SL));
    }));
    return true;
  }
  // std::copy(first, last, d_first): forward, element by element.
  Position D = rangeStart(CE->getArg(2), Algo);
  Out.push_back(indexLoop(R.Off, To, SL, [&](const ExprP &K, StmtList &B) {
    ExprP DK = addSize(D.Off, subSize(K, R.Off, SL), SL);
    ExprP X = element(R, K, SL);
    Type Elt = element(D, DK, SL)->Ty.unqualified();
    if (!X->Ty.sameScalar(Elt))
      X = mkCast(Elt, X, SL, true);
    B.push_back(mkAssign(element(D, DK, SL), AssignOp::Set, X, SL));
  }));
  return true;
}

ExprP Lowerer::extremum(const CallExpr *CE, const std::string &Algo) {
  SourceLocation L = CE->getExprLoc();
  SrcLoc SL = loc(L);
  if (CE->getNumArgs() != 2)
    badArguments(CE, Algo);
  hoistHere(L, Algo);
  std::pair<Position, ExprP> RT = range(CE->getArg(0), CE->getArg(1), Algo);
  const Position &R = RT.first;
  const ExprP &To = RT.second;
  // size_t _best = first; for (k = first + 1; k < last; ++k)
  //   if (a[_best] < a[k]) _best = k;   (min: a[k] < a[_best])
  VarP Best = makeVar(freshName("_best"), sizeType(), SL);
  PreCall.push_back(mkDecl(Best, R.Off, SL));
  bool Max = Algo == "max_element";
  PreCall.push_back(indexLoop(
      addSize(R.Off, mkLit(1, sizeType(), SL), SL), To, SL,
      [&](const ExprP &K, StmtList &B) {
        ExprP AB = element(R, mkVar(Best, SL), SL), AK = element(R, K, SL);
        StmtP If = mkStmt(Stmt::Kind::If, SL);
        If->Cond = mkBinary(BinOp::Lt, Max ? AB : AK, Max ? AK : AB,
                            Type::scalar(ScalarKind::Bool), SL);
        If->Body.push_back(mkAssign(mkVar(Best, SL), AssignOp::Set, K, SL));
        B.push_back(std::move(If));
      }));
  LastExtremum = R;
  return mkVar(Best, SL);
}

ExprP Lowerer::algorithm(const CallExpr *CE) {
  SourceLocation L = CE->getExprLoc();
  SrcLoc SL = loc(L);
  // *std::max_element(first, last): the element at the index.
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE);
      OC && OC->getOperator() == OO_Star && OC->getNumArgs() == 1)
    return extremumDeref(OC->getArg(0));
  // std::max_element(first, last) - first: the index, from first.
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE);
      OC && OC->getOperator() == OO_Minus && OC->getNumArgs() == 2)
    return extremumIndex(OC->getArg(0), OC->getArg(1), CE->getType(), L);
  std::string Algo = algorithmName(CE, SM);
  if (Algo.empty())
    return nullptr;
  if (Algo == "max_element" || Algo == "min_element")
    failResultUse(L, Algo);
  if (Algo == "fill" || Algo == "copy" || Algo == "swap")
    fail(L, "'std::" + Algo +
                "' is supported as a statement of its own only, not inside "
                "an expression");
  if ((Algo == "min" || Algo == "max") && CE->getNumArgs() >= 1 &&
      isa<CXXStdInitializerListExpr>(withoutCopies(CE->getArg(0)))) {
    const auto *SIL =
        cast<CXXStdInitializerListExpr>(withoutCopies(CE->getArg(0)));
    const auto *IL =
        dyn_cast<InitListExpr>(SIL->getSubExpr()->IgnoreImplicit());
    if (CE->getNumArgs() != 1 || !IL || IL->getNumInits() == 0)
      badArguments(CE, Algo); // a comparison, an empty list
    Type RT = lowerType(CE->getType(), L, "the result of this call");
    const Primitive *P = findMathPrimitive(Algo, 2);
    // A left fold: the binary rule keeps the first of equal values, as
    // std::max returns the first largest and std::min the first smallest.
    ExprP Acc = expr(IL->getInit(0));
    for (unsigned I = 1; I < IL->getNumInits(); ++I)
      Acc = mkBuiltinCall(P->Id, "std::" + Algo, {Acc, expr(IL->getInit(I))},
                          RT, SL);
    return Acc;
  }
  if (Algo != "accumulate" && Algo != "inner_product")
    return nullptr;
  unsigned N = CE->getNumArgs();
  bool Inner = Algo == "inner_product";
  if (Inner && N != 4) // with operations
    badArguments(CE, Algo);
  hoistHere(L, Algo);
  std::pair<Position, ExprP> RT = range(CE->getArg(0), CE->getArg(1), Algo);
  const Position &R = RT.first;
  const ExprP &To = RT.second;
  std::optional<Position> R2;
  if (Inner)
    R2 = rangeStart(CE->getArg(2), Algo);
  const clang::Expr *InitE = CE->getArg(Inner ? 3 : 2);
  Type AccTy = lowerType(CE->getType(), L, "the result of this call");
  Type Elt = element(R, mkLit(0, sizeType()), SL)->Ty.unqualified();
  if (!AccTy.sameScalar(Elt) || AccTy.IsPointer)
    fail(InitE->getExprLoc(),
         "the initial value of 'std::" + Algo + "' has type '" +
             InitE->getType().getAsString() +
             "', not the type of the elements: every partial sum would be "
             "converted to it; write the initial value in the element type "
             "(0.0 for double)");
  // The operation of accumulate(first, last, init, op): a lambda.
  const CXXMethodDecl *Op = nullptr;
  if (N == 4 && !Inner) {
    const clang::Expr *F = withoutCopies(CE->getArg(3));
    if (const auto *LE = dyn_cast<LambdaExpr>(F)) {
      Op = lambda(LE, freshName("_lambda"), PreCall);
    } else if (const auto *DRE = dyn_cast<DeclRefExpr>(F);
               DRE && Lambdas.count(DRE->getDecl())) {
      Op = Lambdas[DRE->getDecl()];
    } else {
      badArguments(CE, Algo);
    }
  }
  VarP Acc = makeVar(freshName("_acc"), AccTy.unqualified(), SL);
  PreCall.push_back(mkDecl(Acc, expr(InitE), SL));
  PreCall.push_back(indexLoop(R.Off, To, SL, [&](const ExprP &K, StmtList &B) {
    ExprP X = element(R, K, SL);
    if (Inner) {
      ExprP Y = element(*R2, addSize(R2->Off, subSize(K, R.Off, SL), SL), SL);
      if (!Y->Ty.sameScalar(Elt))
        fail(CE->getArg(2)->getExprLoc(),
             "the second range of 'std::inner_product' must hold elements "
             "of the type of the first");
      B.push_back(mkAssign(mkVar(Acc, SL), AssignOp::Add,
                           mkBinary(BinOp::Mul, X, Y, AccTy.unqualified(), SL),
                           SL));
    } else if (Op) {
      auto Call = std::make_shared<tad::Expr>(
          *mkUserCall("lambda", ClangFunctionSource::keyOf(Op),
                      {mkVar(Acc, SL), X}, AccTy.unqualified(), SL));
      Call->MustInline = true;
      B.push_back(mkAssign(mkVar(Acc, SL), AssignOp::Set, Call, SL));
    } else {
      B.push_back(mkAssign(mkVar(Acc, SL), AssignOp::Add, X, SL));
    }
  }));
  return mkVar(Acc, SL);
}

void Lowerer::failResultUse(SourceLocation L, const std::string &Algo) {
  fail(L, "the result of 'std::" + Algo +
              "' is supported dereferenced ('*std::" + Algo +
              "(first, last)') or as an index ('std::" + Algo +
              "(first, last) - first') only");
}

void Lowerer::badArguments(const CallExpr *CE, const std::string &Algo) {
  std::string Forms =
      Algo == "accumulate"
          ? "std::accumulate(first, last, init) and std::accumulate(first, "
            "last, init, op) with op a lambda of this function"
      : Algo == "inner_product"
          ? "std::inner_product(first1, last1, first2, init)"
      : Algo == "min" || Algo == "max"
          ? "std::" + Algo + "(a, b) and std::" + Algo + "({a, b, ...})"
      : Algo == "fill" ? "std::fill(first, last, value)"
      : Algo == "copy" ? "std::copy(first, last, d_first)"
                       : "std::" + Algo + "(first, last)";
  fail(CE->getExprLoc(), "'std::" + Algo +
                             "' with these arguments is not supported: tad "
                             "models " +
                             Forms);
}

ExprP Lowerer::extremumDeref(const clang::Expr *It) {
  std::string Algo = algorithmName(It, SM);
  if (Algo != "max_element" && Algo != "min_element")
    return nullptr;
  const auto *CE = cast<CallExpr>(withoutCopies(It));
  ExprP Best = extremum(CE, Algo);
  return element(LastExtremum, Best, loc(CE->getExprLoc()));
}

ExprP Lowerer::extremumIndex(const clang::Expr *It, const clang::Expr *First,
                             QualType T, SourceLocation L) {
  std::string Algo = algorithmName(It, SM);
  if (Algo != "max_element" && Algo != "min_element")
    return nullptr;
  const auto *CE = cast<CallExpr>(withoutCopies(It));
  ExprP Best = extremum(CE, Algo);
  Position F = rangeStart(First, Algo);
  if (F.Root != LastExtremum.Root)
    failResultUse(First->getExprLoc(), Algo);
  SrcLoc SL = loc(L);
  // As the canonical type (a library's difference_type is long).
  return mkCast(lowerType(T.getCanonicalType(), L, "this index"),
                subSize(Best, F.Off, SL), SL);
}
} // namespace tad
