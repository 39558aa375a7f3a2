//===- Transforms/Inverse/Dense.cpp - the dense fallback ------------------===//
//
// For a function marked TAD_DENSE(n): f_ijvp, f_ivjp and f_logdet by the
// dense route, whatever the function's structure (it need not be
// stepwise). The body: the state saved into a tad::Dense workspace
// (tad/dense.h); for each of the N = (state arrays) * n columns, tad's JVP
// of the function (its body inlined, constants' tangents dropped) run on
// seeded scratch copies; the primal run on the state (the modes advance it
// like the stepwise ones); then one LU solve (or log-determinant). A
// warning at the annotation says what it costs.
//
//===----------------------------------------------------------------------===//
#include "IR/Spelling.h"
#include "Rules/ExprBuilder.h"
#include "Transforms/Forward/JVP.h"
#include "Transforms/Generator.h"
#include "Transforms/Inverse/Inverse.h"
#include "Transforms/Prepare/Normalize.h"

#include <algorithm>
#include <cctype>

namespace tad {

namespace {
Type intTy() { return Type::integer("int"); }

ExprP call(const VarP &W, const char *Method, std::vector<ExprP> Args,
           Type Ret) {
  return mkUserCall(W->Name + "." + Method, nullptr, std::move(Args), Ret);
}

/// The length TAD_DENSE(expr) names: an integer expression of F's integer
/// parameters and decimal literals with + - * / % and parentheses, parsed
/// from the annotation's text; null with Why otherwise.
class LengthParser {
  const std::string &Text;
  const Function &F;
  size_t I = 0;

  void space() {
    while (I < Text.size() && std::isspace(static_cast<unsigned char>(Text[I])))
      ++I;
  }
  bool eat(char C) {
    space();
    if (I < Text.size() && Text[I] == C) {
      ++I;
      return true;
    }
    return false;
  }
  ExprP fail(const std::string &Reason) {
    if (Why.empty())
      Why = Reason;
    return nullptr;
  }
  ExprP binary(BinOp Op, ExprP A, ExprP B) {
    return A && B ? mkBinary(Op, A, B, intTy()) : nullptr;
  }

