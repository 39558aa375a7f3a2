//===- Analysis/Monotone.cpp - injectivity proofs for f_inverse -----------===//
#include "Analysis/Monotone.h"
#include "Transforms/ExprBuilder.h"
#include "Transforms/Rules.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>

namespace tad {

namespace {

Type dbl() { return Type::scalar(ScalarKind::Double); }

const char *builtinName(const Expr &E) {
  return E.is(Expr::Kind::Call) && E.Builtin >= 0 ? primitive(E.Builtin).Name
                                                  : nullptr;
}
bool named(const Expr &E, std::initializer_list<const char *> Names) {
  const char *N = builtinName(E);
  if (!N)
    return false;
  for (const char *X : Names)
    if (!std::strcmp(N, X))
      return true;
  return false;
}

bool isLocation(const ExprP &E) {
  return E->is(Expr::Kind::VarRef) || E->is(Expr::Kind::Index) ||
         (E->is(Expr::Kind::Unary) && E->UOp == UnOp::Deref);
}

// Bounds are expressions (null: unbounded) folded where they are literal.
ExprP klit(double V) { return lit(V, dbl()); }
ExprP bAdd(const ExprP &A, const ExprP &B) {
  double X, Y;
  if (!A || !B)
    return nullptr;
  if (foldConstant(A, X) && foldConstant(B, Y))
    return klit(X + Y);
  if (isLitValue(A, 0))
    return B;
  if (isLitValue(B, 0))
    return A;
  return add(A, B);
}
ExprP bSub(const ExprP &A, const ExprP &B) {
  double X, Y;
  if (!A || !B)
    return nullptr;
  if (foldConstant(A, X) && foldConstant(B, Y))
    return klit(X - Y);
  if (isLitValue(B, 0))
    return A;
  return sub(A, B);
}
ExprP bMul(const ExprP &A, const ExprP &B) {
  double X, Y;
  if (!A || !B)
    return nullptr;
  if ((foldConstant(A, X) && X == 0) || (foldConstant(B, Y) && Y == 0))
    return klit(0);
  if (foldConstant(A, X) && foldConstant(B, Y))
    return klit(X * Y);
  return mul(A, B);
}
ExprP bDiv(const ExprP &A, const ExprP &B) {
  double X, Y;
  if (!A || !B)
    return nullptr;
  if (foldConstant(A, X) && X == 0)
    return klit(0);
  if (foldConstant(A, X) && foldConstant(B, Y) && Y != 0)
    return klit(X / Y);
  return div(A, B);
}
ExprP bMax(const ExprP &A, const ExprP &B) {
  double X, Y;
  if (!A || !B)
    return nullptr;
  if (foldConstant(A, X) && foldConstant(B, Y))
    return klit(std::fmax(X, Y));
  if (isLitValue(A, 0))
    return B;
  if (isLitValue(B, 0))
    return A;
  return mathCall("fmax", {convert(A, dbl()), convert(B, dbl())});
}
ExprP bAbs(const ExprP &C) {
  double X;
  if (foldConstant(C, X))
    return klit(std::fabs(X));
  return mathCall("fabs", {convert(C, dbl())});
}

enum class Mono { Const, Inc, Dec, None };
Mono flip(Mono M) {
  return M == Mono::Inc ? Mono::Dec : M == Mono::Dec ? Mono::Inc : M;
}
Mono scaled(Mono M, double C) {
  if (C == 0)
    return Mono::Const;
  return C > 0 ? M : flip(M);
}

/// The analyses of one Phi over its slots.
class Analyser {
  const SlotOf &Slot;
  const ExprText &Text;

public:
  std::string Why; ///< the first construct that defeated an analysis
  std::string SlotName = "the values it updates";

  Analyser(const SlotOf &Slot, const ExprText &Text) : Slot(Slot), Text(Text) {}

  /// Whether E reads a slot (or a location that may be one).
  bool depends(const ExprP &E) {
    if (!E)
      return false;
    if (isLocation(E))
      return Slot(E) != -1;
    for (const ExprP &O : E->Ops)
      if (depends(O))
        return true;
    return false;
  }

  void because(const std::string &W) {
    if (Why.empty())
      Why = W;
  }

  /// E = sum Coef * Atom + (terms without slots), Coef without slots.
  struct Term {
    ExprP Coef, Atom;
  };
  void split(const ExprP &E, const ExprP &Coef, std::vector<Term> &Out) {
    if (!depends(E))
      return;
    auto Times = [&](const ExprP &C) { return Coef ? mul(C, Coef) : C; };
    switch (E->K) {
    case Expr::Kind::Cast:
      return split(E->op(0), Coef, Out);
    case Expr::Kind::Unary:
      if (E->UOp == UnOp::Neg)
        return split(E->op(0), Coef ? neg(Coef) : klit(-1), Out);
      break;
    case Expr::Kind::Binary:
      switch (E->BOp) {
      case BinOp::Add:
        split(E->op(0), Coef, Out);
        return split(E->op(1), Coef, Out);
      case BinOp::Sub:
        split(E->op(0), Coef, Out);
        return split(E->op(1), Coef ? neg(Coef) : klit(-1), Out);
      case BinOp::Mul:
        if (!depends(E->op(0)))
          return split(E->op(1), Times(E->op(0)), Out);
        if (!depends(E->op(1)))
          return split(E->op(0), Times(E->op(1)), Out);
        break;
      case BinOp::Div:
        if (!depends(E->op(1)))
          return split(E->op(0), div(Coef ? Coef : klit(1), E->op(1)), Out);
        break;
      default:
        break;
      }
      break;
    default:
      break;
    }
    Out.push_back({Coef ? Coef : klit(1), E});
  }

