//===- Rules/ExprBuilder.cpp - folding expression helpers -----------------===//
#include "Rules/ExprBuilder.h"
#include "Rules/Rules.h"

namespace tad {

ExprP lit(double V, const Type &Ty) { return mkLit(V, Ty.unqualified()); }

bool isLitValue(const ExprP &E, double V) {
  const Expr *X = E.get();
  while (X && X->is(Expr::Kind::Cast)) // 0 converted to double is still 0
    X = X->op(0).get();
  return X && X->is(Expr::Kind::Lit) && X->Value == V;
}

/// The type of A op B under C++'s usual arithmetic conversions (for the
/// scalar kinds the IR has).
static Type resultType(const ExprP &A, const ExprP &B) {
  bool FA = A && A->Ty.isFloating(), FB = B && B->Ty.isFloating();
  if (FA && FB) // the wider: long double, double, float
    return (B->Ty.Kind > A->Ty.Kind ? B : A)->Ty.unqualified();
  if (FA || !B)
    return A->Ty.unqualified();
  if (FB || !A)
    return B->Ty.unqualified();
  return A->Ty.unqualified();
}

ExprP add(ExprP A, ExprP B) {
  if (!A)
    return B;
  if (!B)
    return A;
  if (B->is(Expr::Kind::Unary) && B->UOp == UnOp::Neg)
    return sub(A, B->op(0));
  Type T = resultType(A, B);
  return mkBinary(BinOp::Add, std::move(A), std::move(B), T);
}

ExprP sub(ExprP A, ExprP B) {
  if (!B)
    return A;
  if (!A)
    return neg(B);
  Type T = resultType(A, B);
  return mkBinary(BinOp::Sub, std::move(A), std::move(B), T);
}

ExprP mul(ExprP A, ExprP B) {
  if (!A || !B || isLitValue(A, 0) || isLitValue(B, 0))
    return nullptr;
  if (isLitValue(A, 1))
    return B;
  if (isLitValue(B, 1))
    return A;
  Type T = resultType(A, B);
  return mkBinary(BinOp::Mul, std::move(A), std::move(B), T);
}

ExprP div(ExprP A, ExprP B) {
  if (!A)
    return nullptr;
  if (isLitValue(B, 1))
    return A;
  Type T = resultType(A, B);
  return mkBinary(BinOp::Div, std::move(A), std::move(B), T);
}

ExprP neg(ExprP A) {
  if (!A)
    return nullptr;
  if (A->is(Expr::Kind::Unary) && A->UOp == UnOp::Neg)
    return A->op(0);
  Type T = A->Ty.unqualified();
  return mkUnary(UnOp::Neg, std::move(A), T);
}

ExprP mathCall(const char *Name, std::vector<ExprP> Args) {
  const Primitive *P = findMathPrimitive(Name);
  Type T = resultType(Args[0], Args.size() > 1 ? Args[1] : nullptr);
  return mkBuiltinCall(P->Id, std::string("std::") + Name, std::move(Args), T);
}

ExprP sizeOf(const VarP &V, SrcLoc Loc) {
  Type Size = Type::integer("std::size_t");
  Size.Unsigned = true;
  if (V->Ty.Cont == Container::Vector)
    return mkBuiltinCall(findMathPrimitive(".size")->Id, ".size",
                         {mkVar(V, Loc)}, Size, Loc);
  std::uint64_t N = V->Ty.Cont == Container::Array ? V->Ty.ContN
                    : V->Dims.empty()              ? 0
                                                   : V->Dims[0];
  return mkLit(static_cast<double>(N), Size, Loc);
}

ExprP select(ExprP C, ExprP T, ExprP F, const Type &Ty) {
  if (!T && !F)
    return nullptr;
  return mkSelect(std::move(C), orZero(T, Ty), orZero(F, Ty), Ty.unqualified());
}

ExprP cmp(BinOp Op, ExprP A, ExprP B) {
  return mkBinary(Op, std::move(A), std::move(B),
                  Type::scalar(ScalarKind::Bool));
}

ExprP convert(ExprP A, const Type &Ty) {
  if (!A || A->Ty.sameScalar(Ty))
    return A;
  if (A->is(Expr::Kind::Lit))
    return lit(A->Value, Ty);
  return mkCast(Ty, std::move(A));
}

ExprP orZero(ExprP E, const Type &Ty) { return E ? E : lit(0, Ty); }

} // namespace tad