  ExprP primary() {
    space();
    if (I >= Text.size())
      return fail("it ends where a value is expected");
    char C = Text[I];
    if (eat('(')) {
      ExprP E = sum();
      if (E && !eat(')'))
        return fail("a ')' is missing");
      return E;
    }
    if (std::isdigit(static_cast<unsigned char>(C))) {
      size_t J = I;
      while (J < Text.size() &&
             std::isdigit(static_cast<unsigned char>(Text[J])))
        ++J;
      ExprP L = mkLit(std::stod(Text.substr(I, J - I)), intTy(), {},
                      Text.substr(I, J - I));
      I = J;
      return L;
    }
    if (std::isalpha(static_cast<unsigned char>(C)) || C == '_') {
      size_t J = I;
      while (
          J < Text.size() &&
          (std::isalnum(static_cast<unsigned char>(Text[J])) || Text[J] == '_'))
        ++J;
      std::string Name = Text.substr(I, J - I);
      I = J;
      for (const VarP &P : F.Params)
        if (P->Name == Name) {
          if (P->Ty.Kind != ScalarKind::Int || P->Ty.IsPointer)
            return fail("'" + Name + "' is not an integer parameter");
          return mkVar(P);
        }
      return fail("'" + Name + "' is not a parameter of '" + F.Name + "'");
    }
    return fail("'" + std::string(1, C) + "' cannot appear in one");
  }
  ExprP unary() {
    if (eat('-')) {
      ExprP E = unary();
      return E ? mkUnary(UnOp::Neg, E, intTy()) : nullptr;
    }
    if (eat('+'))
      return unary();
    return primary();
  }
  ExprP product() {
    ExprP E = unary();
    while (E) {
      BinOp Op = eat('*')   ? BinOp::Mul
                 : eat('/') ? BinOp::Div
                 : eat('%') ? BinOp::Rem
                            : BinOp::Eq;
      if (Op == BinOp::Eq)
        break;
      E = binary(Op, E, unary());
    }
    return E;
  }
  ExprP sum() {
    ExprP E = product();
    while (E) {
      BinOp Op = eat('+') ? BinOp::Add : eat('-') ? BinOp::Sub : BinOp::Eq;
      if (Op == BinOp::Eq)
        break;
      E = binary(Op, E, product());
    }
    return E;
  }

public:
  std::string Why;
  LengthParser(const std::string &Text, const Function &F) : Text(Text), F(F) {}
  ExprP parse() {
    ExprP E = sum();
    space();
    if (E && I < Text.size())
      return fail("'" + std::string(1, Text[I]) + "' cannot appear in one");
    return E;
  }
};
} // namespace

void buildDenseBody(const Function &F, Function &G, Generator &Gen,
                    const Annotation &A) {
  DiagSink &Diags = Gen.diags();
  unsigned Before = Diags.errorCount();
  std::string Kind = inverseKindOf(G);
  if (!checkInverseShape(F, Diags))
    return;
  // The length of each state array: an integer expression of the
  // parameters.
  std::string Arg = A.Args.empty() ? "" : A.Args[0];
  while (!Arg.empty() && std::isspace(static_cast<unsigned char>(Arg.back())))
    Arg.pop_back();
  LengthParser Parser(Arg, F);
  ExprP Len = Parser.parse();
  if (!Len) {
    // Once for the function (firstDenseWarning: the first of its modes to
    // report on TAD_DENSE), not once per mode.
    if (Gen.firstDenseWarning(&F))
      Diags.error(A.Loc, "'tad::dense' names the length of each state array "
                         "of '" +
                             F.Name +
                             "': an integer expression of its integer "
                             "parameters and literals, not '" +
                             Arg + "' (" + Parser.Why + ")");
    return;
  }
  NameTable Names(F);
  for (const VarP &V : G.Params)
    Names.fresh(V->Name);
  FunctionP Prepared = prepareForReverse(F, Gen.source(), Names, Diags);
  if (!Prepared)
    return;
  const Function &P = *Prepared;
  std::vector<VarP> State;
  for (const VarP &V : P.Params)
    if (isStateParam(*V))
      State.push_back(V);
  FunctionP J = makeJvpSignature(P);
  buildJvpBody(P, *J, Gen);
  if (Diags.errorCount() > Before)
    return;
  std::set<const Var *> Zero;
  std::map<const Var *, VarP> TangentOf;
  size_t JI = 0;
  for (const VarP &V : P.Params) {
    ++JI;
    if (!V->carriesFloats())
      continue;
    const VarP &T = J->Params[JI++];
    if (isStateParam(*V))
      TangentOf[V.get()] = T;
    else
      Zero.insert(T.get());
  }
  dropParamTangents(J->Body, Zero);

  size_t S = State.size();
  // N as the user would write it (the annotation's text may be spaced
  // otherwise).
  std::string E = emitExpr(Len);
  bool Simple = Len->is(Expr::Kind::Lit) || Len->is(Expr::Kind::VarRef);
  std::string N =
      S > 1 ? std::to_string(S) + " * " + (Simple ? E : "(" + E + ")") : E;
  if (Gen.firstDenseWarning(&F))
    Diags.warning(A.Loc, "the inverse modes of '" + F.Name +
                             "' use the dense fallback: per call, N = " + N +
                             " JVPs of '" + F.Name +
                             "' and an N x N LU factorization, O(N cost(f) "
                             "+ N^3) time and N^2 memory (inverse "
                             "accumulation of a stepwise function costs "
                             "O(cost(f)))");

  // The workspace.
  Type Elem = State[0]->Ty.element().unqualified();
  VarP W = makeVar(Names.fresh("_dense"),
                   Type::object("tad::Dense<" + cppType(Elem) + ">"), G.Loc);
  StmtP Decl = mkDecl(W, nullptr);
  Decl->HasInitList = true;
  Decl->InitList = {Len, mkLit(double(S), intTy())};
  G.Body.push_back(std::move(Decl));
  G.UsesInverseRuntime = true;
  Type Void = Type::scalar(ScalarKind::Void);
  for (size_t I = 0; I < S; ++I)
    G.Body.push_back(mkExprStmt(
        call(W, "save", {mkLit(double(I), intTy()), mkVar(State[I])}, Void)));
  // The columns.
  VarP C = makeVar(Names.fresh("_dense_c"), intTy(), G.Loc);
  StmtP For = mkStmt(Stmt::Kind::For);
  For->Comment = "the Jacobian, one JVP per column";
  For->ForInit.push_back(mkDecl(C, mkLit(0, intTy())));
  For->Cond = cmp(BinOp::Lt, mkVar(C), call(W, "size", {}, intTy()));
  For->ForInc.push_back(mkAssign(mkVar(C), AssignOp::Add, mkLit(1, intTy())));
  For->Body.push_back(mkExprStmt(call(W, "begin", {mkVar(C)}, Void)));
  std::map<const Var *, ExprP> M;
  for (size_t I = 0; I < S; ++I) {
    Type PT = State[I]->Ty.unqualified();
    PT.Restrict = false;
    VarP SV = makeVar(Names.fresh("_dense_" + State[I]->Name), PT, G.Loc);
    VarP TV = makeVar(Names.fresh("_dense_d_" + State[I]->Name), PT, G.Loc);
    For->Body.push_back(
        mkDecl(SV, call(W, "state", {mkLit(double(I), intTy())}, PT)));
    For->Body.push_back(
        mkDecl(TV, call(W, "tangent", {mkLit(double(I), intTy())}, PT)));
    M[State[I].get()] = mkVar(SV);
    M[TangentOf[State[I].get()].get()] = mkVar(TV);
  }
  StmtList Jvp = cloneList(J->Body);
  substituteInStmts(Jvp, M);
  for (StmtP &X : Jvp)
    For->Body.push_back(std::move(X));
  For->Body.push_back(mkExprStmt(call(W, "end", {mkVar(C)}, Void)));
  G.Body.push_back(std::move(For));
  // The primal, advancing the state.
  StmtList Primal = cloneList(P.Body);
  if (!Primal.empty())
    Primal.front()->Comment = "the primal: the state becomes f(x)";
  for (StmtP &X : Primal)
    G.Body.push_back(std::move(X));
  ExprP Where = mkLit(0, Type::integer("const char *"), {},
                      "\"" + F.File + ":" + std::to_string(F.Loc.Line) + " (" +
                          G.Name + ")\"");
  if (Kind == "logdet") {
    G.Body.push_back(mkReturn(
        call(W, "logabsdet", {Where}, Type::scalar(ScalarKind::Double))));
    return;
  }
  // The (co)tangent parameters follow their state parameters in G.
  std::vector<VarP> Tans;
  for (size_t I = 0; I + 1 < G.Params.size(); ++I)
    if (G.Params[I + 1]->IsTangent)
      Tans.push_back(G.Params[I + 1]);
  for (size_t I = 0; I < S && I < Tans.size(); ++I)
    G.Body.push_back(mkExprStmt(
        call(W, "rhs", {mkLit(double(I), intTy()), mkVar(Tans[I])}, Void)));
  G.Body.push_back(mkExprStmt(
      call(W, Kind == "ijvp" ? "solve" : "solve_transposed", {Where}, Void)));
  for (size_t I = 0; I < S && I < Tans.size(); ++I)
    G.Body.push_back(mkExprStmt(
        call(W, "result", {mkLit(double(I), intTy()), mkVar(Tans[I])}, Void)));
}

} // namespace tad
