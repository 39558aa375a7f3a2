//===- Transforms/Inverse/Steps.cpp - f_ijvp, f_ivjp and f_logdet ---------===//
#include "IR/Names.h"
#include "Rules/ExprBuilder.h"
#include "Transforms/Generator.h"
#include "Transforms/Inverse/Inverse.h"
#include "Transforms/Reverse/Linearize.h"
#include "Transforms/Reverse/SharedCotangents.h"
#include "Transforms/Reverse/Transpose.h"

#include <cmath>
#include <utility>

namespace tad {

bool isInverseMode(const std::string &Kind) {
  return Kind == "ijvp" || Kind == "ivjp" || Kind == "logdet" ||
         Kind == "inverse";
}

std::string inverseModeName(const std::string &Kind) {
  if (Kind == "ijvp")
    return "inverse JVP";
  if (Kind == "ivjp")
    return "inverse VJP";
  if (Kind == "logdet")
    return "log-determinant";
  return "inverse";
}

std::string inverseKindOf(const Function &G) {
  for (const char *K : {"ijvp", "ivjp", "logdet", "inverse"})
    if (inverseModeName(K) == G.Mode)
      return K;
  return "";
}

FunctionP makeInverseSignature(const Function &F, const std::string &Kind) {
  auto G = std::make_unique<Function>();
  G->Name = F.Name + "_" + Kind;
  G->Namespace = F.Namespace;
  G->RetTy = Kind == "logdet" ? Type::scalar(ScalarKind::Double)
                              : Type::scalar(ScalarKind::Void);
  G->Qualifiers = F.Qualifiers;
  G->Loc = F.Loc;
  G->File = F.File;
  G->Key = &F;
  G->Mode = inverseModeName(Kind);
  NameTable Names(F);
  std::string Prefix = Kind == "ijvp" ? "d_" : "ct_";
  for (const VarP &P : F.Params) {
    G->Params.push_back(P);
    if ((Kind == "ijvp" || Kind == "ivjp") && isStateParam(*P)) {
      VarP T = makeVar(Names.fresh(Prefix + P->Name), P->Ty, P->Loc);
      T->IsParam = true;
      T->IsTangent = true;
      G->Params.push_back(T);
    }
  }
  return G;
}

namespace {

/// Emits the steps' inverse rules; shared by the three modes.
class StepRules {
  const InversePlan &P;
  Function &G;
  NameTable &Names;

public:
  StepRules(const InversePlan &P, Function &G, NameTable &Names)
      : P(P), G(G), Names(Names) {}

  /// The lump code for a placeholder (see LumpCallee), or false.
  bool lump(const Stmt &S, const std::string &Kind, const VarP &Acc,
            StmtList &Out) {
    if (!isLumpPlaceholder(S))
      return false;
    const LumpInfo *L = P.lumpAt(S.Loc.Handle);
    if (!L)
      return false;
    size_t W = L->width();
    const std::vector<ExprP> &Ops = S.RHS->Ops;
    std::vector<ExprP> Values(Ops.begin(), Ops.begin() + W);
    std::vector<ExprP> Tans(Ops.begin() + W, Ops.begin() + 2 * W);
    std::vector<ExprP> Free(Ops.begin() + 2 * W, Ops.end());
    G.UsesInverseRuntime = true;
    std::string Where = G.File + ":" + std::to_string(L->FirstLine) + "-" +
                        std::to_string(L->LastLine) + " (" + G.Name + ")";
    StmtP B = lumpRule(*L, Kind, Values, Tans, Free, Acc, Where, Names);
    B->Comment = "a lump of width " + std::to_string(L->K) + " (lines " +
                 std::to_string(L->FirstLine) + "-" +
                 std::to_string(L->LastLine) + ")";
    Out.push_back(std::move(B));
    return true;
  }

