//===- Transforms/Forward/JvpCalls.cpp - JVPs of calls --------------------===//
#include "Analysis/Activity.h"
#include "IR/Names.h"
#include "Rules/ExprBuilder.h"
#include "Rules/Rules.h"
#include "Transforms/Forward/CustomRules.h"
#include "Transforms/Forward/JvpBuilder.h"
#include "Transforms/Generator.h"
#include "Transforms/Prepare/Inline.h"
#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace tad {

/// Arguments of a call to Callee's JVP: each floating argument followed by
/// its tangent (zero, or a tangent array).
std::vector<ExprP> JvpBuilder::jvpArgs(const ExprP &E, const Function &Callee) {
  std::vector<ExprP> Args;
  for (size_t I = 0; I < E->Ops.size(); ++I) {
    const ExprP &A = E->Ops[I];
    const Type &PT = Callee.Params[I]->Ty;
    if (PT.IsPointer) {
      Args.push_back(A);
      if (PT.isFloating()) {
        ExprP TA = tangentLValue(A);
        if (!TA) {
          // A global array: a pointer variable that is no parameter
          // (local pointers are rejected when lowering).
          bool Global = A->is(Expr::Kind::VarRef) && !A->V->IsParam &&
                        A->V->Dims.empty() && A->V->Ty.IsPointer;
          Gen.diags().error(
              A->Loc, Global
                          ? "cannot differentiate the call to '" + E->Callee +
                                "': passing the global array '" + A->V->Name +
                                "' to a differentiated function is not "
                                "supported yet; copy it into a local array"
                          : "cannot differentiate the call to '" + E->Callee +
                                "': tad cannot follow this pointer argument; "
                                "pass an array variable");
          TA = A;
        }
        Args.push_back(TA);
      }
      continue;
    }
    Dual D = diff(A);
    Args.push_back(D.P);
    if (PT.isFloating())
      Args.push_back(orZero(convert(D.T, PT), PT));
  }
  return Args;
}

/// A call of a user function: through its JVP when anything about it is
/// active. WantValue: the result is used (so it is hoisted).
/// A call of g with a custom transpose, g(res..., lin): its tangent is
/// the same call on lin's tangent (so that reverse mode transposes it by
/// g's rule); residuals must not carry a tangent.
JvpBuilder::Dual JvpBuilder::diffCustomTransposeCall(const ExprP &E,
                                                     const Function &G) {
  std::vector<size_t> LinIdx = Generator::customLinearParams(G);
  auto IsLin = [&](size_t I) {
    return std::find(LinIdx.begin(), LinIdx.end(), I) != LinIdx.end();
  };
  std::vector<ExprP> Primal, Tangent;
  bool LinActive = false, ArrayMissing = false;
  for (size_t I = 0; I < E->Ops.size(); ++I) {
    if (G.Params[I]->Ty.IsPointer) { // an array: its tangent array
      Primal.push_back(E->Ops[I]);
      ExprP TA = IsLin(I) ? tangentLValue(E->Ops[I]) : nullptr;
      if (IsLin(I)) {
        LinActive |= TA != nullptr;
        ArrayMissing |= TA == nullptr;
      } else if (Act.Varied.count(rootVar(E->Ops[I]).get())) {
        // (Varied, not active: any local array handed to a call is
        // active, a derivative-free table too.)
        residualError(E->Ops[I], G, I, LinIdx);
      }
      Tangent.push_back(TA ? TA : E->Ops[I]);
      continue;
    }
    Dual D = diff(E->Ops[I]);
    Primal.push_back(D.P);
    if (IsLin(I)) {
      LinActive |= D.T != nullptr;
      Tangent.push_back(
          orZero(convert(D.T, G.Params[I]->Ty), G.Params[I]->Ty.unqualified()));
      continue;
    }
    if (D.T)
      residualError(E->Ops[I], G, I, LinIdx);
    Tangent.push_back(D.P);
  }
  if (!G.HasBody && !Gen.buildingReverse())
    Gen.diags().error(E->Loc, "forward mode through '" + G.Name +
                                  "' is not available: it has no "
                                  "definition, only a registered transpose "
                                  "(a custom VJP)");
  auto P = std::make_shared<Expr>(*E);
  P->Ops = Primal;
  if (!LinActive) // linear in a zero tangent
    return {P, nullptr};
  if (ArrayMissing)
    Gen.diags().error(E->Loc, "cannot differentiate this call of '" + G.Name +
                                  "': some of its linear arrays carry a "
                                  "derivative and others do not; pass "
                                  "arrays that all do");
  auto T = std::make_shared<Expr>(*E);
  T->Ops = Tangent;
  T->Target = &G;
  T->DirectLinear = true;
  return {P, T};
}

void JvpBuilder::residualError(const ExprP &Arg, const Function &G, size_t I,
                               const std::vector<size_t> &LinIdx) {
  std::string Lins;
  for (size_t L : LinIdx)
    Lins += (Lins.empty() ? "'" : ", '") + G.Params[L]->Name + "'";
  Gen.diags().error(Arg->Loc,
                    "cannot differentiate with respect to '" +
                        G.Params[I]->Name + "', a residual of '" + G.Name +
                        "': its custom transpose is linear in " + Lins +
                        " only (JVP with respect to a residual "
                        "of a custom-transpose function is not "
                        "supported)");
}

