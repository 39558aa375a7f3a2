//===- Emit/Emitter.cpp - IR to C++/CUDA source ---------------------------===//
//
// Prints IR as C++ that compiles warning-free under -Wall -Wextra: minimal
// but sufficient parentheses (kept wherever floating-point association or
// -Wparentheses would care), unnamed unused parameters, and comments with
// the source line of each statement that produced code.
//
//===----------------------------------------------------------------------===//
#include "Emit/Emitter.h"
#include "IR/Printer.h"

#include "clang/Basic/SourceManager.h"
#include "clang/Format/Format.h"
#include "clang/Tooling/Core/Replacement.h"

namespace tad {

namespace {
enum Prec {
  PSelect = 2,
  PLOr = 3,
  PLAnd = 4,
  PBitOr = 5,
  PBitXor = 6,
  PBitAnd = 7,
  PEq = 8,
  PRel = 9,
  PShift = 11,
  PAdd = 12,
  PMul = 13,
  PUnary = 15,
  PPrimary = 16,
};

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
bool mixWarns(BinOp Parent, const Expr &Child) {
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

std::string paren(const ExprP &E, bool Need) {
  std::string S = emitExpr(E);
  return Need ? "(" + S + ")" : S;
}
} // namespace

std::string emitExpr(const ExprP &E) {
  if (!E)
    return "/*null*/";
  switch (E->K) {
  case Expr::Kind::Lit:
    return cppLiteral(*E);
  case Expr::Kind::VarRef:
    return E->V->Name;
  case Expr::Kind::Index:
    return paren(E->op(0), precOf(*E->op(0)) < PPrimary) + "[" +
           emitExpr(E->op(1)) + "]";
  case Expr::Kind::Unary: {
    const Expr &X = *E->op(0);
    // `- -x` must not become `--x`.
    bool Need = precOf(X) < PPrimary;
    return std::string(spelling(E->UOp)) + paren(E->op(0), Need);
  }
  case Expr::Kind::Binary: {
    int P = precOf(E->BOp);
    const Expr &L = *E->op(0), &R = *E->op(1);
    // Equal precedence on the right keeps the user's association: a+(b+c).
    bool NL = precOf(L) < P || mixWarns(E->BOp, L);
    bool NR = precOf(R) <= P || mixWarns(E->BOp, R);
    return paren(E->op(0), NL) + " " + spelling(E->BOp) + " " +
           paren(E->op(1), NR);
  }
  case Expr::Kind::Select:
    return paren(E->op(0), precOf(*E->op(0)) <= PSelect) + " ? " +
           paren(E->op(1), precOf(*E->op(1)) <= PSelect) + " : " +
           paren(E->op(2), precOf(*E->op(2)) <= PSelect);
  case Expr::Kind::Call: {
    std::string S = E->Callee + "(";
    for (size_t I = 0; I < E->Ops.size(); ++I)
      S += (I ? ", " : "") + emitExpr(E->Ops[I]);
    return S + ")";
  }
  case Expr::Kind::Cast:
    // An implicit conversion of a variable, element, call or literal
    // happens again in the printed context; anything compound keeps the cast
    // so that, say, integer division stays integer division.
    if (E->Implicit && precOf(*E->op(0)) == PPrimary &&
        !E->op(0)->is(Expr::Kind::Cast))
      return emitExpr(E->op(0));
    return "static_cast<" + cppType(E->Ty) + ">(" + emitExpr(E->op(0)) + ")";
  }
  return "/*?*/";
}

namespace {
class StmtEmitter {
  std::string Out;

  static bool isIncrement(const Stmt &S, const char *&Op) {
    if (!S.is(Stmt::Kind::Assign) || S.LHS->Ty.isFloating() ||
        !S.RHS->is(Expr::Kind::Lit) || S.RHS->Value != 1)
      return false;
    if (S.AOp == AssignOp::Add)
      Op = "++";
    else if (S.AOp == AssignOp::Sub)
      Op = "--";
    else
      return false;
    return true;
  }

  /// A statement as an expression, for `for (...; ...; inc)`.
  static std::string simple(const Stmt &S) {
    const char *Inc;
    if (isIncrement(S, Inc))
      return Inc + emitExpr(S.LHS);
    if (S.is(Stmt::Kind::Assign))
      return emitExpr(S.LHS) + " " +
             (S.AOp == AssignOp::Other ? S.OtherOpSpelling : spelling(S.AOp)) +
             " " + emitExpr(S.RHS);
    if (S.is(Stmt::Kind::ExprStmt))
      return emitExpr(S.Value);
    return decl(S);
  }