  /// The magnitude of the terms A is computed from (|a| + |b| for a + b,
  /// |a| |b| for a * b), and how many terms there are.
  static ExprP magnitude(const ExprP &A, unsigned &Terms) {
    switch (A->K) {
    case Expr::Kind::Lit:
      ++Terms;
      return lit(std::fabs(A->Value), A->Ty);
    case Expr::Kind::Cast:
      return convert(magnitude(A->op(0), Terms), A->Ty);
    case Expr::Kind::Unary:
      if (A->UOp == UnOp::Neg)
        return magnitude(A->op(0), Terms);
      break;
    case Expr::Kind::Binary:
      switch (A->BOp) {
      case BinOp::Add:
      case BinOp::Sub:
        return add(magnitude(A->op(0), Terms), magnitude(A->op(1), Terms));
      case BinOp::Mul:
        return mul(magnitude(A->op(0), Terms), magnitude(A->op(1), Terms));
      case BinOp::Div:
        return div(magnitude(A->op(0), Terms), mathCall("fabs", {A->op(1)}));
      default:
        break;
      }
      break;
    default:
      break;
    }
    ++Terms;
    return mathCall("fabs", {A});
  }

  /// a, with the run-time check where the plan asks for one: exact for a
  /// single term (`w`), relative to the terms' magnitude for a sum (`1 + w
  /// cos(x)` is zero to working precision when |a| <= n eps (|1| + |w
  /// cos(x)|), tad/inverse.h).
  ExprP checked(const Stmt &S, ExprP A) {
    if (!P.CheckedPivots.count(S.Loc.Handle))
      return A;
    G.UsesInverseRuntime = true;
    Type Str = Type::integer("const char *");
    std::string Where = "\"" + G.File + ":" + std::to_string(S.Loc.Line) +
                        " (" + G.Name + ")\"";
    ExprP W = mkLit(0, Str, {}, std::move(Where));
    unsigned Terms = 0;
    ExprP Mag = magnitude(A, Terms);
    if (Terms < 2)
      return mkUserCall("tad::pivot", nullptr, {A, W}, A->Ty, S.Loc);
    ExprP Scale = convert(mul(lit(double(Terms), A->Ty), Mag), A->Ty);
    return mkUserCall("tad::pivot", nullptr, {A, Scale, W}, A->Ty, S.Loc);
  }

  /// Coef * At, with a negation pulled out so that sums read a - b.
  static ExprP term(const ExprP &Coef, const ExprP &At) {
    if (Coef->is(Expr::Kind::Unary) && Coef->UOp == UnOp::Neg)
      return neg(mul(Coef->op(0), At));
    return mul(Coef, At);
  }

  /// A coefficient that is zero unless a condition holds (the term came
  /// from one arm of a `?:`): the condition and the coefficient where it
  /// holds. The location may be out of range where it does not
  /// (`i > 0 ? b * d_x[i - 1] : 0.0` at i = 0), so the term is read or
  /// written only under the condition.
  static std::pair<ExprP, ExprP> splitGuard(const ExprP &C) {
    Type Bool = Type::scalar(ScalarKind::Bool);
    if (C->is(Expr::Kind::Select)) {
      for (int Arm : {1, 2}) {
        if (!isLitValue(C->op(3 - Arm), 0))
          continue;
        ExprP G = Arm == 1 ? C->op(0) : mkUnary(UnOp::Not, C->op(0), Bool);
        auto [Inner, V] = splitGuard(C->op(Arm));
        return {Inner ? mkBinary(BinOp::LAnd, G, Inner, Bool) : G, V};
      }
    }
    if (C->is(Expr::Kind::Binary) && C->BOp == BinOp::Mul)
      for (int Side : {0, 1})
        if (auto [G, V] = splitGuard(C->op(Side)); G)
          return {G, Side ? mul(C->op(0), V) : mul(V, C->op(1))};
    if (C->is(Expr::Kind::Unary) && C->UOp == UnOp::Neg)
      if (auto [G, V] = splitGuard(C->op(0)); G)
        return {G, neg(V)};
    return {nullptr, C};
  }

  static ExprP others(const StepForm &SF) {
    ExprP Sum;
    for (const LinearTerm &T : SF.Others) {
      auto [G, Coef] = splitGuard(T.Coef);
      ExprP X = term(Coef, T.At);
      Sum = add(Sum, G ? mkSelect(G, X, lit(0, X->Ty), X->Ty) : X);
    }
    return Sum;
  }