  /// sup |E| (null: unbounded).
  ExprP value(const ExprP &E) {
    if (!depends(E))
      return bAbs(E);
    switch (E->K) {
    case Expr::Kind::Cast:
      return value(E->op(0));
    case Expr::Kind::Unary:
      return E->UOp == UnOp::Neg ? value(E->op(0)) : nullptr;
    case Expr::Kind::Binary:
      switch (E->BOp) {
      case BinOp::Add:
      case BinOp::Sub:
        return bAdd(value(E->op(0)), value(E->op(1)));
      case BinOp::Mul:
        return bMul(value(E->op(0)), value(E->op(1)));
      case BinOp::Div:
        return depends(E->op(1)) ? nullptr
                                 : bDiv(value(E->op(0)), bAbs(E->op(1)));
      default:
        return nullptr;
      }
    case Expr::Kind::Select:
      return depends(E->op(0)) ? nullptr
                               : bMax(value(E->op(1)), value(E->op(2)));
    case Expr::Kind::Call:
      if (named(*E, {"sin", "cos", "tanh", "erf"}))
        return klit(1);
      if (named(*E, {"erfc"}))
        return klit(2);
      if (named(*E, {"atan"}))
        return klit(M_PI / 2);
      if (named(*E, {"fmin", "fmax", "min", "max"}))
        return bMax(value(E->op(0)), value(E->op(1)));
      return nullptr;
    default:
      return nullptr;
    }
  }

  /// sup |dE/dx_J| over all values (null: unbounded; Why says where).
  ExprP slope(const ExprP &E, int J) {
    if (!depends(E))
      return klit(0);
    if (isLocation(E)) {
      int S = Slot(E);
      if (S == -2) {
        because("'" + Text(E) + "' may or may not be " + SlotName);
        return nullptr;
      }
      return klit(S == J ? 1 : 0);
    }
    switch (E->K) {
    case Expr::Kind::Cast:
      return slope(E->op(0), J);
    case Expr::Kind::Unary:
      if (E->UOp == UnOp::Neg)
        return slope(E->op(0), J);
      break;
    case Expr::Kind::Binary: {
      const ExprP &A = E->op(0), &B = E->op(1);
      switch (E->BOp) {
      case BinOp::Add:
      case BinOp::Sub:
        return bAdd(slope(A, J), slope(B, J));
      case BinOp::Mul:
        if (!depends(A))
          return bMul(bAbs(A), slope(B, J));
        if (!depends(B))
          return bMul(slope(A, J), bAbs(B));
        if (ExprP R =
                bAdd(bMul(value(A), slope(B, J)), bMul(value(B), slope(A, J))))
          return R;
        because("the slope of '" + Text(E) + "' is unbounded");
        return nullptr;
      case BinOp::Div:
        if (!depends(B))
          return bDiv(slope(A, J), bAbs(B));
        break;
      default:
        break;
      }
      break;
    }
    case Expr::Kind::Select:
      if (!depends(E->op(0)))
        return bMax(slope(E->op(1), J), slope(E->op(2), J));
      break;
    case Expr::Kind::Call: {
      double S = -1;
      if (named(*E, {"sin", "cos", "tanh", "atan", "fabs"}))
        S = 1;
      else if (named(*E, {"erf", "erfc"}))
        S = 2 / std::sqrt(M_PI);
      if (S > 0)
        return bMul(klit(S), slope(E->op(0), J));
      if (named(*E, {"fmin", "fmax", "min", "max"}))
        return bMax(slope(E->op(0), J), slope(E->op(1), J));
      if (named(*E, {"hypot"}))
        return bAdd(slope(E->op(0), J), slope(E->op(1), J));
      break;
    }
    default:
      break;
    }
    because("the slope of '" + Text(E) + "' is unbounded");
    return nullptr;
  }

  /// Flattens a product into its factors.
  void factors(const ExprP &E, std::vector<ExprP> &Out) {
    if (E->is(Expr::Kind::Binary) && E->BOp == BinOp::Mul) {
      factors(E->op(0), Out);
      factors(E->op(1), Out);
      return;
    }
    if (E->is(Expr::Kind::Cast))
      return factors(E->op(0), Out);
    Out.push_back(E);
  }

