//===- Transforms/Reverse/LinearTranspose.cpp - f_transpose ---------------===//
//
// For f linear in the parameters named by [[tad::linear(z...)]] (the others
// are residuals), f_transpose is the transpose of f's linear map. Its body
// reuses reverse mode's machinery: f itself is the linear program (its
// linear values marked as the linear variables), linearize separates what
// only residuals compute, and transpose reverses the rest.
//
// Structural linearity is checked first (THEORY.md 2.5): every violation is
// an error at the expression that commits it, naming the rule it breaks.
//
//===----------------------------------------------------------------------===//
#include "Transforms/Reverse/LinearTranspose.h"
#include "Analysis/Affine.h"
#include "Analysis/Barriers.h"
#include "Rules/ExprBuilder.h"
#include "Rules/Rules.h"
#include "Transforms/Forward/CustomRules.h"
#include "Transforms/Forward/JVP.h"
#include "Transforms/Generator.h"
#include "Transforms/Loops/CarriedSums.h"
#include "Transforms/Loops/GatherStencils.h"
#include "Transforms/Prepare/MarkLinear.h"
#include "Transforms/Prepare/Normalize.h"
#include "Transforms/Reverse/Linearize.h"
#include "Transforms/Reverse/ParallelLoops.h"
#include "Transforms/Reverse/SharedCotangents.h"
#include "Transforms/Reverse/Transpose.h"

#include <functional>
#include <map>
#include <set>

namespace tad {

namespace {

/// Checks THEORY.md 2.5 over the statements of a function whose linear
/// variables are Lin.
class LinearityChecker {
  const VarSet &Lin;
  FunctionSource &Src;
  DiagSink &Diags;

public:
  bool Ok = true;
  LinearityChecker(const VarSet &Lin, FunctionSource &Src, DiagSink &Diags)
      : Lin(Lin), Src(Src), Diags(Diags) {}

  void error(const ExprP &E, const std::string &Msg) {
    Diags.error(E->Loc, Msg);
    Ok = false;
  }

  /// E's value depends on the linear parameters (an element's value
  /// depends on its array, not on its index).
  bool linear(const ExprP &E) {
    if (!E)
      return false;
    if (E->is(Expr::Kind::VarRef))
      return Lin.count(E->V.get()) != 0;
    if (E->is(Expr::Kind::Index))
      return linear(E->op(0));
    for (const ExprP &O : E->Ops)
      if (linear(O))
        return true;
    return false;
  }

  /// E reads the linear parameters anywhere (an index included).
  bool reads(const ExprP &E) {
    bool Found = false; // a linear array's size is not a linear value
    forEachValueVar(E,
                    [&](const VarP &V) { Found |= Lin.count(V.get()) != 0; });
    return Found;
  }

  /// E in a position that must not depend on the linear parameters.
  void nonLinearPosition(const ExprP &E, const char *What) {
    if (E && reads(E))
      error(E, std::string("a linear value is used as ") + What +
                   ", which is not linear in it");
  }