  /// J^-1: d_i = (d_i - sum_r b_r d_r) / a.
  void inverseTangent(const Stmt &S, StmtList &Out) {
    if (lump(S, "ijvp", nullptr, Out))
      return;
    StepForm SF;
    stepForm(S, SF);
    ExprP Sum = others(SF);
    if (isLitValue(SF.Pivot, 1)) {
      if (Sum)
        Out.push_back(mkAssign(SF.Self, AssignOp::Sub, Sum, S.Loc));
      return;
    }
    if (S.AOp == AssignOp::Mul || S.AOp == AssignOp::Div) {
      Out.push_back(mkAssign(
          SF.Self, S.AOp == AssignOp::Mul ? AssignOp::Div : AssignOp::Mul,
          S.AOp == AssignOp::Mul ? checked(S, S.RHS) : S.RHS, S.Loc));
      return;
    }
    if (!Sum)
      Out.push_back(
          mkAssign(SF.Self, AssignOp::Div, checked(S, SF.Pivot), S.Loc));
    else
      Out.push_back(mkAssign(SF.Self, AssignOp::Set,
                             div(sub(SF.Self, Sum), checked(S, SF.Pivot)),
                             S.Loc));
  }

  /// J^-T: c_i /= a, then c_r -= b_r c_i.
  void inverseCotangent(const Stmt &S, StmtList &Out) {
    if (lump(S, "ivjp", nullptr, Out))
      return;
    StepForm SF;
    stepForm(S, SF);
    if (!isLitValue(SF.Pivot, 1)) {
      if (S.AOp == AssignOp::Mul || S.AOp == AssignOp::Div)
        Out.push_back(mkAssign(
            SF.Self, S.AOp == AssignOp::Mul ? AssignOp::Div : AssignOp::Mul,
            S.AOp == AssignOp::Mul ? checked(S, S.RHS) : S.RHS, S.Loc));
      else
        Out.push_back(
            mkAssign(SF.Self, AssignOp::Div, checked(S, SF.Pivot), S.Loc));
    }
    for (const LinearTerm &T : SF.Others) {
      auto [G, Coef] = splitGuard(T.Coef);
      ExprP X = term(Coef, SF.Self);
      bool Neg = X->is(Expr::Kind::Unary) && X->UOp == UnOp::Neg;
      StmtP A = mkAssign(T.At, Neg ? AssignOp::Add : AssignOp::Sub,
                         Neg ? X->op(0) : X, S.Loc);
      if (G) { // the location may not exist where the guard fails
        StmtP If = mkStmt(Stmt::Kind::If, S.Loc);
        If->Cond = G;
        If->Body.push_back(std::move(A));
        A = std::move(If);
      }
      Out.push_back(std::move(A));
    }
  }

  /// An accumulator's bundle in program order (Accumulators.cpp): its
  /// step's J^-T rule, which gives the accumulator V the share -b ct_i of
  /// its value, then the accumulation transposed: ct_r += c_r V for each
  /// term c_r d_x[r] of each update (the updates are sums: any order).
  void bundleCotangent(const Stmt &B, StmtList &Out) {
    const VarP &V = B.Body[0]->V;
    StmtList Group;
    if (isBundle(*B.Body[1], P.Bundles))
      bundleCotangent(*B.Body[1], Group);
    else
      inverseCotangent(*B.Body[1], Group);
    for (size_t J = 2; J < B.Body.size(); ++J)
      transposedUpdates(*B.Body[J], V, Group);
    // V holds a cotangent here: named as one (d_s -> ct_s).
    std::string Base =
        V->Name.rfind("d_", 0) == 0 ? V->Name.substr(2) : V->Name;
    auto C = std::make_shared<Var>(*V);
    C->Name = Names.fresh("ct_" + Base);
    Out.push_back(mkDecl(C, lit(0, C->Ty), B.Loc));
    substituteInStmts(Group, {{V.get(), mkVar(C)}});
    for (StmtP &X : Group)
      Out.push_back(std::move(X));
  }

