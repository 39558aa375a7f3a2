//===- Transforms/Forward/JvpBuilder.h - forward mode's builder -*- C++ -*-===//
//
// The JVP of one function, built by JvpBuilder, whose work is split by
// concern: expressions (JvpExprs.cpp), calls (JvpCalls.cpp), statements
// and the function (JVP.cpp).
//
//===----------------------------------------------------------------------===//
#ifndef TAD_TRANSFORMS_FORWARD_JVPBUILDER_H
#define TAD_TRANSFORMS_FORWARD_JVPBUILDER_H

#include "Analysis/Activity.h"
#include "IR/IR.h"
#include "IR/Names.h"
#include "Transforms/Generator.h"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace tad {

inline std::string tangentName(const std::string &Primal) {
  return "d_" + Primal;
}

class JvpBuilder {
  const Function &F;
  Function &J;
  Generator &Gen;
  ActivityInfo Act;
  /// Act's answers about expressions, kept per node.
  ActiveExprs ActE{Act};
  NameTable Names;
  std::map<const Var *, VarP> Tan;
  /// Tan[V] = T, and for a struct the same for its floating fields.
  void mapTangent(const VarP &V, const VarP &T) {
    Tan[V.get()] = T;
    forEachFieldPair(*V, *T, [&](const VarP &A, const VarP &B) {
      if (A->carriesFloats())
        Tan[A.get()] = B;
    });
  }
  /// Input parameters a wrt list leaves out: constants, with no tangent.
  std::set<const Var *> Constants;
  VarP DReturn;
  /// Hoisted temporaries for the statement being transformed.
  StmtList *Pre = nullptr;
  /// Inside a ?: arm, maths results are recomputed instead of hoisted so
  /// that nothing is evaluated that the user's code would not evaluate.
  bool InSelectArm = false;
  /// The source line last noted in a comment, so a line is noted once.
  unsigned LastCommentLine = 0;
  /// How deep in blocks the statement being transformed is (1: the
  /// function's outermost block).
  unsigned ListDepth = 0;

  struct Dual {
    ExprP P, T; ///< primal, tangent (null: zero)
  };

  unsigned TempCount = 0;
  /// A temporary _tN (and its tangent _d_tN share the number).
  std::pair<VarP, VarP> temps(const Type &Ty, SrcLoc Loc);

  VarP tangentOf(const Var *V);

  /// The tangent of an lvalue (x, x[i]); null when it has none.
  ExprP tangentLValue(const ExprP &E);

  bool needsDiff(const ExprP &E);

  /// `c ? A : B` whose arms call user functions: the calls must run only
  /// in their arm, so the select becomes a branch assigning temporaries.
  Dual selectAsBranch(const ExprP &E);

  /// An expression without a tangent of its own (integer, bool) that holds
  /// a call writing a tracked array: keep it, with that call differentiated.
  Dual rebuildPrimal(const ExprP &E);

  Dual diff(const ExprP &E);

  Dual diffBuiltin(const ExprP &E);

  /// Arguments of a call to Callee's JVP: each floating argument followed by
  /// its tangent (zero, or a tangent array).
  std::vector<ExprP> jvpArgs(const ExprP &E, const Function &Callee);

  /// A call of a user function: through its JVP when anything about it is
  /// active. WantValue: the result is used (so it is hoisted).
  /// A call of g with a custom transpose, g(res..., lin): its tangent is
  /// the same call on lin's tangent (so that reverse mode transposes it by
  /// g's rule); residuals must not carry a tangent.
  Dual diffCustomTransposeCall(const ExprP &E, const Function &G);

  void residualError(const ExprP &Arg, const Function &G, size_t I,
                     const std::vector<size_t> &LinIdx);

  /// Whether a call of G, which has a custom transpose, goes through G's
  /// custom JVP instead: always in forward mode (the user's forward rule),
  /// and in reverse mode when a residual carries a derivative (the
  /// transpose rule, linear in G's linear parameters only, cannot take it).
  bool throughJvpRule(const ExprP &E, const Function &G);

  Dual diffUserCall(const ExprP &E, bool WantValue);

  static Type pointerTo(const Type &T);

  /// The primal callee's parameter list is the JVP's, minus tangents: the
  /// generator keeps the primal at hand through the JVP's Key.
  const Function *calleePrimal(const Function &CJ);

  void emitWithComment(StmtList &Out, StmtList &&Stmts, const Stmt &Src);

  void decl(const Stmt &S, StmtList &Out);

  void assign(const Stmt &S, StmtList &Out);

  void exprStmt(const Stmt &S, StmtList &Out);

  /// In reverse mode, a call of a function with a custom JVP that passes
  /// arrays (reverse mode cannot save them for a call of the callee's VJP):
  /// the rule's body, already JVP code, in place of the call, over the
  /// arguments and their tangents. Linearize and transpose take it from
  /// there (its calls with tangent arguments go through their own rules).
  bool inlineJvpRule(const Stmt &S, StmtList &Out);

  void ret(const Stmt &S, StmtList &Out);

  /// Conditions are evaluated as in the primal; a call in one that would
  /// write an active array cannot be differentiated there.
  void checkCondition(const ExprP &C);

  /// The innermost call in E that writes a tracked array.
  const Expr *firstEffectfulCall(const ExprP &E);

  void stmt(const Stmt &S, StmtList &Out);

  /// Statements that can stand in a for-increment (comma-separated).
  static bool isExpressionList(const StmtList &L);

  /// Inserts copies of Inc before every `continue` that belongs to the loop
  /// whose body is L (not to loops nested in it).
  static void runBeforeContinues(StmtList &L, const StmtList &Inc);

  StmtList list(const StmtList &L);
  /// A change of a std::vector's size (v.push_back(x), v.resize(n)): the
  /// same change of its tangent, before it (Containers.cpp).
  void mirrorShapeOp(const Stmt &S, StmtList &Out);
  /// The size the cotangent of the local vector V is declared with before
  /// the reverse sweep, or null (Var::FinalSize).
  ExprP finalSize(const VarP &V);

public:
  JvpBuilder(const Function &F, Function &J, Generator &Gen,
             const std::vector<std::string> *Wrt)
      : F(F), J(J), Gen(Gen), Act(analyzeActivity(F, Wrt)), Names(F) {
    for (const VarP &P : J.Params)
      Names.fresh(P->Name);
    // Map each floating parameter to the tangent parameter after it.
    size_t K = 0;
    for (const VarP &P : F.Params) {
      ++K;
      if (!P->carriesFloats())
        continue;
      mapTangent(P, J.Params[K++]);
      bool Output = P->Ty.IsPointer && !P->Ty.PointeeConst;
      if (Wrt && !Output &&
          std::find(Wrt->begin(), Wrt->end(), P->Name) == Wrt->end()) {
        Constants.insert(P.get());
        forEachFieldPair(*P, *P, [&](const VarP &A, const VarP &) {
          Constants.insert(A.get());
        });
      }
    }
    if (F.RetTy.holdsFloats())
      DReturn = J.Params.back();
  }

  void run() {
    J.Body = list(F.Body);
    unnameUnreadParams(J);
  }
};

} // namespace tad

#endif // TAD_TRANSFORMS_FORWARD_JVPBUILDER_H
