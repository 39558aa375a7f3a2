//===- IR/Spelling.cpp - C++ spellings of IR ------------------------------===//
//
// Types, literals and expressions as C++ text, parenthesised by precedence
// (kept wherever floating-point association or -Wparentheses would care).
// The emitter prints generated code with them; diagnostics quote the user's
// expressions with them.
//
//===----------------------------------------------------------------------===//
#include "IR/Spelling.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace tad {

static std::string scalarName(const Type &T) {
  switch (T.Kind) {
  case ScalarKind::Void:
    return "void";
  case ScalarKind::Bool:
    return "bool";
  case ScalarKind::Int:
    return T.IntSpelling.empty() ? "int" : T.IntSpelling;
  case ScalarKind::Float:
    return "float";
  case ScalarKind::Double:
    return "double";
  case ScalarKind::LongDouble:
    return "long double";
  case ScalarKind::Record:
    return T.Rec ? T.Rec->Spelling : "?";
  }
  return "?";
}

std::string containerType(const Type &T) {
  if (T.Cont == Container::Vector)
    return "std::vector<" + scalarName(T) + ">";
  return "std::array<" + scalarName(T) + ", " + std::to_string(T.ContN) + ">";
}

std::string cppType(const Type &T) {
  std::string S;
  if (T.IsPointer && T.Cont != Container::None) // a container parameter
    return (T.PointeeConst ? "const " : "") + containerType(T) + " &";
  if (T.IsPointer && T.Reference)
    return (T.PointeeConst ? "const " : "") + scalarName(T) + " &";
  if (T.ConstRef) // a struct parameter passed by const reference
    return "const " + scalarName(T) + " &";
  if (T.IsPointer) {
    if (T.PointeeConst)
      S += "const ";
    S += scalarName(T) + " *";
    if (T.Restrict)
      S += "__restrict__ ";
    if (T.Const)
      S += "const ";
    return S;
  }
  if (T.Const)
    S += "const ";
  return S + scalarName(T);
}

static std::string shortestDouble(double V) {
  char Buf[64];
  for (int Prec = 1; Prec <= 17; ++Prec) {
    std::snprintf(Buf, sizeof Buf, "%.*g", Prec, V);
    if (std::strtod(Buf, nullptr) == V)
      break;
  }
  std::string S = Buf;
  if (S.find_first_of(".eEn") == std::string::npos) // no '.', exponent, nan
    S += ".0";
  return S;
}

std::string cppLiteral(const Expr &Lit) {
  if (!Lit.Spelling.empty())
    return Lit.Spelling;
  switch (Lit.Ty.Kind) {
  case ScalarKind::Record: // a zero struct
    return scalarName(Lit.Ty) + "{}";
  case ScalarKind::Bool:
    return Lit.Value != 0 ? "true" : "false";
  case ScalarKind::Int: {
    char Buf[32];
    std::snprintf(Buf, sizeof Buf, "%lld", static_cast<long long>(Lit.Value));
    return Buf;
  }
  case ScalarKind::Float: {
    std::string S = shortestDouble(static_cast<float>(Lit.Value));
    return S + "f";
  }
  case ScalarKind::LongDouble: // a constant tad made (source ones keep
                               // their spelling): a double's value
    return shortestDouble(Lit.Value) + "L";
  default:
    return shortestDouble(Lit.Value);
  }
}

int precOf(BinOp Op) {
  switch (Op) {
  case BinOp::Mul:
  case BinOp::Div:
  case BinOp::Rem:
    return PMul;
  case BinOp::Add:
  case BinOp::Sub:
    return PAdd;
  case BinOp::Shl:
  case BinOp::Shr:
    return PShift;
  case BinOp::Lt:
  case BinOp::Le:
  case BinOp::Gt:
  case BinOp::Ge:
    return PRel;
  case BinOp::Eq:
  case BinOp::Ne:
    return PEq;
  case BinOp::BitAnd:
    return PBitAnd;
  case BinOp::BitXor:
    return PBitXor;
  case BinOp::BitOr:
    return PBitOr;
  case BinOp::LAnd:
    return PLAnd;
  case BinOp::LOr:
    return PLOr;
  }
  return PPrimary;
}

int precOf(const Expr &E) {
  switch (E.K) {
  case Expr::Kind::Lit:
    return E.Value < 0 || (!E.Spelling.empty() && E.Spelling[0] == '-')
               ? PUnary
               : PPrimary;
  case Expr::Kind::Unary:
    return PUnary;
  case Expr::Kind::Binary:
    return precOf(E.BOp);
  case Expr::Kind::Select:
    return PSelect;
  case Expr::Kind::Cast:
    return E.Implicit ? precOf(*E.op(0)) : PPrimary;
  default:
    return PPrimary;
  }
}

