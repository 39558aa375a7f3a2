//===- Analysis/Affine.cpp - integer index expressions as sums ------------===//
#include "Analysis/Affine.h"
#include "Rules/ExprBuilder.h"

#include <algorithm>
#include <cmath>

namespace tad {

namespace {
bool isIntLit(const Expr &E) {
  return E.is(Expr::Kind::Lit) && !E.Ty.isFloating() &&
         E.Value == std::floor(E.Value);
}

ExprP plusConst(ExprP E, long long C) {
  if (C == 0)
    return E;
  if (isIntLit(*E))
    return mkLit(E->Value + static_cast<double>(C), E->Ty.unqualified());
  BinOp Op = C > 0 ? BinOp::Add : BinOp::Sub;
  Type T = E->Ty.unqualified();
  return mkBinary(Op, E, mkLit(static_cast<double>(C > 0 ? C : -C), T), T);
}
} // namespace

void flatten(const ExprP &E, int Sign, AffineSum &A) {
  if (isIntLit(*E)) {
    A.Const += Sign * static_cast<long long>(E->Value);
    return;
  }
  if (E->is(Expr::Kind::Binary) &&
      (E->BOp == BinOp::Add || E->BOp == BinOp::Sub)) {
    flatten(E->op(0), Sign, A);
    flatten(E->op(1), E->BOp == BinOp::Add ? Sign : -Sign, A);
    return;
  }
  if (E->is(Expr::Kind::Unary) && E->UOp == UnOp::Neg) {
    flatten(E->op(0), -Sign, A);
    return;
  }
  A.Terms.push_back({Sign, E});
}

ExprP rebuild(const std::vector<std::pair<int, ExprP>> &Terms, long long C,
              const Type &T) {
  ExprP E;
  for (const auto &Term : Terms)
    E = Term.first > 0 ? (E ? add(E, Term.second) : Term.second)
                       : sub(E, Term.second);
  if (!E)
    return mkLit(static_cast<double>(C), T.unqualified());
  return plusConst(E, C);
}

ExprP offsetBy(const ExprP &E, long long C) {
  AffineSum A;
  flatten(E, 1, A);
  return rebuild(A.Terms, A.Const + C, E->Ty);
}

bool sameTerms(const std::vector<std::pair<int, ExprP>> &A,
               const std::vector<std::pair<int, ExprP>> &B) {
  if (A.size() != B.size())
    return false;
  std::vector<bool> Used(B.size());
  for (const auto &T : A) {
    bool Matched = false;
    for (size_t I = 0; I < B.size() && !Matched; ++I)
      if (!Used[I] && B[I].first == T.first && sameExpr(B[I].second, T.second))
        Used[I] = Matched = true;
    if (!Matched)
      return false;
  }
  return true;
}

bool mentions(const ExprP &E, const std::set<const Var *> &Vs) {
  bool Found = false;
  forEachVar(E, [&](const VarP &V) { Found |= Vs.count(V.get()) != 0; });
  return Found;
}

bool MonomialLess::operator()(const Monomial &A, const Monomial &B) const {
  return std::lexicographical_compare(
      A.begin(), A.end(), B.begin(), B.end(), [](const VarP &X, const VarP &Y) {
        return X->Name != Y->Name ? X->Name < Y->Name : X.get() < Y.get();
      });
}

namespace {
void addTo(Poly &P, const Monomial &M, long long C) {
  if (C == 0)
    return;
  long long &Slot = P[M];
  Slot += C;
  if (Slot == 0)
    P.erase(M);
}

Poly times(const Poly &A, const Poly &B) {
  Poly R;
  for (const auto &X : A)
    for (const auto &Y : B) {
      Monomial M = X.first;
      M.insert(M.end(), Y.first.begin(), Y.first.end());
      std::sort(M.begin(), M.end(), [](const VarP &L, const VarP &R) {
        return L->Name != R->Name ? L->Name < R->Name : L.get() < R.get();
      });
      addTo(R, M, X.second * Y.second);
    }
  return R;
}
} // namespace

bool expand(const ExprP &E, Poly &Out) {
  Out.clear();
  if (E->Ty.isFloating() || E->Ty.IsPointer)
    return false;
  if (isIntLit(*E)) {
    addTo(Out, {}, static_cast<long long>(E->Value));
    return true;
  }
  switch (E->K) {
  case Expr::Kind::VarRef:
    if (E->V->isArray())
      return false;
    Out[{E->V}] = 1;
    return true;
  case Expr::Kind::Unary: {
    if (E->UOp != UnOp::Neg || !expand(E->op(0), Out))
      return false;
    Out = scaled(Out, -1);
    return true;
  }
  case Expr::Kind::Binary: {
    Poly L, R;
    if (!expand(E->op(0), L) || !expand(E->op(1), R))
      return false;
    if (E->BOp == BinOp::Add)
      Out = minus(L, scaled(R, -1));
    else if (E->BOp == BinOp::Sub)
      Out = minus(L, R);
    else if (E->BOp == BinOp::Mul)
      Out = times(L, R);
    else
      return false;
    return true;
  }
  case Expr::Kind::Cast:
    return E->Implicit && expand(E->op(0), Out);
  default:
    return false;
  }
}

bool splitBy(const Poly &P, const Var *V, Poly &Stride, Poly &Rest) {
  Stride.clear();
  Rest.clear();
  for (const auto &T : P) {
    long long Count =
        std::count_if(T.first.begin(), T.first.end(),
                      [&](const VarP &X) { return X.get() == V; });
    if (Count > 1)
      return false;
    if (Count == 0) {
      addTo(Rest, T.first, T.second);
      continue;
    }
    Monomial M;
    for (const VarP &X : T.first)
      if (X.get() != V)
        M.push_back(X);
    addTo(Stride, M, T.second);
  }
  return true;
}

Poly minus(Poly A, const Poly &B) {
  for (const auto &T : B)
    addTo(A, T.first, -T.second);
  return A;
}

Poly scaled(Poly A, long long C) {
  Poly R;
  for (const auto &T : A)
    addTo(R, T.first, T.second * C);
  return R;
}

bool isConstant(const Poly &P, long long *Value) {
  if (P.empty()) {
    if (Value)
      *Value = 0;
    return true;
  }
  if (P.size() != 1 || !P.begin()->first.empty())
    return false;
  if (Value)
    *Value = P.begin()->second;
  return true;
}

ExprP toExpr(const Poly &P, const Type &T) {
  std::vector<std::pair<int, ExprP>> Terms;
  long long C = 0;
  for (const auto &Term : P) {
    if (Term.first.empty()) {
      C = Term.second;
      continue;
    }
    ExprP M;
    for (const VarP &V : Term.first)
      M = M ? mul(M, mkVar(V)) : mkVar(V);
    long long K = Term.second < 0 ? -Term.second : Term.second;
    if (K != 1)
      M = mul(mkLit(static_cast<double>(K), T.unqualified()), M);
    Terms.push_back({Term.second < 0 ? -1 : 1, M});
  }
  return rebuild(Terms, C, T);
}

} // namespace tad