  /// Checks a linear expression (or a non-linear one, which may not reach
  /// a linear variable unless it is zero).
  void expr(const ExprP &E) {
    if (!E || !reads(E))
      return;
    switch (E->K) {
    case Expr::Kind::VarRef:
      return;
    case Expr::Kind::Index:
      expr(E->op(0));
      nonLinearPosition(E->op(1), "an array index");
      return;
    case Expr::Kind::Unary:
      if (E->UOp == UnOp::Neg)
        return expr(E->op(0));
      return error(E, "a linear value is negated logically or bitwise, which "
                      "is not linear in it");
    case Expr::Kind::Cast:
      if (!E->Ty.isFloating())
        return error(E, "a linear value is converted to an integer, which is "
                        "not linear in it");
      return expr(E->op(0));
    case Expr::Kind::Select:
      nonLinearPosition(E->op(0), "a condition");
      expr(E->op(1));
      expr(E->op(2));
      return;
    case Expr::Kind::Call:
      if (E->Builtin >= 0)
        return error(E, "the non-linear function '" + E->Callee +
                            "' is applied to a linear value");
      {
        // A call of a function with an array rule: linear in the arrays
        // its tad::linear names, and only in them.
        const Function *G = E->CalleeKey ? Src.lower(E->CalleeKey) : nullptr;
        if (G && Generator::hasArrayRule(*G)) {
          std::vector<size_t> LinIdx = Generator::customLinearParams(*G);
          for (size_t I = 0; I < E->Ops.size(); ++I) {
            bool Expected =
                std::find(LinIdx.begin(), LinIdx.end(), I) != LinIdx.end();
            if (reads(E->Ops[I]) && !Expected)
              return error(E->Ops[I],
                           "a linear value is passed to '" + E->Callee +
                               "' as '" + G->Params[I]->Name +
                               "', which its custom transpose treats as a "
                               "residual");
          }
          return;
        }
        // A linear call: its transpose is the callee's rule or generated
        // transpose, linear in the one argument that is linear here.
        unsigned N = 0;
        for (const ExprP &A : E->Ops)
          N += reads(A);
        if (N > 1)
          return error(E, "more than one linear value is passed to '" +
                              E->Callee +
                              "': calls linear in several arguments cannot "
                              "be transposed yet");
        for (const ExprP &A : E->Ops)
          expr(A);
        return;
      }
    case Expr::Kind::Binary: {
      bool L0 = linear(E->op(0)), L1 = linear(E->op(1));
      switch (E->BOp) {
      case BinOp::Add:
      case BinOp::Sub:
        if (L0 != L1 && !isLitValue(L0 ? E->op(1) : E->op(0), 0))
          return error(E, "a non-linear term is added to a linear value: "
                          "the result is affine, not linear");
        break;
      case BinOp::Mul:
        if (L0 && L1)
          return error(E, "two linear values are multiplied: the product is "
                          "bilinear, not linear");
        break;
      case BinOp::Div:
        if (L1)
          return error(E, "a value is divided by a linear value, which is "
                          "not linear in it");
        break;
      default:
        return error(E, std::string("a linear value is an operand of '") +
                            spelling(E->BOp) + "', which is not linear in it");
      }
      expr(E->op(0));
      expr(E->op(1));
      return;
    }
    case Expr::Kind::Lit:
      return;
    }
  }

  /// A value assigned to a linear variable: linear, or literally zero.
  void assignedToLinear(const ExprP &E) {
    if (!E || linear(E) || isLitValue(E, 0))
      return expr(E);
    error(E, "a linear variable is assigned a non-zero value that does not "
             "depend on the linear parameters: the function is affine, not "
             "linear");
  }