/// Operators whose operands clang and gcc want parenthesised when mixed.
static bool mixWarns(BinOp Parent, const Expr &Child) {
  if (!Child.is(Expr::Kind::Binary) || Child.BOp == Parent)
    return false;
  switch (Parent) {
  case BinOp::LOr:
    return Child.BOp == BinOp::LAnd;
  case BinOp::Shl:
  case BinOp::Shr:
  case BinOp::BitAnd:
  case BinOp::BitOr:
  case BinOp::BitXor:
    return true;
  default:
    return false;
  }
}

/// Whether operand I of E is printed in parentheses.
bool parenthesized(const Expr &E, size_t I) {
  const Expr &X = *E.op(I);
  switch (E.K) {
  case Expr::Kind::Index:
    return I == 0 && precOf(X) < PPrimary;
  case Expr::Kind::Unary:
    // `- -x` must not become `--x`.
    return precOf(X) < PPrimary;
  case Expr::Kind::Binary: {
    // Equal precedence on the right keeps the user's association: a+(b+c).
    int P = precOf(E.BOp);
    return (I == 0 ? precOf(X) < P : precOf(X) <= P) || mixWarns(E.BOp, X);
  }
  case Expr::Kind::Select:
    return precOf(X) <= PSelect;
  default:
    return false;
  }
}

/// An implicit conversion of a variable, element, call or literal happens
/// again in the printed context; anything compound keeps the cast so that,
/// say, integer division stays integer division.
bool castVanishes(const Expr &E) {
  return E.Implicit && precOf(*E.op(0)) == PPrimary &&
         !E.op(0)->is(Expr::Kind::Cast);
}

static void appendExpr(const ExprP &E, std::string &Out);

bool isZeroLiteral(const Expr &E) {
  return E.is(Expr::Kind::Lit) && E.Value == 0;
}

std::string containerData(const Expr &E) {
  if (!E.is(Expr::Kind::Binary) || E.BOp != BinOp::Add || !E.Ty.IsPointer)
    return "";
  const Expr &B = *E.op(0);
  if (!B.is(Expr::Kind::VarRef) || !isContainer(*B.V))
    return "";
  return B.V->Name + ".data()";
}

size_t methodOperands(const Expr &E) {
  // The old size of a tangent's resize is for its transpose only.
  return shapeOp(E) == ShapeOp::Resize ? 2 : E.Ops.size();
}

/// Operand I of E, in parentheses where it needs them.
static void appendParen(const Expr &E, size_t I, std::string &Out) {
  const bool P = parenthesized(E, I);
  if (P)
    Out += '(';
  appendExpr(E.op(I), Out);
  if (P)
    Out += ')';
}

/// The struct variable V is a field of whose array V's elements are: b for
/// the field x of an array b of structs (null: V is not such a field).
static const Var *arrayAncestor(const Var &V) {
  if (!V.ElementOfParent)
    return nullptr;
  return rootOfFields(V.Parent.lock()).get();
}

/// The element of b and the index in its member of the flat index E into
/// the array member v of an array of structs b (Var::MemberExtent S):
/// i * S + k is b[i].v[k], as the lowering writes it; another index is
/// split by / and %.
static std::pair<ExprP, ExprP> splitMemberIndex(const ExprP &E,
                                                std::uint64_t S) {
  Type T = E->Ty.unqualified();
  auto Scaled = [&](const ExprP &X) -> ExprP { // X * S: X
    if (X->is(Expr::Kind::Binary) && X->BOp == BinOp::Mul &&
        X->op(1)->is(Expr::Kind::Lit) && X->op(1)->Value == double(S))
      return X->op(0);
    return nullptr;
  };
  if (ExprP I = Scaled(E))
    return {I, mkLit(0, T)};
  if (E->is(Expr::Kind::Binary) && E->BOp == BinOp::Add) {
    if (ExprP I = Scaled(E->op(0)))
      return {I, E->op(1)};
    if (ExprP I = Scaled(E->op(1)))
      return {I, E->op(0)};
  }
  if (E->is(Expr::Kind::Lit) && E->Value >= 0) {
    auto V = std::uint64_t(E->Value);
    return {mkLit(double(V / S), T), mkLit(double(V % S), T)};
  }
  ExprP L = mkLit(double(S), T);
  return {mkBinary(BinOp::Div, E, L, T), mkBinary(BinOp::Rem, E, L, T)};
}