  /// An integer power B^P (P >= 1) of a base that reads the slot.
  Mono power(const ExprP &E, const ExprP &Base, double P) {
    if (P != std::floor(P)) // u^p, p not an integer: u >= 0
      return P > 0 ? monotone(Base) : flip(monotone(Base));
    if (P == 0)
      return Mono::Const;
    if (P < 0) {
      because("'" + Text(E) + "' has a pole");
      return Mono::None;
    }
    if (std::fmod(P, 2) == 0) {
      because("'" + Text(E) + "' is an even power of '" + Text(Base) + "'");
      return Mono::None;
    }
    return monotone(Base);
  }

  /// Whether E is strictly monotone in the (single) slot.
  Mono monotone(const ExprP &E) {
    if (!depends(E))
      return Mono::Const;
    if (isLocation(E)) {
      if (Slot(E) == 0)
        return Mono::Inc;
      because("'" + Text(E) + "' may or may not be " + SlotName);
      return Mono::None;
    }
    auto NotMonotone = [&] {
      because("'" + Text(E) + "' is not monotone");
      return Mono::None;
    };
    switch (E->K) {
    case Expr::Kind::Cast:
      return monotone(E->op(0));
    case Expr::Kind::Unary:
      if (E->UOp == UnOp::Neg)
        return flip(monotone(E->op(0)));
      return NotMonotone();
    case Expr::Kind::Binary: {
      const ExprP &A = E->op(0), &B = E->op(1);
      switch (E->BOp) {
      case BinOp::Add:
      case BinOp::Sub: {
        Mono MA = monotone(A), MB = monotone(B);
        if (E->BOp == BinOp::Sub)
          MB = flip(MB);
        if (MA == Mono::None || MB == Mono::None)
          return Mono::None;
        if (MA == Mono::Const || MA == MB)
          return MB;
        if (MB == Mono::Const)
          return MA;
        because("'" + Text(A) + "' and '" + Text(B) +
                "' change in opposite directions");
        return Mono::None;
      }
      case BinOp::Mul: {
        std::vector<ExprP> Fs;
        factors(E, Fs);
        double C = 1;
        ExprP Base;
        unsigned P = 0;
        for (const ExprP &F : Fs) {
          double V;
          if (!depends(F)) {
            if (!foldConstant(F, V)) {
              because("the sign of '" + Text(F) + "' in '" + Text(E) +
                      "' is not known at compile time");
              return Mono::None;
            }
            C *= V;
            continue;
          }
          if (Base && !sameExpr(Base, F)) {
            because("'" + Text(E) +
                    "' is a product of factors that depend on " + SlotName);
            return Mono::None;
          }
          Base = F;
          ++P;
        }
        return scaled(power(E, Base, P), C);
      }
      case BinOp::Div: {
        double V;
        if (!depends(B) && foldConstant(B, V) && V != 0)
          return scaled(monotone(A), V);
        if (!depends(B)) {
          because("the sign of '" + Text(B) + "' is not known at compile time");
          return Mono::None;
        }
        return NotMonotone();
      }
      default:
        return NotMonotone();
      }
    }
    case Expr::Kind::Select: {
      if (depends(E->op(0)))
        return NotMonotone();
      Mono T = monotone(E->op(1)), F = monotone(E->op(2));
      if (T == F && T != Mono::Const)
        return T;
      return NotMonotone();
    }
    case Expr::Kind::Call: {
      if (named(*E, {"sinh", "tanh", "exp", "exp2", "expm1", "log", "log2",
                     "log10", "log1p", "sqrt", "cbrt", "atan", "asin", "erf"}))
        return monotone(E->op(0));
      if (named(*E, {"acos", "erfc"}))
        return flip(monotone(E->op(0)));
      if (named(*E, {"pow"})) {
        double V;
        if (!depends(E->op(1)) && foldConstant(E->op(1), V))
          return power(E, E->op(0), V);
        if (!depends(E->op(0)) && foldConstant(E->op(0), V) && V > 0)
          return V == 1 ? Mono::Const
                        : scaled(monotone(E->op(1)), V > 1 ? 1 : -1);
        return NotMonotone();
      }
      if (named(*E, {"fmin", "fmax", "min", "max"})) {
        Mono A = monotone(E->op(0)), B = monotone(E->op(1));
        if (A == B && A != Mono::Const && A != Mono::None)
          return A;
        return NotMonotone();
      }
      return NotMonotone();
    }
    default:
      return NotMonotone();
    }
  }
};

} // namespace

bool foldConstant(const ExprP &E, double &Out) {
  if (!E)
    return false;
  double A, B;
  switch (E->K) {
  case Expr::Kind::Lit:
    Out = E->Value;
    return true;
  case Expr::Kind::Cast:
    return foldConstant(E->op(0), Out);
  case Expr::Kind::Unary:
    if (E->UOp != UnOp::Neg || !foldConstant(E->op(0), A))
      return false;
    Out = -A;
    return true;
  case Expr::Kind::Binary:
    if (!foldConstant(E->op(0), A) || !foldConstant(E->op(1), B))
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
  case Expr::Kind::Call:
    if (named(*E, {"fabs"}) && foldConstant(E->op(0), A)) {
      Out = std::fabs(A);
      return true;
    }
    if (named(*E, {"fmax", "fmin"}) && foldConstant(E->op(0), A) &&
        foldConstant(E->op(1), B)) {
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