  static std::string decl(const Stmt &S) {
    const Var &V = *S.V;
    std::string T = cppType(V.Ty);
    std::string D =
        T + (T.back() == ' ' || T.back() == '*' ? "" : " ") + V.Name;
    for (auto N : V.Dims)
      D += "[" + std::to_string(N) + "]";
    if (S.Init)
      D += " = " + emitExpr(S.Init);
    else if (S.HasInitList) {
      D += " = {";
      for (size_t I = 0; I < S.InitList.size(); ++I)
        D += (I ? ", " : "") + emitExpr(S.InitList[I]);
      D += "}";
    }
    return D;
  }

  void block(const StmtList &L) {
    Out += "{\n";
    for (const StmtP &S : L)
      stmt(*S);
    Out += "}\n";
  }

  void stmt(const Stmt &S) {
    if (!S.Comment.empty())
      Out += "// " + S.Comment + "\n";
    switch (S.K) {
    case Stmt::Kind::Decl:
    case Stmt::Kind::Assign:
    case Stmt::Kind::ExprStmt:
      Out += simple(S) + ";\n";
      return;
    case Stmt::Kind::If:
      Out += "if (" + emitExpr(S.Cond) + ") ";
      block(S.Body);
      if (S.HasElse) {
        Out += "else ";
        if (S.Else.size() == 1 && S.Else[0]->is(Stmt::Kind::If) &&
            S.Else[0]->Comment.empty())
          stmt(*S.Else[0]); // else if
        else
          block(S.Else);
      }
      return;
    case Stmt::Kind::For: {
      bool Wrap = S.ForInit.size() > 1;
      if (Wrap)
        Out += "{\n";
      std::string Init, Inc;
      if (Wrap)
        for (const StmtP &I : S.ForInit)
          stmt(*I);
      else if (!S.ForInit.empty())
        Init = simple(*S.ForInit[0]);
      for (size_t I = 0; I < S.ForInc.size(); ++I)
        Inc += (I ? ", " : "") + simple(*S.ForInc[I]);
      Out += "for (" + Init + "; " + (S.Cond ? emitExpr(S.Cond) : "") + "; " +
             Inc + ") ";
      block(S.Body);
      if (Wrap)
        Out += "}\n";
      return;
    }
    case Stmt::Kind::While:
      Out += "while (" + emitExpr(S.Cond) + ") ";
      block(S.Body);
      return;
    case Stmt::Kind::DoWhile:
      Out += "do ";
      block(S.Body);
      Out += "while (" + emitExpr(S.Cond) + ");\n";
      return;
    case Stmt::Kind::Break:
      Out += "break;\n";
      return;
    case Stmt::Kind::Continue:
      Out += "continue;\n";
      return;
    case Stmt::Kind::Return:
      Out += S.Value ? "return " + emitExpr(S.Value) + ";\n" : "return;\n";
      return;
    case Stmt::Kind::Block:
      block(S.Body);
      return;
    }
  }

public:
  std::string run(const StmtList &Body) {
    block(Body);
    return Out;
  }
};
} // namespace

std::string emitSignature(const Function &F) {
  std::string S;
  if (F.Qualifiers & QStatic)
    S += "static ";
  if (F.Qualifiers & QInline)
    S += "inline ";
  if (F.Qualifiers & QConstexpr)
    S += "constexpr ";
  if (F.Qualifiers & QGlobal)
    S += "__global__ ";
  if (F.Qualifiers & QHost)
    S += "__host__ ";
  if (F.Qualifiers & QDevice)
    S += "__device__ ";
  S += cppType(F.RetTy) + " " + F.Name + "(";
  for (size_t I = 0; I < F.Params.size(); ++I) {
    std::string T = cppType(F.Params[I]->Ty);
    bool Unnamed = I < F.UnnamedParams.size() && F.UnnamedParams[I];
    S += (I ? ", " : "") + T;
    if (Unnamed)
      S += " /*" + F.Params[I]->Name + "*/";
    else
      S += (T.back() == ' ' || T.back() == '*' ? "" : " ") + F.Params[I]->Name;
  }
  return S + ")";
}

std::string inNamespace(const Function &F, const std::string &Code) {
  if (F.Namespace.empty())
    return Code;
  return "namespace " + F.Namespace + " {\n" + Code + "} // namespace " +
         F.Namespace + "\n";
}

std::string emitDefinition(const Function &F) {
  return emitSignature(F) + " " + StmtEmitter().run(F.Body);
}

std::string formatCpp(const std::string &Code) {
  using namespace clang;
  format::FormatStyle Style = format::getLLVMStyle();
  tooling::Range Whole(0, Code.size());
  tooling::Replacements R = format::reformat(Style, Code, {Whole});
  auto Result = tooling::applyAllReplacements(Code, R);
  if (!Result) {
    llvm::consumeError(Result.takeError());
    return Code;
  }
  return *Result;
}

} // namespace tad