/// V's name; a field's through its parent (`p.x`, `p.pos.x`), with the
/// element Index of the array of structs it belongs to (`b[i].x`, and
/// `b->x` for b[0] of a pointer).
static void appendVar(const Var &V, const ExprP *Index, std::string &Out) {
  if (V.WritesThroughConst) {
    Var Plain = V;
    Plain.WritesThroughConst = false;
    Out += "const_cast<" + cppType(V.Ty) + ">(";
    appendVar(Plain, Index, Out);
    Out += ')';
    return;
  }
  std::vector<const Var *> Path{&V};
  for (VarP P = V.Parent.lock(); P; P = P->Parent.lock())
    Path.push_back(P.get());
  const Var &Root = *Path.back();
  Out += Root.Name;
  if (Path.size() == 1)
    return;
  bool Single = !Index && Root.Ty.IsPointer && !Root.Ty.Reference;
  if (Root.Ty.Cont != Container::None) { // a std::vector of structs: v[i].x
    Out += '[';
    if (Index)
      appendExpr(*Index, Out);
    else
      Out += '0';
    Out += "].";
  } else if (Single ||
             (Index && Root.Ty.IsPointer && (*Index)->is(Expr::Kind::Lit) &&
              (*Index)->Value == 0)) {
    Out += "->"; // p->v of a pointer to one struct, b->x of b[0].x
  } else {
    if (Index) {
      Out += '[';
      appendExpr(*Index, Out);
      Out += ']';
    }
    Out += '.';
  }
  for (size_t I = Path.size() - 1; I-- > 0;) {
    Out += Path[I]->Name;
    if (I)
      Out += '.';
  }
}

/// emitExpr's text appended to Out (one buffer for the whole expression:
/// returning each operand's text by value copied it at every level, which
/// is quadratic for a long chain).
static void appendExpr(const ExprP &E, std::string &Out) {
  if (!E) {
    Out += "/*null*/";
    return;
  }
  switch (E->K) {
  case Expr::Kind::Lit:
    Out += cppLiteral(*E);
    return;
  case Expr::Kind::VarRef:
    appendVar(*E->V, nullptr, Out);
    return;
  case Expr::Kind::Index:
    if (E->op(0)->Ty.Reference) { // x[0] of a reference x
      appendExpr(E->op(0), Out);
      return;
    }
    if (E->op(0)->is(Expr::Kind::VarRef) && E->op(0)->V->MemberExtent) {
      auto [I, K] = splitMemberIndex(E->op(1), E->op(0)->V->MemberExtent);
      appendVar(*E->op(0)->V, &I, Out); // b[i].v[k]
      Out += '[';
      appendExpr(K, Out);
      Out += ']';
      return;
    }
    if (E->op(0)->is(Expr::Kind::VarRef) && arrayAncestor(*E->op(0)->V)) {
      appendVar(*E->op(0)->V, &E->op(1), Out); // b[i].x
      return;
    }
    appendParen(*E, 0, Out);
    Out += '[';
    appendExpr(E->op(1), Out);
    Out += ']';
    return;
  case Expr::Kind::Unary:
    Out += spelling(E->UOp);
    appendParen(*E, 0, Out);
    return;
  case Expr::Kind::Binary:
    if (E->Ty.IsPointer && E->BOp == BinOp::Add &&
        E->op(0)->is(Expr::Kind::VarRef) && E->op(0)->V->MemberExtent) {
      // b[i].v + k: a pointer into the member of one element
      auto [I, K] = splitMemberIndex(E->op(1), E->op(0)->V->MemberExtent);
      appendVar(*E->op(0)->V, &I, Out);
      if (isZeroLiteral(*K))
        return;
      Out += " + ";
      appendExpr(K, Out);
      return;
    }
    if (std::string Data = containerData(*E); !Data.empty()) {
      Out += Data;
      if (isZeroLiteral(*E->op(1)))
        return;
    } else {
      appendParen(*E, 0, Out);
    }
    Out += ' ';
    Out += spelling(E->BOp);
    Out += ' ';
    appendParen(*E, 1, Out);
    return;
  case Expr::Kind::Select:
    appendParen(*E, 0, Out);
    Out += " ? ";
    appendParen(*E, 1, Out);
    Out += " : ";
    appendParen(*E, 2, Out);
    return;
  case Expr::Kind::Call: {
    size_t First = 0, End = E->Ops.size();
    if (isMethodCall(*E)) { // v.resize(n)
      appendParen(*E, 0, Out);
      First = 1;
      End = std::min(End, methodOperands(*E));
    }
    Out += E->Callee;
    Out += '(';
    for (size_t I = First; I < End; ++I) {
      if (I > First)
        Out += ", ";
      appendExpr(E->Ops[I], Out);
    }
    Out += ')';
    return;
  }
  case Expr::Kind::Cast:
    if (castVanishes(*E)) {
      appendExpr(E->op(0), Out);
      return;
    }
    Out += "static_cast<";
    Out += cppType(E->Ty);
    Out += ">(";
    appendExpr(E->op(0), Out);
    Out += ')';
    return;
  }
  Out += "/*?*/";
}

std::string emitExpr(const ExprP &E) {
  std::string S;
  appendExpr(E, S);
  return S;
}

} // namespace tad