/// Whether a call of G, which has a custom transpose, goes through G's
/// custom JVP instead: always in forward mode (the user's forward rule),
/// and in reverse mode when a residual carries a derivative (the
/// transpose rule, linear in G's linear parameters only, cannot take it).
bool JvpBuilder::throughJvpRule(const ExprP &E, const Function &G) {
  if (!G.hasAnnotation("custom_jvp"))
    return false;
  if (!Gen.buildingReverse())
    return true;
  std::vector<size_t> LinIdx = Generator::customLinearParams(G);
  for (size_t I = 0; I < E->Ops.size() && I < G.Params.size(); ++I) {
    if (std::find(LinIdx.begin(), LinIdx.end(), I) != LinIdx.end())
      continue;
    const ExprP &A = E->Ops[I];
    if (G.Params[I]->Ty.IsPointer ? Act.Varied.count(rootVar(A).get()) != 0
                                  : ActE.isActive(A))
      return true;
  }
  return false;
}

JvpBuilder::Dual JvpBuilder::diffUserCall(const ExprP &E, bool WantValue) {
  if (E->CalleeKey)
    if (const Function *G = Gen.source().lower(E->CalleeKey))
      if (G->hasAnnotation("custom_transpose") && !throughJvpRule(E, *G))
        return diffCustomTransposeCall(E, *G);
  const Function *CJ = Gen.requestJvp(E->CalleeKey, E->Callee, E->Loc);
  if (!CJ)
    return {E, nullptr};
  const Function *Callee = calleePrimal(*CJ);
  std::vector<ExprP> Args = jvpArgs(E, *Callee);
  if (!E->Ty.isFloating()) {
    auto Call = std::make_shared<Expr>(
        *mkUserCall(qualifiedName(*CJ), CJ->Key, Args, E->Ty, E->Loc));
    // A call kept in reverse mode (a recursive one) that writes floating
    // arrays has a linear part: the linearizer splits it.
    if (std::any_of(Callee->Params.begin(), Callee->Params.end(),
                    [](const VarP &P) {
                      return P->Ty.IsPointer && P->carriesFloats();
                    }))
      Call->Target = CJ;
    return {Call, nullptr};
  }
  auto [T, DT] = temps(E->Ty, E->Loc);
  Pre->push_back(mkDecl(DT, nullptr, E->Loc));
  Args.push_back(mkUnary(UnOp::AddrOf, mkVar(DT), pointerTo(E->Ty)));
  auto CallNode = std::make_shared<Expr>(
      *mkUserCall(qualifiedName(*CJ), CJ->Key, Args, E->Ty, E->Loc));
  CallNode->Target = CJ;
  ExprP Call = CallNode;
  if (!WantValue) {
    Pre->push_back(mkExprStmt(Call, E->Loc));
    return {nullptr, nullptr};
  }
  T->Ty.Const = true;
  Pre->push_back(mkDecl(T, Call, E->Loc));
  return {mkVar(T, E->Loc), mkVar(DT, E->Loc)};
}

Type JvpBuilder::pointerTo(const Type &T) {
  Type P = T.unqualified();
  P.IsPointer = true;
  return P;
}

/// The primal callee's parameter list is the JVP's, minus tangents: the
/// generator keeps the primal at hand through the JVP's Key.
const Function *JvpBuilder::calleePrimal(const Function &CJ) {
  return static_cast<const Function *>(CJ.Key);
}

/// In reverse mode, a call of a function with a custom JVP that passes
/// arrays (reverse mode cannot save them for a call of the callee's VJP):
/// the rule's body, already JVP code, in place of the call, over the
/// arguments and their tangents. Linearize and transpose take it from
/// there (its calls with tangent arguments go through their own rules).
bool JvpBuilder::inlineJvpRule(const Stmt &S, StmtList &Out) {
  const ExprP &E = S.Value;
  if (!E->CalleeKey || !Gen.buildingReverse())
    return false;
  const Function *G = Gen.source().lower(E->CalleeKey);
  if (!G || !G->hasAnnotation("custom_jvp") || !G->RetTy.isVoid())
    return false;
  bool Arrays = false;
  for (const VarP &P : G->Params)
    Arrays |= P->Ty.IsPointer;
  if (!Arrays)
    return false;
  const Function *R = Gen.customRule(*G, "custom_jvp");
  if (!R)
    return true;
  FunctionP J = markJvpRule(*G, *R, Gen);
  StmtList Group;
  Pre = &Group;
  std::vector<ExprP> Args;
  for (size_t I = 0; I < G->Params.size(); ++I) {
    const ExprP &A = E->Ops[I];
    const VarP &P = G->Params[I];
    if (P->Ty.IsPointer) {
      Args.push_back(A);
      if (P->carriesFloats())
        Args.push_back(tangentLValue(A)); // null: zeros
      continue;
    }
    Dual D = diff(A);
    Args.push_back(D.P);
    if (P->carriesFloats())
      Args.push_back(D.T ? convert(D.T, P->Ty) : nullptr);
  }
  Pre = nullptr;
  for (StmtP &B :
       inlineBody(*J, Args, Gen.source(), Names, Gen.diags(), E->Loc))
    Group.push_back(std::move(B));
  StmtP Block = mkStmt(Stmt::Kind::Block, S.Loc);
  Block->Comment = "line " + std::to_string(S.Loc.Line) + ": custom JVP '" +
                   R->Name + "' of '" + G->Name + "'";
  LastCommentLine = S.Loc.Line;
  Block->Body = std::move(Group);
  Out.push_back(std::move(Block));
  return true;
}

} // namespace tad
