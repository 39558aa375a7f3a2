//===- Emit/Emitter.cpp - IR to C++/CUDA source ---------------------------===//
//
// Prints IR as C++ that compiles warning-free under -Wall -Wextra: minimal
// but sufficient parentheses (kept wherever floating-point association or
// -Wparentheses would care), unnamed unused parameters, and comments with
// the source line of each statement that produced code. The text is laid
// out as it is printed, in LLVM style within 80 columns: 2 columns per
// block level, and statements too long for a line broken by Emit/Layout.
//
//===----------------------------------------------------------------------===//
#include "Emit/Emitter.h"
#include "Emit/Layout.h"
#include "IR/Spelling.h"

#include <algorithm>
#include <cassert>

namespace tad {

namespace {
layout::Level levelOf(BinOp Op) {
  switch (precOf(Op)) {
  case PMul:
    return layout::Multiplicative;
  case PAdd:
    return layout::Additive;
  case PShift:
    return layout::Shift;
  case PRel:
    return layout::Relational;
  case PEq:
    return layout::Equality;
  case PBitAnd:
    return layout::BitAnd;
  case PBitXor:
    return layout::BitXor;
  case PBitOr:
    return layout::BitOr;
  case PLAnd:
    return layout::LogicalAnd;
  default:
    return layout::LogicalOr;
  }
}

/// The layout document of an expression: the same text as emitExpr, with
/// its operator chains, argument lists and brackets.
class DocBuilder {
  layout::Doc &D;
  using Id = layout::Doc::Id;

  /// Operand I of E, in parentheses where emitExpr puts them (which do not
  /// break after `(` when they follow a binary operator).
  Id operand(const Expr &E, size_t I) {
    if (parenthesized(E, I))
      return D.bracket("(", expr(E.op(I), true), ")",
                       E.is(Expr::Kind::Binary) && I == 1
                           ? layout::Opening::Operand
                           : layout::Opening::Call);
    return expr(E.op(I), false);
  }

  /// The operands of a chain of operators of one precedence: a + b - c.
  void chain(const Expr &E, std::vector<Id> &Items,
             std::vector<std::string> &Ops) {
    const Expr &L = *E.op(0);
    if (!parenthesized(E, 0) && L.is(Expr::Kind::Binary) &&
        precOf(L.BOp) == precOf(E.BOp))
      chain(L, Items, Ops);
    else
      Items.push_back(operand(E, 0));
    Ops.push_back(std::string(" ") + spelling(E.BOp));
    Items.push_back(operand(E, 1));
  }

public:
  explicit DocBuilder(layout::Doc &D) : D(D) {}

  /// First: E opens a bracket or follows `=` or `return`, where an operator
  /// chain continues aligned with its start; elsewhere (an operand of a
  /// looser operator, one argument among several) 4 columns further.
  Id expr(const ExprP &E, bool First) {
    if (!E)
      return D.text("/*null*/");
    switch (E->K) {
    case Expr::Kind::Unary:
      return D.concat({D.text(spelling(E->UOp)), operand(*E, 0)});
    case Expr::Kind::Binary: {
      if (!containerData(*E).empty()) // v.data() + k
        return D.text(emitExpr(E));
      std::vector<Id> Items;
      std::vector<std::string> Ops;
      chain(*E, Items, Ops);
      return D.list(std::move(Items), std::move(Ops), levelOf(E->BOp), !First);
    }
    case Expr::Kind::Select:
      return D.conditional(operand(*E, 0), operand(*E, 1), operand(*E, 2));
    case Expr::Kind::Call: {
      if (E->Ops.empty())
        return D.text(E->Callee + "()");
      std::string Open = E->Callee + "(";
      size_t First = 0, End = E->Ops.size();
      if (isMethodCall(*E)) { // v.push_back(x)
        Open = emitExpr(E->op(0)) + Open;
        First = 1;
        End = std::min(End, methodOperands(*E));
        if (First == End)
          return D.text(Open + ")");
      }
      std::vector<Id> Args;
      for (size_t I = First; I < End; ++I)
        Args.push_back(expr(E->Ops[I], End - First == 1));
      return D.bracket(Open, args(std::move(Args)), ")", layout::Opening::Call);
    }
    case Expr::Kind::Cast:
      if (castVanishes(*E))
        return expr(E->op(0), First);
      return D.bracket("static_cast<" + cppType(E->Ty) + ">(",
                       expr(E->op(0), true), ")", layout::Opening::Call);
    default: // literals, variables, elements: never broken
      return D.text(emitExpr(E));
    }
  }

