//===- IR/Printer.cpp - textual forms of the IR ---------------------------===//
#include "IR/Printer.h"
#include "IR/Spelling.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace tad {

namespace {
/// Prints the IR as indented S-expressions with explicit types.
class Dumper {
  std::ostringstream OS;
  unsigned Depth = 1;

  void indent() { OS << std::string(2 * Depth, ' '); }

  void expr(const ExprP &E) {
    if (!E) {
      OS << "null";
      return;
    }
    switch (E->K) {
    case Expr::Kind::Lit:
      OS << cppLiteral(*E) << ":" << cppType(E->Ty);
      return;
    case Expr::Kind::VarRef:
      OS << "%";
      if (VarP P = E->V->Parent.lock())
        OS << rootOfFields(P)->Name << "..";
      OS << E->V->Name;
      return;
    case Expr::Kind::Index:
      OS << "(index ";
      expr(E->op(0));
      OS << " ";
      expr(E->op(1));
      OS << ")";
      return;
    case Expr::Kind::Unary:
      OS << "(" << spelling(E->UOp) << " ";
      expr(E->op(0));
      OS << "):" << cppType(E->Ty);
      return;
    case Expr::Kind::Binary:
      OS << "(" << spelling(E->BOp) << " ";
      expr(E->op(0));
      OS << " ";
      expr(E->op(1));
      OS << "):" << cppType(E->Ty);
      return;
    case Expr::Kind::Select:
      OS << "(select ";
      expr(E->op(0));
      OS << " ";
      expr(E->op(1));
      OS << " ";
      expr(E->op(2));
      OS << "):" << cppType(E->Ty);
      return;
    case Expr::Kind::Call:
      OS << "(call " << (E->Builtin >= 0 ? "builtin " : "") << E->Callee;
      for (const ExprP &A : E->Ops) {
        OS << " ";
        expr(A);
      }
      OS << "):" << cppType(E->Ty);
      return;
    case Expr::Kind::Cast:
      OS << "(cast " << cppType(E->Ty) << " ";
      expr(E->op(0));
      OS << ")";
      return;
    }
  }

  void loc(const SrcLoc &L) {
    if (L.Line)
      OS << "  @" << L.Line << ":" << L.Col;
    OS << "\n";
  }

  void list(const StmtList &L) {
    ++Depth;
    for (const StmtP &S : L)
      stmt(*S);
    --Depth;
  }

  void var(const Var &V) {
    OS << "%" << V.Name << ": " << cppType(V.Ty);
    for (auto D : V.Dims)
      OS << "[" << D << "]";
    if (V.Shared)
      OS << " shared";
  }

  void stmt(const Stmt &S) {
    indent();
    switch (S.K) {
    case Stmt::Kind::Decl:
      OS << "decl ";
      var(*S.V);
      if (S.Init) {
        OS << " = ";
        expr(S.Init);
      } else if (S.HasInitList) {
        OS << " = {";
        for (size_t I = 0; I < S.InitList.size(); ++I) {
          OS << (I ? " " : "");
          expr(S.InitList[I]);
        }
        OS << "}";
      }
      loc(S.Loc);
      return;
    case Stmt::Kind::Assign:
      OS << "assign ";
      expr(S.LHS);
      OS << " "
         << (S.AOp == AssignOp::Other ? S.OtherOpSpelling : spelling(S.AOp))
         << " ";
      expr(S.RHS);
      loc(S.Loc);
      return;
    case Stmt::Kind::ExprStmt:
      OS << "eval ";
      expr(S.Value);
      loc(S.Loc);
      return;
    case Stmt::Kind::If:
      OS << "if ";
      expr(S.Cond);
      loc(S.Loc);
      list(S.Body);
      if (S.HasElse) {
        indent();
        OS << "else\n";
        list(S.Else);
      }
      return;
    case Stmt::Kind::For:
      OS << "for";
      if (S.Parallel) {
        OS << " parallel";
        for (size_t I = 0; I < S.Reduction.size(); ++I)
          OS << (I ? ", %" : " reduction(+ : %") << S.Reduction[I]->Name;
        if (!S.Reduction.empty())
          OS << ")";
      }
      loc(S.Loc);
      ++Depth;
      indent();
      OS << "init\n";
      list(S.ForInit);
      indent();
      OS << "cond ";
      expr(S.Cond);
      OS << "\n";
      indent();
      OS << "inc\n";
      list(S.ForInc);
      indent();
      OS << "body\n";
      list(S.Body);
      --Depth;
      return;
    case Stmt::Kind::While:
      OS << "while ";
      expr(S.Cond);
      loc(S.Loc);
      list(S.Body);
      return;
    case Stmt::Kind::DoWhile:
      OS << "do-while ";
      expr(S.Cond);
      loc(S.Loc);
      list(S.Body);
      return;
    case Stmt::Kind::Break:
      OS << "break";
      loc(S.Loc);
      return;
    case Stmt::Kind::Continue:
      OS << "continue";
      loc(S.Loc);
      return;
    case Stmt::Kind::Return:
      OS << "return ";
      if (S.Value)
        expr(S.Value);
      loc(S.Loc);
      return;
    case Stmt::Kind::Block:
      OS << "block";
      loc(S.Loc);
      list(S.Body);
      return;
    }
  }

public:
  std::string run(const Function &F) {
    OS << "function " << F.Name << "(";
    for (size_t I = 0; I < F.Params.size(); ++I) {
      OS << (I ? ", " : "");
      var(*F.Params[I]);
    }
    OS << ") -> " << cppType(F.RetTy);
    static const char *QNames[] = {"static",   "inline",     "constexpr",
                                   "__host__", "__device__", "__global__"};
    for (unsigned I = 0; I < 6; ++I)
      if (F.Qualifiers & (1u << I))
        OS << " " << QNames[I];
    for (const Annotation &A : F.Annotations) {
      OS << " [tad::" << A.Kind;
      for (size_t I = 0; I < A.Args.size(); ++I)
        OS << (I ? ", " : "(") << A.Args[I];
      OS << (A.Args.empty() ? "" : ")") << "]";
    }
    loc(F.Loc);
    list(F.Body);
    return OS.str();
  }
};
} // namespace

std::string dumpIR(const Function &F) { return Dumper().run(F); }

} // namespace tad
