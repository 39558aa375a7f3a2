//===- Analysis/Monotone.cpp - injectivity proofs for f_inverse -----------===//
#include "Analysis/Monotone.h"
#include "Analysis/Slopes.h"
#include "Rules/ExprBuilder.h"
#include "Rules/Rules.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>

namespace tad {

using namespace slopes;

namespace {
Type dbl() { return Type::scalar(ScalarKind::Double); }
} // namespace

bool foldConstant(const ExprP &E, double &Out, bool ZeroAbsorbs) {
  if (!E)
    return false;
  double A, B;
  switch (E->K) {
  case Expr::Kind::Lit:
    Out = E->Value;
    return true;
  case Expr::Kind::Cast:
    return foldConstant(E->op(0), Out, ZeroAbsorbs);
  case Expr::Kind::Unary:
    if (E->UOp != UnOp::Neg || !foldConstant(E->op(0), A, ZeroAbsorbs))
      return false;
    Out = -A;
    return true;
  case Expr::Kind::Binary: {
    bool FA = foldConstant(E->op(0), A, ZeroAbsorbs),
         FB = foldConstant(E->op(1), B, ZeroAbsorbs);
    if (ZeroAbsorbs && E->BOp == BinOp::Mul &&
        ((FA && A == 0) || (FB && B == 0))) {
      Out = 0;
      return true;
    }
    if (!FA || !FB)
      return false;
    switch (E->BOp) {
    case BinOp::Add:
      Out = A + B;
      return true;
    case BinOp::Sub:
      Out = A - B;
      return true;
    case BinOp::Mul:
      Out = A * B;
      return true;
    case BinOp::Div:
      if (B == 0)
        return false;
      Out = A / B;
      return true;
    default:
      return false;
    }
  }
  case Expr::Kind::Call:
    if (named(*E, {"fabs"}) && foldConstant(E->op(0), A, ZeroAbsorbs)) {
      Out = std::fabs(A);
      return true;
    }
    if (named(*E, {"fmax", "fmin"}) && foldConstant(E->op(0), A, ZeroAbsorbs) &&
        foldConstant(E->op(1), B, ZeroAbsorbs)) {
      Out = named(*E, {"fmax"}) ? std::fmax(A, B) : std::fmin(A, B);
      return true;
    }
    return false;
  default:
    return false;
  }
}

StepProof proveStepInjective(const ExprP &Phi, const SlotOf &Slot,
                             const ExprText &Text,
                             const std::string &SlotName) {
  StepProof P;
  Analyser An(Slot, Text);
  An.SlotName = SlotName;
  std::vector<Analyser::Term> Terms;
  An.split(Phi, nullptr, Terms);
  ExprP A;               // the linear part's coefficient
  ExprP Bound = klit(0); // the sum of the bounded terms' slopes
  int Dir = 0;           // the monotone terms' direction
  std::string MonoText, BoundText, NotMono;
  for (const Analyser::Term &T : Terms) {
    if (isLocation(T.Atom) && Slot(T.Atom) == 0) {
      A = A ? add(A, T.Coef) : T.Coef;
      continue;
    }
    An.Why.clear();
    Mono M = An.monotone(T.Atom);
    std::string MonoWhy = An.Why;
    double C;
    if (M == Mono::Const)
      continue;
    if (M != Mono::None && foldConstant(T.Coef, C)) {
      int D = scaled(M, C) == Mono::Inc ? 1 : -1;
      if (Dir && D != Dir) {
        P.Why = "'" + MonoText + "' and '" + Text(T.Atom) +
                "' change in opposite directions";
        return P;
      }
      Dir = D;
      MonoText = Text(T.Atom);
      continue;
    }
    if (M != Mono::None)
      MonoWhy =
          "the sign of '" + Text(T.Coef) + "' is not known at compile time";
    // Not monotone (or of unknown sign): its slope must be bounded.
    An.Why.clear();
    ExprP S = An.slope(T.Atom, 0);
    if (!S) {
      P.Why = !MonoWhy.empty() ? MonoWhy : An.Why;
      return P;
    }
    Bound = bAdd(Bound, bMul(bAbs(T.Coef), S));
    if (BoundText.empty()) {
      BoundText = Text(T.Atom);
      NotMono = MonoWhy;
    }
  }
  if (!Dir && !A) {
    P.Why = !NotMono.empty()
                ? NotMono
                : SlotName + " enters only through terms that are not monotone";
    return P;
  }
  double AV = 0, BV = 0, MV;
  bool ALit = !A || foldConstant(A, AV), BLit = foldConstant(Bound, BV);
  bool HasBound = !(BLit && BV == 0);
  if (Dir && !A && !HasBound) { // monotone terms of one direction only
    P.Proved = true;
    P.Dir = klit(Dir);
    return P;
  }
  // The slope margin: s A - sum B (s = Dir), or |A| - sum B. Without
  // bounded terms, a monotone direction only needs s A >= 0.
  ExprP Margin = Dir ? bSub(A ? (Dir > 0 ? A : neg(A)) : klit(0), Bound)
                     : bSub(bAbs(A), Bound);
  bool Strict = HasBound || !Dir;
  P.Dir = Dir    ? klit(Dir)
          : ALit ? klit(AV > 0 ? 1 : -1)
                 : select(cmp(BinOp::Gt, A, lit(0, A->Ty)), klit(1), klit(-1),
                          dbl());
  if (ALit && BLit && foldConstant(Margin, MV)) {
    P.Proved = Strict ? MV > 0 : MV >= 0;
    if (P.Proved)
      return P;
    if (Dir && !HasBound) {
      P.Why = "its linear part in " + SlotName + " opposes '" + MonoText + "'";
      return P;
    }
    char Buf[64], ABuf[64];
    std::snprintf(Buf, sizeof Buf, "%g", BV);
    std::snprintf(ABuf, sizeof ABuf, "%g", AV);
    P.Why = "the slope of its linear part in " + SlotName + " (" +
            (A && !ALit ? Text(A) : std::string(ABuf)) +
            ") does not exceed the bound " + Buf + " on the slope of '" +
            BoundText + "'" + (NotMono.empty() ? "" : ", and " + NotMono);
    return P;
  }
  P.Proved = true;
  P.Margin = Margin;
  P.Cond = cmp(Strict ? BinOp::Gt : BinOp::Ge, Margin, klit(0));
  return P;
}

LumpProof proveLumpInjective(const std::vector<ExprP> &Phi, const SlotOf &Slot,
                             const ExprText &Text) {
  LumpProof P;
  size_t K = Phi.size();
  Analyser An(Slot, Text);
  std::vector<std::vector<ExprP>> B(K, std::vector<ExprP>(K, klit(0)));
  P.Diag.assign(K, nullptr);
  bool Affine = true;
  for (size_t I = 0; I < K; ++I) {
    std::vector<Analyser::Term> Terms;
    An.split(Phi[I], nullptr, Terms);
    for (const Analyser::Term &T : Terms) {
      int S = isLocation(T.Atom) ? Slot(T.Atom) : -3;
      if (S == -2) {
        P.Why = "'" + Text(T.Atom) + "' may or may not be a value it updates";
        return P;
      }
      if (S == int(I)) {
        P.Diag[I] = P.Diag[I] ? add(P.Diag[I], T.Coef) : T.Coef;
        continue;
      }
      if (S >= 0) {
        B[I][S] = bAdd(B[I][S], bAbs(T.Coef));
        continue;
      }
      Affine = false;
      for (size_t J = 0; J < K; ++J) {
        ExprP D = An.slope(T.Atom, int(J));
        if (!D) {
          P.Why = An.Why;
          return P;
        }
        B[I][J] = bAdd(B[I][J], bMul(bAbs(T.Coef), D));
      }
    }
  }
  if (Affine) {
    P.Proved = P.Affine = true;
    return P;
  }
  ExprP L = klit(0);
  for (size_t I = 0; I < K; ++I) {
    if (!P.Diag[I]) {
      P.Why = "its new value " + std::to_string(I) +
              " is not the old one plus a perturbation of bounded slope";
      return P;
    }
    ExprP Row = klit(0);
    for (size_t J = 0; J < K; ++J)
      Row = bAdd(Row, B[I][J]);
    L = bMax(L, bDiv(Row, bAbs(P.Diag[I])));
  }
  double LV;
  if (foldConstant(L, LV) && LV >= 1) {
    char Buf[64];
    std::snprintf(Buf, sizeof Buf, "%g", LV);
    P.Why = std::string("the bound ") + Buf +
            " on the slope of its nonlinear part, relative to the slope in "
            "the value each statement updates, is not below 1";
    return P;
  }
  P.Proved = true;
  P.L = L;
  return P;
}

bool lumpOutputs(const Function &Fn, size_t K, std::vector<ExprP> &Phi,
                 std::string &Why) {
  if (Fn.Params.empty())
    return false;
  const Var *S = Fn.Params[0].get();
  std::map<const Var *, ExprP> Env;
  std::map<long long, ExprP> Cur; // _s[j] -> its current value
  auto Element = [&](const ExprP &E, long long &J) {
    double V;
    if (!E->is(Expr::Kind::Index) || !E->op(0)->is(Expr::Kind::VarRef) ||
        E->op(0)->V.get() != S || !foldConstant(E->op(1), V))
      return false;
    J = static_cast<long long>(V);
    return true;
  };
  size_t Nodes = 0;
  std::function<ExprP(const ExprP &)> Subst = [&](const ExprP &E) -> ExprP {
    return rewriteExpr(E, [&](const ExprP &X) -> ExprP {
      ++Nodes;
      long long J;
      if (Element(X, J)) {
        auto It = Cur.find(J);
        return It != Cur.end() ? It->second : X;
      }
      if (X->is(Expr::Kind::VarRef)) {
        auto It = Env.find(X->V.get());
        return It != Env.end() ? It->second : nullptr;
      }
      return nullptr;
    });
  };
  for (const StmtP &St : Fn.Body) {
    long long J;
    if (St->is(Stmt::Kind::Decl) && St->Init && St->V->Dims.empty()) {
      Env[St->V.get()] = Subst(St->Init);
    } else if (St->is(Stmt::Kind::Assign) && Element(St->LHS, J)) {
      ExprP Old = Cur.count(J) ? Cur[J] : St->LHS;
      ExprP R = Subst(St->RHS);
      Type T = St->LHS->Ty.unqualified();
      switch (St->AOp) {
      case AssignOp::Set:
        Cur[J] = R;
        break;
      case AssignOp::Add:
        Cur[J] = mkBinary(BinOp::Add, Old, R, T);
        break;
      case AssignOp::Sub:
        Cur[J] = mkBinary(BinOp::Sub, Old, R, T);
        break;
      case AssignOp::Mul:
        Cur[J] = mkBinary(BinOp::Mul, Old, R, T);
        break;
      case AssignOp::Div:
        Cur[J] = mkBinary(BinOp::Div, Old, R, T);
        break;
      default:
        Why = "it updates a value with an operator tad cannot read";
        return false;
      }
    } else {
      Why = "tad cannot read it as straight-line code";
      return false;
    }
    if (Nodes > 100000) {
      Why = "it is too large to analyse";
      return false;
    }
  }
  Phi.clear();
  for (size_t I = 0; I < K; ++I) {
    auto It = Cur.find(static_cast<long long>(I));
    if (It == Cur.end()) {
      Why = "it does not update every value";
      return false;
    }
    Phi.push_back(It->second);
  }
  return true;
}

} // namespace tad
