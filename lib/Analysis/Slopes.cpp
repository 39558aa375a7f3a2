//===- Analysis/Slopes.cpp - slope and monotonicity of expressions --------===//
#include "Analysis/Slopes.h"
#include "Rules/ExprBuilder.h"
#include "Rules/Rules.h"

#include <cmath>
#include <cstring>

namespace tad {
namespace slopes {

namespace {
Type dbl() { return Type::scalar(ScalarKind::Double); }
const char *builtinName(const Expr &E) {
  return E.is(Expr::Kind::Call) && E.Builtin >= 0 ? primitive(E.Builtin).Name
                                                  : nullptr;
}
} // namespace

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

Mono flip(Mono M) {
  return M == Mono::Inc ? Mono::Dec : M == Mono::Dec ? Mono::Inc : M;
}
Mono scaled(Mono M, double C) {
  if (C == 0)
    return Mono::Const;
  return C > 0 ? M : flip(M);
}

bool Analyser::depends(const ExprP &E) {
  if (!E)
    return false;
  if (isLocation(E))
    return Slot(E) != -1;
  for (const ExprP &O : E->Ops)
    if (depends(O))
      return true;
  return false;
}

void Analyser::because(const std::string &W) {
  if (Why.empty())
    Why = W;
}

void Analyser::split(const ExprP &E, const ExprP &Coef,
                     std::vector<Term> &Out) {
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

ExprP Analyser::value(const ExprP &E) {
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
    return depends(E->op(0)) ? nullptr : bMax(value(E->op(1)), value(E->op(2)));
  case Expr::Kind::Call:
    if (named(*E, {"sin", "cos", "tanh", "erf"}))
      return klit(1);
    if (named(*E, {"erfc"}))
      return klit(2);
    if (named(*E, {"atan"}))
      return klit(M_PI / 2);
    if (named(*E, {"fmin", "fmax", "min", "max"}))
      return bMax(value(E->op(0)), value(E->op(1)));
    if (named(*E, {"clamp"})) // one of its three operands
      return bMax(bMax(value(E->op(0)), value(E->op(1))), value(E->op(2)));
    return nullptr;
  default:
    return nullptr;
  }
}

ExprP Analyser::slope(const ExprP &E, int J) {
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
    if (named(*E, {"clamp"})) // continuous, piecewise one operand
      return bMax(bMax(slope(E->op(0), J), slope(E->op(1), J)),
                  slope(E->op(2), J));
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

void Analyser::factors(const ExprP &E, std::vector<ExprP> &Out) {
  if (E->is(Expr::Kind::Binary) && E->BOp == BinOp::Mul) {
    factors(E->op(0), Out);
    factors(E->op(1), Out);
    return;
  }
  if (E->is(Expr::Kind::Cast))
    return factors(E->op(0), Out);
  Out.push_back(E);
}

Mono Analyser::power(const ExprP &E, const ExprP &Base, double P) {
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

Mono Analyser::monotone(const ExprP &E) {
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
          because("'" + Text(E) + "' is a product of factors that depend on " +
                  SlotName);
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

} // namespace slopes
} // namespace tad