  /// Comma-separated items (of a bracket).
  Id args(std::vector<Id> Items) {
    std::vector<std::string> Commas(Items.size() - 1, ",");
    return D.list(std::move(Items), std::move(Commas), layout::Comma, false);
  }
};
} // namespace

namespace {
/// Prints statements line by line, 2 columns per block level; a statement
/// longer than the column limit is laid out from its document.
class StmtEmitter {
  std::string Out;
  unsigned Indent;
  /// Device code spells an atomic accumulation `atomicAdd(&x, v)`; the
  /// host `#pragma omp atomic` before it.
  bool Device = false;

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

  static std::string assignOp(const Stmt &S) {
    return S.AOp == AssignOp::Other ? S.OtherOpSpelling : spelling(S.AOp);
  }

  static std::string declared(const Stmt &S) {
    const Var &V = *S.V;
    if (isContainer(V) && !V.IsParam) { // std::vector<double> v(n)
      std::string D = containerType(V.Ty) + " " + V.Name;
      if (V.Size)
        D += "(" + emitExpr(V.Size) + ")";
      return D;
    }
    std::string T = cppType(V.Ty);
    std::string D =
        (V.Shared ? "__shared__ " : "") + T +
        (T.back() == ' ' || T.back() == '*' || T.back() == '&' ? "" : " ") +
        V.Name;
    if (!V.Ty.Reference) // a one-element array passed by reference: a scalar
      for (auto N : V.Dims)
        D += "[" + std::to_string(N) + "]";
    return D;
  }