  static void transposedUpdates(const Stmt &S, const VarP &V, StmtList &Out) {
    if (S.is(Stmt::Kind::Assign) && rootVar(S.LHS) == V) {
      StepForm SF;
      stepForm(S, SF);
      for (const LinearTerm &T : SF.Others) {
        auto [G, Coef] = splitGuard(T.Coef);
        ExprP X = term(Coef, mkVar(V));
        bool Neg = X->is(Expr::Kind::Unary) && X->UOp == UnOp::Neg;
        StmtP A = mkAssign(T.At, Neg ? AssignOp::Sub : AssignOp::Add,
                           Neg ? X->op(0) : X, S.Loc);
        if (G) {
          StmtP If = mkStmt(Stmt::Kind::If, S.Loc);
          If->Cond = G;
          If->Body.push_back(std::move(A));
          A = std::move(If);
        }
        Out.push_back(std::move(A));
      }
      return;
    }
    StmtP C = cloneStmt(S);
    C->Body.clear();
    C->Else.clear();
    for (const StmtP &X : S.Body)
      transposedUpdates(*X, V, C->Body);
    for (const StmtP &X : S.Else)
      transposedUpdates(*X, V, C->Else);
    C->HasElse = !C->Else.empty();
    Out.push_back(std::move(C));
  }

