//===- Rules/Rules.cpp - the rule table -----------------------------------===//
#include "Rules/Rules.h"
#include "Rules/ExprBuilder.h"

#include <cctype>
#include <cstring>

namespace tad {

namespace {
constexpr double Ln2 = 0.69314718055994530942;
constexpr double Ln10 = 2.30258509299404568402;
constexpr double TwoOverSqrtPi = 1.12837916709551257390;

// Shorthands for the rules below.
ExprP u(const JvpArgs &A) { return A.X[0]; }
ExprP v(const JvpArgs &A) { return A.X[1]; }
ExprP du(const JvpArgs &A) { return A.DX[0]; }
ExprP dv(const JvpArgs &A) { return A.DX[1]; }
ExprP one(const JvpArgs &A) { return lit(1, A.Ty); }
ExprP k(const JvpArgs &A, double V) { return lit(V, A.Ty); }
ExprP sq(ExprP E) { return mul(E, E); }

/// The contributions to the operands that are linear.
std::vector<std::pair<unsigned, ExprP>>
keep(const std::vector<bool> &Linear,
     std::vector<std::pair<unsigned, ExprP>> All) {
  std::vector<std::pair<unsigned, ExprP>> Out;
  for (auto &P : All)
    if (P.first < Linear.size() && Linear[P.first])
      Out.push_back(std::move(P));
  return Out;
}

/// The literal E is, looking through conversions, or null.
const Expr *asLiteral(const ExprP &E) {
  const Expr *X = E.get();
  while (X && X->is(Expr::Kind::Cast))
    X = X->op(0).get();
  return X && X->is(Expr::Kind::Lit) ? X : nullptr;
}

/// v - 1, folded when v is a literal.
ExprP minusOne(const JvpArgs &A) {
  if (const Expr *L = asLiteral(v(A)))
    return lit(L->Value - 1, v(A)->Ty);
  return sub(v(A), lit(1, v(A)->Ty));
}

ExprP powRule(const JvpArgs &A) {
  ExprP Term1;
  if (du(A)) {
    ExprP Exp = minusOne(A);
    ExprP Power = isLitValue(Exp, 1)   ? u(A)
                  : isLitValue(Exp, 0) ? nullptr
                                       : mathCall("pow", {u(A), Exp});
    const Expr *VL = asLiteral(v(A));
    if (VL && VL->Value == 0)
      return Term1; // d(u^0) = 0, also where u = 0
    ExprP Coef = Power ? mul(convert(v(A), A.Ty), Power) : convert(v(A), A.Ty);
    // v * u^(v-1) is 0 * inf at u = 0 when v = 0 at run time: guard it.
    if (!VL)
      Coef =
          select(cmp(BinOp::Eq, v(A), lit(0, v(A)->Ty)), nullptr, Coef, A.Ty);
    Term1 = mul(Coef, du(A));
  }
  ExprP Term2 =
      dv(A) ? mul(mul(A.Result, mathCall("log", {u(A)})), dv(A)) : nullptr;
  return add(Term1, Term2);
}

/// A derivative that is zero (piecewise-constant functions, predicates,
/// constants).
ExprP zero(const JvpArgs &) { return nullptr; }

/// tad::digamma(E), in the runtime header tad/maths.h.
ExprP digamma(ExprP E, const Type &Ty) {
  return mkUserCall("tad::digamma", nullptr, {std::move(E)}, Ty.unqualified());
}

/// The boolean maths function Name (signbit, isnan) of E.
ExprP predicate(const char *Name, ExprP E) {
  const Primitive *P = findMathPrimitive(Name);
  return mkBuiltinCall(P->Id, std::string("std::") + Name, {std::move(E)},
                       Type::scalar(ScalarKind::Bool));
}

/// fmod and remainder: r = u - n v, d = du - n dv with
/// n = rint((u - r) / v).
ExprP remainderRule(const JvpArgs &A) {
  if (!dv(A))
    return du(A);
  ExprP N = mathCall("rint", {div(sub(u(A), A.Result), v(A))});
  return sub(du(A), mul(N, dv(A)));
}

/// The row of the shuffle Name with Arity operands (the table is built
/// when a rule runs).
const Primitive *shuffleRow(const char *Name, size_t Arity);

/// A warp shuffle (__shfl_down_sync(mask, x, d), ...): the same shuffle of
/// the tangent. Linear in x; the mask and the lane operand are integers.
ExprP shuffleJvp(const char *Name, const JvpArgs &A) {
  if (!A.DX[1])
    return nullptr;
  std::vector<ExprP> Ops = A.X;
  Ops[1] = A.DX[1];
  return mkBuiltinCall(shuffleRow(Name, Ops.size())->Id, Name, Ops, A.Ty);
}

/// The transpose of a shuffle: a call of the helper of tad/cuda.h that
/// sends the cotangent back to the lane it was read from
/// (tad::shfl_down_sync_transpose: __shfl_up_sync of the cotangent from the
/// lanes whose read was in range, plus a lane's own cotangent where it read
/// itself; xor: the same xor; __shfl_sync: the warp's sum, to the source
/// lane).
std::vector<std::pair<unsigned, ExprP>>
shuffleTranspose(const char *Helper, const std::vector<ExprP> &X,
                 const std::vector<bool> &L, ExprP G) {
  Type Ty = G->Ty.unqualified();
  std::vector<ExprP> Ops = X; // the mask, g, the lane operand[, the width]
  Ops[1] = G;
  return keep(L, {{1, mkUserCall(Helper, nullptr, Ops, Ty)}});
}

std::vector<Primitive> makeTable() {
  std::vector<Primitive> T = {
      // Arithmetic operators.
      {0, "+", 2, false, [](const JvpArgs &A) { return add(du(A), dv(A)); },
       [](const std::vector<ExprP> &, const std::vector<bool> &L, ExprP G) {
         return keep(L, {{0, G}, {1, G}});
       }},
      {0, "-", 2, false, [](const JvpArgs &A) { return sub(du(A), dv(A)); },
       [](const std::vector<ExprP> &, const std::vector<bool> &L, ExprP G) {
         return keep(L, {{0, G}, {1, neg(G)}});
       }},
      {0, "*", 2, false,
       [](const JvpArgs &A) {
         // x * x: 2 (x dx), the same value, one term for reverse mode.
         if (du(A) && sameExpr(u(A), v(A)) && sameExpr(du(A), dv(A)))
           return mul(k(A, 2), mul(u(A), du(A)));
         return add(mul(du(A), v(A)), mul(u(A), dv(A)));
       },
       // Bilinear: exactly one operand may be linear.
       [](const std::vector<ExprP> &X, const std::vector<bool> &L, ExprP G) {
         return keep(L, {{0, mul(G, X[1])}, {1, mul(X[0], G)}});
       }},
      {0, "/", 2, false,
       [](const JvpArgs &A) {
         if (!dv(A))
           return div(du(A), v(A));
         return div(sub(mul(du(A), v(A)), mul(u(A), dv(A))), sq(v(A)));
       },
       // Linear in the dividend only.
       [](const std::vector<ExprP> &X, const std::vector<bool> &L, ExprP G) {
         return keep(L, {{0, div(G, X[1])}});
       }},
      {0, "neg", 1, false, [](const JvpArgs &A) { return neg(du(A)); },
       [](const std::vector<ExprP> &, const std::vector<bool> &L, ExprP G) {
         return keep(L, {{0, neg(G)}});
       }},
      // <cmath>.
      {0, "sin", 1, false,
       [](const JvpArgs &A) { return mul(mathCall("cos", {u(A)}), du(A)); }},
      {0, "cos", 1, false,
       [](const JvpArgs &A) {
         return neg(mul(mathCall("sin", {u(A)}), du(A)));
       }},
      {0, "tan", 1, true,
       [](const JvpArgs &A) { return mul(add(one(A), sq(A.Result)), du(A)); }},
      {0, "asin", 1, false,
       [](const JvpArgs &A) {
         return div(du(A), mathCall("sqrt", {sub(one(A), sq(u(A)))}));
       }},
      {0, "acos", 1, false,
       [](const JvpArgs &A) {
         return neg(div(du(A), mathCall("sqrt", {sub(one(A), sq(u(A)))})));
       }},
      {0, "atan", 1, false,
       [](const JvpArgs &A) { return div(du(A), add(one(A), sq(u(A)))); }},
      {0, "atan2", 2, false,
       [](const JvpArgs &A) { // atan2(y, x): (x dy - y dx) / (x^2 + y^2)
         return div(sub(mul(v(A), du(A)), mul(u(A), dv(A))),
                    add(sq(v(A)), sq(u(A))));
       }},
      {0, "sinh", 1, false,
       [](const JvpArgs &A) { return mul(mathCall("cosh", {u(A)}), du(A)); }},
      {0, "cosh", 1, false,
       [](const JvpArgs &A) { return mul(mathCall("sinh", {u(A)}), du(A)); }},
      {0, "tanh", 1, true,
       [](const JvpArgs &A) { return mul(sub(one(A), sq(A.Result)), du(A)); }},
      {0, "exp", 1, true,
       [](const JvpArgs &A) { return mul(A.Result, du(A)); }},
      {0, "exp2", 1, true,
       [](const JvpArgs &A) { return mul(mul(A.Result, k(A, Ln2)), du(A)); }},
      {0, "expm1", 1, true,
       [](const JvpArgs &A) { return mul(add(A.Result, one(A)), du(A)); }},
      {0, "log", 1, false, [](const JvpArgs &A) { return div(du(A), u(A)); }},
      {0, "log2", 1, false,
       [](const JvpArgs &A) { return div(du(A), mul(u(A), k(A, Ln2))); }},
      {0, "log10", 1, false,
       [](const JvpArgs &A) { return div(du(A), mul(u(A), k(A, Ln10))); }},
      {0, "log1p", 1, false,
       [](const JvpArgs &A) { return div(du(A), add(one(A), u(A))); }},
      {0, "sqrt", 1, true,
       [](const JvpArgs &A) { return div(du(A), mul(k(A, 2), A.Result)); }},
      // CUDA's reciprocal square root: d(u^-1/2) = -r^3 / 2 du.
      {0, "rsqrt", 1, true,
       [](const JvpArgs &A) {
         return neg(div(mul(mul(A.Result, sq(A.Result)), du(A)), k(A, 2)));
       }},
      {0, "cbrt", 1, true,
       [](const JvpArgs &A) { return div(du(A), mul(k(A, 3), sq(A.Result))); }},
      {0, "pow", 2, true, powRule},
      {0, "hypot", 2, true,
       [](const JvpArgs &A) {
         return div(add(mul(u(A), du(A)), mul(v(A), dv(A))), A.Result);
       }},
      {0, "fabs", 1, false,
       [](const JvpArgs &A) {
         return select(cmp(BinOp::Lt, u(A), lit(0, A.Ty)), neg(du(A)), du(A),
                       A.Ty);
       }},
      {0, "fmin", 2, false,
       [](const JvpArgs &A) {
         return select(cmp(BinOp::Le, u(A), v(A)), du(A), dv(A), A.Ty);
       }},
      {0, "fmax", 2, false,
       [](const JvpArgs &A) {
         return select(cmp(BinOp::Ge, u(A), v(A)), du(A), dv(A), A.Ty);
       }},
      {0, "min", 2, false, // std::min(a, b) = b < a ? b : a
       [](const JvpArgs &A) {
         return select(cmp(BinOp::Lt, v(A), u(A)), dv(A), du(A), A.Ty);
       }},
      {0, "max", 2, false, // std::max(a, b) = a < b ? b : a
       [](const JvpArgs &A) {
         return select(cmp(BinOp::Lt, u(A), v(A)), dv(A), du(A), A.Ty);
       }},
      // std::clamp(v, lo, hi) = v < lo ? lo : (hi < v ? hi : v): the
      // tangent of the argument it returns (lo and hi may be active).
      {0, "clamp", 3, false,
       [](const JvpArgs &A) {
         return select(
             cmp(BinOp::Lt, u(A), v(A)), dv(A),
             select(cmp(BinOp::Lt, A.X[2], u(A)), A.DX[2], du(A), A.Ty), A.Ty);
       }},
      {0, "fma", 3, false,
       [](const JvpArgs &A) {
         return add(add(mul(du(A), v(A)), mul(u(A), dv(A))), A.DX[2]);
       }},
      {0, "erf", 1, false,
       [](const JvpArgs &A) {
         return mul(mul(k(A, TwoOverSqrtPi), mathCall("exp", {neg(sq(u(A)))})),
                    du(A));
       }},
      {0, "erfc", 1, false,
       [](const JvpArgs &A) {
         return neg(
             mul(mul(k(A, TwoOverSqrtPi), mathCall("exp", {neg(sq(u(A)))})),
                 du(A)));
       }},
      {0, "asinh", 1, false,
       [](const JvpArgs &A) {
         return div(du(A), mathCall("sqrt", {add(sq(u(A)), one(A))}));
       }},
      {0, "acosh", 1, false,
       [](const JvpArgs &A) {
         return div(du(A), mathCall("sqrt", {sub(sq(u(A)), one(A))}));
       }},
      {0, "atanh", 1, false,
       [](const JvpArgs &A) { return div(du(A), sub(one(A), sq(u(A)))); }},
      // d lgamma = digamma(u) du, d tgamma = tgamma(u) digamma(u) du:
      // tad::digamma is in the runtime (tad/maths.h, which the output
      // includes when it calls it).
      {0, "lgamma", 1, false,
       [](const JvpArgs &A) { return mul(digamma(u(A), A.Ty), du(A)); }},
      {0, "tgamma", 1, true,
       [](const JvpArgs &A) {
         return mul(mul(A.Result, digamma(u(A), A.Ty)), du(A));
       }},
      // Piecewise constant: derivative 0 wherever it exists.
      {0, "floor", 1, false, zero},
      {0, "ceil", 1, false, zero},
      {0, "round", 1, false, zero},
      {0, "trunc", 1, false, zero},
      {0, "nearbyint", 1, false, zero},
      {0, "rint", 1, false, zero},
      // fmod(u, v) = u - n v and remainder(u, v) = u - n v with n an
      // integer (u / v truncated, or rounded to nearest even), constant
      // where the function is differentiable: d = du - n dv. n is read
      // from the result, (u - r) / v rounded to the integer it is within
      // rounding of, which is the quotient the library used (trunc(u / v)
      // may round to the wrong side when u / v is within an ulp of an
      // integer).
      {0, "fmod", 2, true, remainderRule},
      {0, "remainder", 2, true, remainderRule},
      // copysign(u, v) = |u| sign(v): du where the signs agree, else -du.
      {0, "copysign", 2, false,
       [](const JvpArgs &A) {
         return select(cmp(BinOp::Eq, predicate("signbit", u(A)),
                           predicate("signbit", v(A))),
                       du(A), neg(du(A)), A.Ty);
       }},
      // fdim(u, v) = u > v ? u - v : 0.
      {0, "fdim", 2, false,
       [](const JvpArgs &A) {
         return select(cmp(BinOp::Gt, u(A), v(A)), sub(du(A), dv(A)), nullptr,
                       A.Ty);
       }},
      // v.size() of a std::vector: an integer (printed as a method call).
      {0, ".size", 1, false, zero},
      // Predicates: booleans, no derivative (conditions).
      {0, "isfinite", 1, false, zero},
      {0, "isnan", 1, false, zero},
      {0, "isinf", 1, false, zero},
      {0, "signbit", 1, false, zero},
      // std::numeric_limits<T>::epsilon() and the others: constants (the
      // call is emitted as written, std::numeric_limits<double>::max()).
      {0, "numeric_limits::epsilon", 0, false, zero},
      {0, "numeric_limits::max", 0, false, zero},
      {0, "numeric_limits::min", 0, false, zero},
      {0, "numeric_limits::lowest", 0, false, zero},
      {0, "numeric_limits::infinity", 0, false, zero},
      {0, "numeric_limits::quiet_NaN", 0, false, zero},
      {0, "numeric_limits::denorm_min", 0, false, zero},
      // CUDA's warp shuffles (the mask, the value, the lane offset, xor
      // mask or source lane[, the width]; docs: README, "Warp shuffles").
      {0, "__shfl_down_sync", 3, false,
       [](const JvpArgs &A) { return shuffleJvp("__shfl_down_sync", A); },
       [](const std::vector<ExprP> &X, const std::vector<bool> &L, ExprP G) {
         return shuffleTranspose("tad::shfl_down_sync_transpose", X, L, G);
       }},
      {0, "__shfl_up_sync", 3, false,
       [](const JvpArgs &A) { return shuffleJvp("__shfl_up_sync", A); },
       [](const std::vector<ExprP> &X, const std::vector<bool> &L, ExprP G) {
         return shuffleTranspose("tad::shfl_up_sync_transpose", X, L, G);
       }},
      {0, "__shfl_xor_sync", 3, false,
       [](const JvpArgs &A) { return shuffleJvp("__shfl_xor_sync", A); },
       [](const std::vector<ExprP> &X, const std::vector<bool> &L, ExprP G) {
         return shuffleTranspose("tad::shfl_xor_sync_transpose", X, L, G);
       }},
      {0, "__shfl_sync", 3, false,
       [](const JvpArgs &A) { return shuffleJvp("__shfl_sync", A); },
       [](const std::vector<ExprP> &X, const std::vector<bool> &L, ExprP G) {
         return shuffleTranspose("tad::shfl_sync_transpose", X, L, G);
       }},
      // The same with a width (segments of width lanes).
      {0, "__shfl_down_sync", 4, false,
       [](const JvpArgs &A) { return shuffleJvp("__shfl_down_sync", A); },
       [](const std::vector<ExprP> &X, const std::vector<bool> &L, ExprP G) {
         return shuffleTranspose("tad::shfl_down_sync_transpose", X, L, G);
       }},
      {0, "__shfl_up_sync", 4, false,
       [](const JvpArgs &A) { return shuffleJvp("__shfl_up_sync", A); },
       [](const std::vector<ExprP> &X, const std::vector<bool> &L, ExprP G) {
         return shuffleTranspose("tad::shfl_up_sync_transpose", X, L, G);
       }},
      {0, "__shfl_xor_sync", 4, false,
       [](const JvpArgs &A) { return shuffleJvp("__shfl_xor_sync", A); },
       [](const std::vector<ExprP> &X, const std::vector<bool> &L, ExprP G) {
         return shuffleTranspose("tad::shfl_xor_sync_transpose", X, L, G);
       }},
      {0, "__shfl_sync", 4, false,
       [](const JvpArgs &A) { return shuffleJvp("__shfl_sync", A); },
       [](const std::vector<ExprP> &X, const std::vector<bool> &L, ExprP G) {
         return shuffleTranspose("tad::shfl_sync_transpose", X, L, G);
       }},
  };
  // The inverse column: the operand from the result R.
  auto Inv = [&T](const char *Name, InverseRule R) {
    for (Primitive &P : T)
      if (std::strcmp(P.Name, Name) == 0)
        P.Inverse = R;
  };
  Inv("exp", [](ExprP R) { return mathCall("log", {R}); });
  Inv("log", [](ExprP R) { return mathCall("exp", {R}); });
  Inv("exp2", [](ExprP R) { return mathCall("log2", {R}); });
  Inv("log2", [](ExprP R) { return mathCall("exp2", {R}); });
  Inv("log10", [](ExprP R) { return mathCall("pow", {lit(10, R->Ty), R}); });
  Inv("expm1", [](ExprP R) { return mathCall("log1p", {R}); });
  Inv("log1p", [](ExprP R) { return mathCall("expm1", {R}); });
  // Not sqrt (r * r) nor atan (tan r): outside their ranges (r < 0, |r| >=
  // pi/2) those give a wrong value, not nan; f_inverse solves such steps
  // with tad::MonotoneSolve, which reports a value outside the range.
  Inv("cbrt", [](ExprP R) { return mul(mul(R, R), R); });
  // Each a bijection of the other's range onto its domain. (Not acosh:
  // cosh r is wrong, not nan, for r < 0.)
  Inv("tanh", [](ExprP R) { return mathCall("atanh", {R}); });
  Inv("atanh", [](ExprP R) { return mathCall("tanh", {R}); });
  Inv("sinh", [](ExprP R) { return mathCall("asinh", {R}); });
  Inv("asinh", [](ExprP R) { return mathCall("sinh", {R}); });
  for (size_t I = 0; I < T.size(); ++I)
    T[I].Id = static_cast<BuiltinId>(I);
  return T;
}
} // namespace

const std::vector<Primitive> &primitives() {
  static const std::vector<Primitive> Table = makeTable();
  return Table;
}

const Primitive &primitive(BuiltinId Id) { return primitives()[Id]; }

static const Primitive *byName(const char *Name) {
  for (const Primitive &P : primitives())
    if (std::strcmp(P.Name, Name) == 0)
      return &P;
  return nullptr;
}

namespace {
const Primitive *shuffleRow(const char *Name, size_t Arity) {
  for (const Primitive &P : primitives())
    if (std::strcmp(P.Name, Name) == 0 && P.Arity == Arity)
      return &P;
  return nullptr;
}
} // namespace

const Primitive *findMathPrimitive(const std::string &Spelled, unsigned Arity) {
  std::string Name = Spelled;
  for (const char *Prefix : {"std::", "::", "__builtin_"})
    if (Name.rfind(Prefix, 0) == 0)
      Name = Name.substr(std::strlen(Prefix));
  if (Name == "abs" || Name == "fabsf" || Name == "fabsl")
    Name = "fabs";
  // std::numeric_limits<double>::epsilon: one row for every T.
  if (Name.rfind("numeric_limits<", 0) == 0) {
    size_t Colons = Name.rfind("::");
    if (Colons == std::string::npos)
      return nullptr;
    const Primitive *P =
        byName(("numeric_limits" + Name.substr(Colons)).c_str());
    return P && (!Arity || P->Arity == Arity) ? P : nullptr;
  }
  // CUDA's fast intrinsics (__expf, __sinf, __powf, ...): the derivative
  // of the function they approximate. (__fdividef, __saturatef and the
  // rounding-mode variants have no row.)
  if (Name.rfind("__shfl", 0) == 0)
    return shuffleRow(Name.c_str(), Arity ? Arity : 3);
  if (Name.size() > 3 && Name.compare(0, 2, "__") == 0 && Name.back() == 'f')
    Name = Name.substr(2);
  if (Name == ".size")
    return byName(".size");
  if (!Name.empty() && !std::isalpha(static_cast<unsigned char>(Name[0])))
    return nullptr; // operators are not maths functions
  const Primitive *P = byName(Name.c_str());
  // sinf, expf, sinl, expl, ...: the float and long double variants share
  // the row.
  if (!P && Name.size() > 1 && (Name.back() == 'f' || Name.back() == 'l'))
    P = byName(Name.substr(0, Name.size() - 1).c_str());
  if (P && Arity && P->Arity != Arity)
    return nullptr;
  if (P && std::strcmp(P->Name, "neg") == 0)
    return nullptr;
  return P;
}

const Primitive &binaryPrimitive(BinOp Op) {
  switch (Op) {
  case BinOp::Add:
    return *byName("+");
  case BinOp::Sub:
    return *byName("-");
  case BinOp::Mul:
    return *byName("*");
  default:
    return *byName("/");
  }
}

const Primitive &negPrimitive() { return *byName("neg"); }

} // namespace tad