  void list(const StmtList &L) {
    for (const StmtP &S : L) {
      switch (S->K) {
      case Stmt::Kind::Decl:
        if (Lin.count(S->V.get())) {
          assignedToLinear(S->Init);
          for (const ExprP &E : S->InitList)
            assignedToLinear(E);
        }
        break;
      case Stmt::Kind::Assign: {
        VarP R = rootVar(S->LHS);
        if (S->LHS->is(Expr::Kind::Index))
          nonLinearPosition(S->LHS->op(1), "an array index");
        if (R && Lin.count(R.get())) {
          if (S->AOp == AssignOp::Mul || S->AOp == AssignOp::Div) {
            if (linear(S->RHS))
              error(S->RHS, S->AOp == AssignOp::Mul
                                ? "two linear values are multiplied: the "
                                  "product is bilinear, not linear"
                                : "a value is divided by a linear value, "
                                  "which is not linear in it");
          } else if (S->AOp == AssignOp::Set) {
            assignedToLinear(S->RHS);
          } else if (S->AOp == AssignOp::Add || S->AOp == AssignOp::Sub) {
            if (!linear(S->RHS) && !isLitValue(S->RHS, 0))
              error(S->RHS, "a non-linear term is added to a linear value: "
                            "the result is affine, not linear");
            expr(S->RHS);
          } else {
            error(S->RHS, "this compound assignment is not linear");
          }
        } else if (linear(S->RHS)) {
          expr(S->RHS);
        }
        break;
      }
      case Stmt::Kind::Return:
        if (S->Value && !linear(S->Value) && !isLitValue(S->Value, 0))
          error(S->Value, "the result does not depend on the linear "
                          "parameters: the function is affine, not linear");
        expr(S->Value);
        break;
      case Stmt::Kind::ExprStmt:
        expr(S->Value);
        break;
      default:
        nonLinearPosition(S->Cond, S->is(Stmt::Kind::If)
                                       ? "a condition"
                                       : "a loop condition or bound");
        list(S->ForInit);
        list(S->ForInc);
        list(S->Body);
        list(S->Else);
        break;
      }
    }
  }
};

/// The linear parameters named by the annotation, checked.
std::vector<VarP> linearParams(const Function &F, const Annotation &A,
                               DiagSink &Diags) {
  std::vector<VarP> Out;
  if (A.Args.empty())
    Diags.error(A.Loc, "'tad::linear' needs the names of the parameters '" +
                           F.Name + "' is linear in");
  for (const std::string &N : A.Args) {
    VarP Found;
    for (const VarP &P : F.Params)
      if (P->Name == N)
        Found = P;
    if (!Found) {
      Diags.error(A.Loc, "'" + N + "' is not a parameter of '" + F.Name + "'");
      continue;
    }
    if (!Found->carriesFloats()) {
      Diags.error(Found->Loc, "linear parameter '" + N +
                                  "' must be floating-point (or an array of "
                                  "floating-point values)");
      continue;
    }
    Out.push_back(Found);
  }
  if (Out.empty())
    return Out;
  if (F.RetTy.isFloating()) {
    if (Out.size() != 1 || Out[0]->Ty.IsPointer) {
      Diags.error(A.Loc, "a linear function with a floating-point result "
                         "must be linear in exactly one scalar parameter, so "
                         "that its transpose has the same signature; write "
                         "array outputs instead");
      Out.clear();
    }
  } else if (F.RetTy.isVoid()) {
    for (const VarP &P : Out)
      if (!P->Ty.IsPointer) {
        Diags.error(P->Loc, "a void linear function must be linear in "
                            "arrays only (its outputs are arrays)");
        Out.clear();
        break;
      }
  } else {
    Diags.error(A.Loc, "a linear function returns a floating-point value or "
                       "nothing");
    Out.clear();
  }
  return Out;
}

} // namespace

FunctionP makeTransposeSignature(const Function &F, const Annotation &A) {
  auto T = std::make_unique<Function>();
  T->Name = F.Name + "_transpose";
  T->Namespace = F.Namespace;
  T->RetTy = F.RetTy;
  T->Qualifiers = F.Qualifiers;
  T->Loc = F.Loc;
  T->File = F.File;
  T->Key = &F;
  T->Mode = "transpose";
  for (const VarP &P : F.Params) {
    bool Linear = false;
    for (const std::string &N : A.Args)
      Linear |= N == P->Name;
    if (!Linear) { // a residual: the same parameter
      T->Params.push_back(P);
      continue;
    }
    // Linear inputs and outputs exchange roles: arrays become writable.
    auto C = std::make_shared<Var>(*P);
    C->Ty.PointeeConst = false;
    T->Params.push_back(C);
  }
  // The transpose of a transpose of g has g's signature: the arrays that
  // were g's inputs are inputs (const) again.
  if (F.Mode == "transpose" && F.Key) {
    const auto *G = static_cast<const Function *>(F.Key);
    if (G->Params.size() == T->Params.size())
      for (size_t I = 0; I < T->Params.size(); ++I)
        if (T->Params[I]->Ty.IsPointer && G->Params[I]->Ty.IsPointer &&
            G->Params[I]->Ty.PointeeConst && T->Params[I] != F.Params[I])
          T->Params[I]->Ty.PointeeConst = true;
  }
  return T;
}

void buildTransposeBody(const Function &Src, const Annotation &A, Function &T,
                        Generator &Gen) {
  DiagSink &Diags = Gen.diags();
  if (Src.hasAnnotation("custom_transpose")) { // the registered rule
    if (const Function *R = Gen.customRule(Src, "custom_transpose"))
      buildRuleCall(*R, T);
    return;
  }
  std::vector<VarP> LinParams = linearParams(Src, A, Diags);
  if (LinParams.empty())
    return;
  // Calls that pass arrays are inlined (the callee is transposed with the
  // caller); exits become flags.
  NameTable Names(Src);
  unsigned Errors = Diags.errorCount();
  FunctionP F = prepareForReverse(Src, Gen.source(), Names, Diags);
  if (!F || !checkBarriers(*F, "the transpose", Diags))
    return;

  // The linear variables: whatever the linear parameters flow into.
  VarSet Lin;
  for (const VarP &P : LinParams)
    Lin.insert(P.get());
  closeLinear(F->Body, Lin);
  LinearityChecker Check(Lin, Gen.source(), Diags);
  Check.list(F->Body);
  if (!Check.Ok)
    return;

  // The result becomes a linear variable assigned at the end.
  VarP Result;
  if (F->RetTy.isFloating()) {
    Result = makeVar(Names.fresh("_y"), F->RetTy.unqualified(), F->Loc);
    Result->IsTangent = true;
    StmtP Last = std::move(F->Body.back());
    F->Body.pop_back();
    F->Body.push_back(mkDecl(Result, Last->Value, Last->Loc));
  }
  std::map<const Var *, VarP> Copies = markLinear(F->Body, Lin, F->Params);
  if (!flagLinearCalls(F->Body, Gen.source(), Diags) ||
      Diags.errorCount() > Errors)
    return;
  LinearizedProgram LP = linearize(*F, Names, Diags);
  if (!checkNoDeviceTape(T, LP.Primal, LP.Tape, Diags))
    return;

  // Cotangents: T's parameters for f's linear arrays and result; locals
  // for the rest.
  Cotangents Ct(Names);
  StmtList Finish;
  std::vector<const Var *> SharedCt;
  for (size_t I = 0; I < Src.Params.size(); ++I) {
    auto It = Copies.find(Src.Params[I].get());
    if (It == Copies.end())
      continue;
    if (Src.Params[I]->Ty.IsPointer) {
      Ct.bind(It->second.get(), mkVar(T.Params[I]));
      SharedCt.push_back(T.Params[I].get());
      continue;
    }
    // The scalar linear parameter: T returns its cotangent; T's parameter
    // in its place carries the cotangent of f's result.
    ExprP Acc = Ct.local(It->second, "_ct_" + Src.Params[I]->Name);
    if (Result)
      Ct.bind(Result.get(), mkVar(T.Params[I]));
    Finish.push_back(mkReturn(Acc));
  }
  CotangentOf CtFn = [&](const VarP &V) { return Ct(V); };
  VjpOf NoCalls = [](const Function &) -> const Function * { return nullptr; };
  CallTransposeOf CallT = [&](const Function &G, size_t I, SrcLoc L) {
    return Gen.callTranspose(G, I, L);
  };
  StmtList Reverse =
      transposeProgram(LP.Linear, CtFn, NoCalls, CallT, LP.Tape, Names, Diags);
  gatherStencils(Reverse);
  carrySums(Reverse, Names);
  // After the stencil rewrites, which leave parallel loops alone but not
  // the loops inside them.
  shareParallelAccumulations(Reverse);

  std::vector<const Var *> BlockCt;
  StmtList ZeroShared = zeroSharedCotangents(Ct.Decls, F->Body, Names, BlockCt);
  declareTape(LP, T);
  for (StmtList *L :
       {&LP.TopDecls, &LP.Primal, &Ct.Decls, &ZeroShared, &Reverse, &Finish})
    for (StmtP &S : *L)
      T.Body.push_back(std::move(S));
  makeSharedAccumulationsSafe(T, SharedCt, {}, BlockCt);
  unnameUnreadParams(T);
}

} // namespace tad