  /// log|det|: s += log|a|.
  void logPivot(const Stmt &S, const VarP &Acc, StmtList &Out) {
    if (lump(S, "logdet", Acc, Out))
      return;
    StepForm SF;
    stepForm(S, SF);
    if (isLitValue(SF.Pivot, 1) || isLitValue(SF.Pivot, -1))
      return;
    ExprP A = S.AOp == AssignOp::Div   ? S.RHS
              : S.AOp == AssignOp::Mul ? S.RHS
                                       : SF.Pivot;
    ExprP L = mathCall("log", {mathCall("fabs", {A})});
    Out.push_back(mkAssign(
        mkVar(Acc), S.AOp == AssignOp::Div ? AssignOp::Sub : AssignOp::Add,
        convert(L, Acc->Ty), S.Loc));
  }
};

bool isTangentStep(const Stmt &S) {
  if (!S.is(Stmt::Kind::Assign))
    return false;
  VarP R = rootVar(S.LHS);
  return R && R->IsTangent;
}

/// The JVP's statements with each tangent step (and accumulator bundle)
/// replaced by Rule's output.
template <typename RuleFn>
StmtList rewriteSteps(const StmtList &L, RuleFn &R,
                      const std::set<std::uint64_t> &Bundles) {
  StmtList Out;
  for (const StmtP &S : L) {
    if (isTangentStep(*S) || isBundle(*S, Bundles)) {
      StmtList Group;
      R(*S, Group);
      if (!Group.empty() && !S->Comment.empty())
        Group.front()->Comment = S->Comment;
      for (StmtP &X : Group)
        Out.push_back(std::move(X));
      continue;
    }
    StmtP C = cloneStmt(*S);
    C->Body = rewriteSteps(S->Body, R, Bundles);
    C->Else = rewriteSteps(S->Else, R, Bundles);
    Out.push_back(std::move(C));
  }
  return Out;
}

/// Maps the JVP's state tangents to G's tangent (or cotangent) parameters.
std::map<const Var *, ExprP> tangentParams(const InversePlan &P,
                                           const Function &G) {
  std::map<const Var *, ExprP> M;
  for (size_t I = 0; I + 1 < G.Params.size(); ++I)
    if (G.Params[I + 1]->IsTangent)
      for (const VarP &S : P.State)
        if (S->Name == G.Params[I]->Name)
          M[P.TangentOf.at(S.get()).get()] = mkVar(G.Params[I + 1]);
  return M;
}

/// The primal's state parameters, renamed to G's (the same names).
std::map<const Var *, ExprP> primalParams(const InversePlan &P,
                                          const Function &G) {
  std::map<const Var *, ExprP> M;
  for (const VarP &V : P.Prepared->Params)
    for (const VarP &W : G.Params)
      if (V != W && V->Name == W->Name && !W->IsTangent)
        M[V.get()] = mkVar(W);
  return M;
}

void buildIjvp(const InversePlan &P, Function &G, Generator &Gen) {
  NameTable Names(*P.Jvp);
  for (const VarP &V : G.Params)
    Names.fresh(V->Name);
  LinearizedProgram LP = linearize(*P.Jvp, Names, Gen.diags());
  if (!checkNoDeviceTape(G, LP.Primal, LP.Tape, Gen.diags()))
    return;
  StepRules Rules(P, G, Names);
  CotangentOf Same = [](const VarP &V) { return mkVar(V); };
  VjpOf NoVjp = [](const Function &) { return nullptr; };
  CallTransposeOf NoT = [](const Function &, size_t, SrcLoc) {
    return nullptr;
  };
  // An accumulator's bundle reversed: its accumulation first (the updates
  // as they are: their sum does not depend on the order), then its step.
  std::set<const Var *> Accumulators;
  StepRuleOf Step;
  Step = [&](const Stmt &S, StmtList &Out) {
    if (isBundle(S, P.Bundles)) {
      Accumulators.insert(S.Body[0]->V.get());
      Out.push_back(cloneStmt(*S.Body[0]));
      for (StmtP &X : transposeProgram(S.Body, Same, NoVjp, NoT, LP.Tape, Names,
                                       Gen.diags(), Step))
        Out.push_back(std::move(X));
      return true;
    }
    if (S.is(Stmt::Kind::Decl) && Accumulators.count(S.V.get()))
      return true; // declared before the accumulation
    if (S.is(Stmt::Kind::Assign) && Accumulators.count(rootVar(S.LHS).get())) {
      Out.push_back(cloneStmt(S));
      Out.back()->Pops.clear();
      return true;
    }
    if (!isTangentStep(S))
      return false;
    Rules.inverseTangent(S, Out);
    return true;
  };
  StmtList Reverse = transposeProgram(LP.Linear, Same, NoVjp, NoT, LP.Tape,
                                      Names, Gen.diags(), Step);
  declareTape(LP, G);
  for (StmtList *L : {&LP.TopDecls, &LP.Primal})
    for (StmtP &S : *L)
      G.Body.push_back(std::move(S));
  if (!Reverse.empty())
    Reverse.front()->Comment = "reverse sweep: each step's tangent solved "
                               "for its old value";
  for (StmtP &S : Reverse)
    G.Body.push_back(std::move(S));
}

void buildForward(const InversePlan &P, Function &G, bool LogDet) {
  NameTable Names(*P.Jvp);
  for (const VarP &V : G.Params)
    Names.fresh(V->Name);
  StepRules Rules(P, G, Names);
  VarP Acc;
  if (LogDet) {
    Acc = makeVar(Names.fresh("_logdet"), Type::scalar(ScalarKind::Double),
                  G.Loc);
    G.Body.push_back(mkDecl(Acc, lit(0, Acc->Ty)));
  }
  auto Rule = [&](const Stmt &S, StmtList &Out) {
    if (LogDet)
      Rules.logPivot(bundledStep(S, P.Bundles), Acc, Out);
    else if (isBundle(S, P.Bundles))
      Rules.bundleCotangent(S, Out);
    else
      Rules.inverseCotangent(S, Out);
  };
  for (StmtP &S : rewriteSteps(P.Jvp->Body, Rule, P.Bundles))
    G.Body.push_back(std::move(S));
  if (LogDet)
    G.Body.push_back(mkReturn(mkVar(Acc)));
}

} // namespace

void buildInverseBody(const Function &F, Function &G, Generator &Gen) {
  std::string K = inverseKindOf(G);
  for (const Annotation &A : F.Annotations)
    if (A.Kind == "dense") {
      if (K == "inverse") {
        Gen.diags().error(A.Loc, "'tad::dense' provides f_ijvp, f_ivjp and "
                                 "f_logdet; f_inverse of '" +
                                     F.Name + "' has no dense fallback");
        return;
      }
      buildDenseBody(F, G, Gen, A);
      unnameUnreadParams(G);
      return;
    }
  std::shared_ptr<InversePlan> P = planInverse(F, Gen);
  if (!P->Ok)
    return;
  std::string Kind = inverseKindOf(G);
  if (Kind == "inverse") {
    buildInverseFunction(F, *P, G, Gen);
  } else if (Kind == "ijvp") {
    buildIjvp(*P, G, Gen);
  } else {
    buildForward(*P, G, Kind == "logdet");
  }
  std::map<const Var *, ExprP> M = tangentParams(*P, G);
  for (auto &[K, V] : primalParams(*P, G))
    M[K] = V;
  substituteInStmts(G.Body, M);
  unnameUnreadParams(G);
}

} // namespace tad