  static std::string decl(const Stmt &S) {
    std::string D = declared(S);
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

public:
  /// A statement as an expression, for `for (...; ...; inc)`.
  static std::string simple(const Stmt &S) {
    const char *Inc;
    if (isIncrement(S, Inc))
      return Inc + emitExpr(S.LHS);
    if (S.is(Stmt::Kind::Assign))
      return emitExpr(S.LHS) + " " + assignOp(S) + " " + emitExpr(S.RHS);
    if (S.is(Stmt::Kind::ExprStmt))
      return emitExpr(S.Value);
    return decl(S);
  }

  /// The document of a declaration, assignment or expression statement.
  static layout::Doc::Id simpleDoc(const Stmt &S, layout::Doc &D) {
    DocBuilder B(D);
    const char *Inc;
    if (isIncrement(S, Inc))
      return D.text(Inc + emitExpr(S.LHS));
    if (S.is(Stmt::Kind::Assign))
      return D.assign(D.text(emitExpr(S.LHS)), " " + assignOp(S),
                      B.expr(S.RHS, true));
    if (S.is(Stmt::Kind::ExprStmt))
      return B.expr(S.Value, true);
    layout::Doc::Id Target = D.text(declared(S));
    if (S.Init)
      return D.assign(Target, " =", B.expr(S.Init, true));
    if (!S.HasInitList)
      return Target;
    if (S.InitList.empty())
      return D.assign(Target, " =", D.text("{}"));
    std::vector<layout::Doc::Id> Items;
    for (const ExprP &E : S.InitList)
      Items.push_back(B.expr(E, S.InitList.size() == 1));
    return D.assign(
        Target, " =",
        D.bracket("{", B.args(std::move(Items)), "}", layout::Opening::Call));
  }

  /// `#pragma omp parallel for reduction(+ : a, b)`.
  static std::string ompParallelFor(const Stmt &S) {
    std::string P = "#pragma omp parallel for";
    for (size_t I = 0; I < S.Reduction.size(); ++I)
      P += (I ? ", " : " reduction(+ : ") + S.Reduction[I]->Name;
    return S.Reduction.empty() ? P : P + ")";
  }

  /// The one line of a statement that a short function's body may be.
  static bool oneLiner(const Stmt &S, std::string &Line) {
    if (!S.Comment.empty() || S.Atomic || S.Parallel)
      return false;
    switch (S.K) {
    case Stmt::Kind::Decl:
    case Stmt::Kind::Assign:
    case Stmt::Kind::ExprStmt:
      Line = simple(S) + ";";
      return true;
    case Stmt::Kind::Return:
      Line = S.Value ? "return " + emitExpr(S.Value) + ";" : "return;";
      return true;
    default:
      return false;
    }
  }

  explicit StmtEmitter(unsigned Indent, bool Device = false)
      : Indent(Indent), Device(Device) {}

  std::string run(const StmtList &Body) {
    for (const StmtP &S : Body)
      stmt(*S);
    return std::move(Out);
  }

private:
  void line(const std::string &Text) {
    Out.append(Indent, ' ');
    Out += Text;
    Out += '\n';
  }

  /// A line from its flat text, or from its document where too long.
  template <typename MakeDoc> void line(const std::string &Flat, MakeDoc Make) {
    if (Indent + Flat.size() <= layout::Limit)
      return line(Flat);
    layout::Doc D;
    layout::Doc::Id Root = Make(D);
    assert(D.flat(Root) == Flat && "document and text differ");
    Out += D.layout(Root, Indent);
    Out += '\n';
  }

  /// `Open cond Close`, a statement's header: `if (`, `} while (`.
  void header(const std::string &Open, const ExprP &Cond,
              const std::string &Close) {
    line(Open + emitExpr(Cond) + Close, [&](layout::Doc &D) {
      return D.bracket(Open, DocBuilder(D).expr(Cond, true), Close,
                       layout::Opening::Header);
    });
  }

  void body(const StmtList &L) {
    Indent += 2;
    for (const StmtP &S : L)
      stmt(*S);
    Indent -= 2;
  }

  void stmt(const Stmt &S, const std::string &Prefix = "") {
    if (!S.Comment.empty())
      Out += layout::comment(S.Comment, Indent);
    switch (S.K) {
    case Stmt::Kind::Decl:
    case Stmt::Kind::Assign:
    case Stmt::Kind::ExprStmt:
      if (S.Atomic && Device) {
        Type Ptr = S.LHS->Ty.unqualified();
        Ptr.IsPointer = true;
        ExprP V = S.AOp == AssignOp::Sub
                      ? mkUnary(UnOp::Neg, S.RHS, S.RHS->Ty.unqualified())
                      : S.RHS;
        StmtP Call = mkExprStmt(mkUserCall(
            "atomicAdd", nullptr, {mkUnary(UnOp::AddrOf, S.LHS, Ptr), V},
            Type::scalar(ScalarKind::Void)));
        return stmt(*Call);
      }
      if (S.Atomic)
        line("#pragma omp atomic");
      line(simple(S) + ";", [&](layout::Doc &D) {
        return D.concat({simpleDoc(S, D), D.text(";")});
      });
      return;
    case Stmt::Kind::If:
      header(Prefix + "if (", S.Cond, ") {");
      body(S.Body);
      if (!S.HasElse) {
        line("}");
      } else if (S.Else.size() == 1 && S.Else[0]->is(Stmt::Kind::If) &&
                 S.Else[0]->Comment.empty()) {
        stmt(*S.Else[0], "} else "); // else if
      } else {
        line("} else {");
        body(S.Else);
        line("}");
      }
      return;
    case Stmt::Kind::For: {
      bool Wrap = S.ForInit.size() > 1;
      if (Wrap) {
        line("{");
        Indent += 2;
        for (const StmtP &I : S.ForInit)
          stmt(*I);
      }
      if (S.Parallel)
        line(ompParallelFor(S));
      std::string Init, Inc;
      if (!Wrap && !S.ForInit.empty())
        Init = simple(*S.ForInit[0]);
      for (size_t I = 0; I < S.ForInc.size(); ++I)
        Inc += (I ? ", " : "") + simple(*S.ForInc[I]);
      std::string Cond = S.Cond ? emitExpr(S.Cond) : "";
      // Parts separated by `;`, a space before each that is not empty.
      std::string Head = "for (" + Init + ";" + (Cond.empty() ? "" : " ") +
                         Cond + ";" + (Inc.empty() ? "" : " ") + Inc + ") {";
      line(Head, [&](layout::Doc &D) {
        layout::Doc::Id C =
            S.Cond ? DocBuilder(D).expr(S.Cond, true) : D.text("");
        return D.bracket("for (",
                         D.list({D.text(Init), C, D.text(Inc)}, {";", ";"},
                                layout::Semicolon, false),
                         ") {", layout::Opening::Header);
      });
      body(S.Body);
      line("}");
      if (Wrap) {
        Indent -= 2;
        line("}");
      }
      return;
    }
    case Stmt::Kind::While:
      header(Prefix + "while (", S.Cond, ") {");
      body(S.Body);
      line("}");
      return;
    case Stmt::Kind::DoWhile:
      line(Prefix + "do {");
      body(S.Body);
      header("} while (", S.Cond, ");");
      return;
    case Stmt::Kind::Break:
      line(Prefix + "break;");
      return;
    case Stmt::Kind::Continue:
      line(Prefix + "continue;");
      return;
    case Stmt::Kind::Return:
      if (!S.Value)
        return line(Prefix + "return;");
      line(Prefix + "return " + emitExpr(S.Value) + ";", [&](layout::Doc &D) {
        return D.concat({D.text(Prefix + "return "),
                         DocBuilder(D).expr(S.Value, true), D.text(";")});
      });
      return;
    case Stmt::Kind::Block:
      line(Prefix + "{");
      body(S.Body);
      line("}");
      return;
    }
  }
};

/// The qualifiers and the return type.
std::string returnType(const Function &F) {
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
  return S + cppType(F.RetTy);
}

std::vector<std::string> parameters(const Function &F) {
  std::vector<std::string> Ps;
  for (size_t I = 0; I < F.Params.size(); ++I) {
    std::string T = cppType(F.Params[I]->Ty);
    bool Unnamed = I < F.UnnamedParams.size() && F.UnnamedParams[I];
    if (Unnamed)
      Ps.push_back(T + " /*" + F.Params[I]->Name + "*/");
    else
      Ps.push_back(
          T +
          (T.back() == ' ' || T.back() == '*' || T.back() == '&' ? "" : " ") +
          F.Params[I]->Name);
  }
  return Ps;
}

/// The signature followed by Tail (`;`, ` {`), laid out.
std::string signatureLine(const Function &F, const std::string &Tail) {
  std::string Flat = emitSignature(F) + Tail;
  if (Flat.size() <= layout::Limit)
    return Flat + "\n";
  layout::Doc D;
  std::vector<std::string> Ps = parameters(F);
  std::vector<layout::Doc::Id> Items;
  for (std::string &P : Ps)
    Items.push_back(D.text(std::move(P)));
  if (Items.empty())
    return Flat + "\n";
  layout::Doc::Id Params = DocBuilder(D).args(std::move(Items));
  return D.layout(D.declaration(returnType(F), F.Name, Params, ")" + Tail), 0) +
         "\n";
}
} // namespace

std::string emitSignature(const Function &F) {
  std::string S = returnType(F) + " " + F.Name + "(";
  std::vector<std::string> Ps = parameters(F);
  for (size_t I = 0; I < Ps.size(); ++I)
    S += (I ? ", " : "") + Ps[I];
  return S + ")";
}

std::string emitDeclaration(const Function &F) { return signatureLine(F, ";"); }

std::string inNamespace(const Function &F, const std::string &Code) {
  if (F.Namespace.empty())
    return Code;
  return "namespace " + F.Namespace + " {\n" + Code + "} // namespace " +
         F.Namespace + "\n";
}

std::string emitDefinition(const Function &F) {
  // A body of one short statement stays on the signature's line, an empty
  // one too: `double f_grad(double x) { return f_vjp(x, 1.0); }`.
  if (F.Body.empty())
    return signatureLine(F, " {}");
  std::string One;
  if (F.Body.size() == 1 && StmtEmitter::oneLiner(*F.Body[0], One)) {
    std::string Line = emitSignature(F) + " { " + One + " }";
    if (Line.size() <= layout::Limit)
      return Line + "\n";
  }
  bool Device = (F.Qualifiers & (QGlobal | QDevice)) && !(F.Qualifiers & QHost);
  return signatureLine(F, " {") + StmtEmitter(2, Device).run(F.Body) + "}\n";
}

} // namespace tad
