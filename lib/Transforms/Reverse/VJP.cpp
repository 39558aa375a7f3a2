//===- Transforms/Reverse/VJP.cpp - reverse mode as transpose . linearize -===//
#include "Transforms/Reverse/VJP.h"
#include "Analysis/Barriers.h"
#include "IR/Names.h"
#include "Rules/ExprBuilder.h"
#include "Transforms/Forward/CustomRules.h"
#include "Transforms/Forward/JVP.h"
#include "Transforms/Generator.h"
#include "Transforms/Loops/CarriedSums.h"
#include "Transforms/Loops/GatherStencils.h"
#include "Transforms/Prepare/Normalize.h"
#include "Transforms/Reverse/Linearize.h"
#include "Transforms/Reverse/ParallelLoops.h"
#include "Transforms/Reverse/SharedCotangents.h"
#include "Transforms/Reverse/Transpose.h"

#include <map>

namespace tad {

const std::vector<std::string> *vjpWrt(const Function &F) {
  for (const Annotation &A : F.Annotations)
    if (A.Kind == "vjp" && !A.Args.empty())
      return &A.Args;
  return nullptr;
}

namespace {
/// Whether the VJP has a cotangent parameter for P: every floating one, or
/// with a wrt list the ones it names and the output arrays (whose
/// cotangents are the VJP's input).
bool hasCotangent(const std::vector<std::string> *Wrt, const Var &P) {
  if (!P.carriesFloats())
    return false;
  return !Wrt || (P.Ty.IsPointer && !P.Ty.PointeeConst) ||
         std::find(Wrt->begin(), Wrt->end(), P.Name) != Wrt->end();
}

} // namespace

FunctionP makeVjpSignature(const Function &F) {
  auto V = std::make_unique<Function>();
  V->Name = F.Name + "_vjp";
  V->Namespace = F.Namespace;
  V->RetTy = F.RetTy;
  V->Qualifiers = F.Qualifiers;
  V->Loc = F.Loc;
  V->File = F.File;
  V->Key = &F;
  V->Mode = "VJP";
  NameTable Names(F);
  V->Params = F.Params;
  if (F.RetTy.holdsFloats()) { // `T ct_return`, `S ct_return` by value
    VarP R = makeVar(Names.fresh("ct_return"), F.RetTy.unqualified(), F.Loc);
    R->IsParam = true;
    makeFields(R);
    V->Params.push_back(R);
  }
  const std::vector<std::string> *Wrt = vjpWrt(F);
  for (const VarP &P : F.Params) {
    if (!hasCotangent(Wrt, *P))
      continue;
    VarP C = cloneVar(*P, Names.fresh("ct_" + P->Name));
    C->Ty = P->Ty.unqualified();
    C->Ty.IsPointer = true;
    C->Ty.PointeeConst = false;
    C->Ty.ConstRef = false;
    C->IsParam = true;
    makeFields(C);
    // Its views of arrays view cotangent arrays, written through.
    forEachLeafField(*C, [](const VarP &L) {
      if (L->Ty.IsPointer && !L->Ty.Reference && L->Ty.PointeeConst) {
        L->Ty.PointeeConst = false;
        L->WritesThroughConst = true;
      }
    });
    V->Params.push_back(C);
  }
  return V;
}

void buildVjpBody(const Function &Primal, Function &V, Generator &Gen) {
  DiagSink &Diags = Gen.diags();
  // Calls that pass arrays are inlined; loop bodies and the function run
  // to their ends in reverse mode.
  NameTable PrimalNames(Primal);
  for (const VarP &P : V.Params)
    PrimalNames.fresh(P->Name);
  FunctionP Prepared = prepareForReverse(Primal, Gen.source(), PrimalNames,
                                         Diags, /*KeepJvpRules=*/true);
  if (!Prepared || !checkBarriers(*Prepared, "reverse mode", Diags))
    return;
  const Function &F = *Prepared;
  FunctionP J;
  if (F.hasAnnotation("custom_jvp")) { // the user's JVP, linearized
    const Function *R = Gen.customRule(F, "custom_jvp");
    if (!R)
      return;
    J = markJvpRule(F, *R, Gen);
  } else {
    J = makeJvpSignature(F);
    if (F.RetTy.isRecord()) {
      // A struct result's tangent as a value: its fields are the linear
      // locations the cotangent of the result seeds.
      const VarP &D = J->Params.back();
      D->Ty.IsPointer = false;
      makeFields(D);
    }
    buildJvpBody(F, *J, Gen, vjpWrt(Primal));
  }
  NameTable Names(*J);
  for (const VarP &P : V.Params)
    Names.fresh(P->Name);
  LinearizedProgram LP = linearize(*J, Names, Diags);
  if (!checkNoDeviceTape(V, LP.Primal, LP.Tape, Diags))
    return;

  // Cotangents: the VJP's parameters for array parameters and the result;
  // locals (zero) for everything else, scalar parameters included (added
  // to *ct_x at the end, so that cotangents accumulate).
  Cotangents Ct(Names);
  StmtList Finish;
  std::vector<const Var *> SharedCt, ScalarCt;
  size_t K = F.Params.size() + (F.RetTy.holdsFloats() ? 1 : 0);
  size_t JI = 0;
  for (const VarP &P : F.Params) {
    ++JI;
    if (!P->carriesFloats())
      continue;
    const VarP &Tan = J->Params[JI++];
    if (!hasCotangent(vjpWrt(Primal), *P))
      continue; // a constant: no cotangent wanted
    const VarP &Out = V.Params[K++];
    if (P->Ty.isRecord()) {
      // A struct's floating fields, each as a parameter of its own.
      std::vector<VarP> TanLeaves, OutLeaves;
      forEachLeafField(*Tan, [&](const VarP &L) { TanLeaves.push_back(L); });
      forEachLeafField(*Out, [&](const VarP &L) { OutLeaves.push_back(L); });
      for (size_t I = 0; I < TanLeaves.size(); ++I) {
        const VarP &T = TanLeaves[I], &O = OutLeaves[I];
        if (!T->carriesFloats())
          continue;
        if (P->Ty.IsPointer || T->Ty.IsPointer) {
          // (A pointer member of a struct value: a view of the caller's
          // cotangent array, as an array parameter's.)
          Ct.bind(T.get(), mkVar(O));
          (P->Ty.Reference && !T->Ty.IsPointer ? ScalarCt : SharedCt)
              .push_back(O.get());
          continue;
        }
        ScalarCt.push_back(O.get());
        ExprP Acc = Ct(T); // ct_p_x, added to ct_p->x at the end
        if (T->Dims.empty()) {
          Finish.push_back(
              mkAssign(mkIndex(mkVar(O), lit(0, Type::integer("int"))),
                       AssignOp::Add, Acc));
          continue;
        }
        for (std::uint64_t J = 0; J < T->Dims[0]; ++J) {
          ExprP Jx = lit(double(J), Type::integer("int"));
          // ct_p->v[j] of a struct's array member: not yet spelled.
          Finish.push_back(
              mkAssign(mkIndex(mkVar(O), Jx), AssignOp::Add, mkIndex(Acc, Jx)));
        }
      }
      continue;
    }
    if (P->Ty.IsPointer) {
      Ct.bind(Tan.get(), mkVar(Out));
      // A T & parameter's cotangent is the calling thread's, as a scalar's.
      (P->Ty.Reference ? ScalarCt : SharedCt).push_back(Out.get());
      continue;
    }
    ScalarCt.push_back(Out.get());
    ExprP Acc = Ct.local(Tan, "_ct_" + P->Name);
    Finish.push_back(
        mkAssign(mkUnary(UnOp::Deref, mkVar(Out), P->Ty.unqualified()),
                 AssignOp::Add, Acc));
  }
  if (F.RetTy.isFloating())
    Ct.bind(J->Params.back().get(), mkVar(V.Params[F.Params.size()]));
  else if (F.RetTy.holdsFloats())
    forEachFieldPair(
        *J->Params.back(), *V.Params[F.Params.size()],
        [&](const VarP &D, const VarP &C) { Ct.bind(D.get(), mkVar(C)); });

  CotangentOf CtFn = [&](const VarP &T) { return Ct(T); };
  VjpOf VjpFn = [&](const Function &G) {
    return Gen.requestVjp(G.Key, G.Name, SrcLoc());
  };
  CallTransposeOf CallT = [&](const Function &G, size_t I, SrcLoc L) {
    return Gen.callTranspose(G, I, L);
  };
  StmtList Reverse =
      transposeProgram(LP.Linear, CtFn, VjpFn, CallT, LP.Tape, Names, Diags);
  gatherStencils(Reverse);
  carrySums(Reverse, Names);
  // After the stencil rewrites, which leave parallel loops alone but not
  // the loops inside them.
  shareParallelAccumulations(Reverse);

  // The cotangents of __shared__ arrays are shared too: the block zeroes
  // them before the reverse sweep adds to them.
  std::vector<const Var *> BlockCt;
  StmtList ZeroShared = zeroSharedCotangents(Ct.Decls, F.Body, Names, BlockCt);

  StmtList &B = V.Body;
  declareTape(LP, V);
  for (StmtList *L : {&LP.TopDecls, &LP.Primal})
    for (StmtP &S : *L)
      B.push_back(std::move(S));
  StmtList &CtDecls = Ct.Decls;
  if (!CtDecls.empty() || !Reverse.empty())
    (CtDecls.empty() ? Reverse : CtDecls).front()->Comment =
        "reverse sweep: the transposed linear part";
  for (StmtList *L : {&CtDecls, &ZeroShared, &Reverse, &Finish})
    for (StmtP &S : *L)
      B.push_back(std::move(S));
  if (LP.Ret)
    B.push_back(mkReturn(mkVar(LP.Ret)));
  makeSharedAccumulationsSafe(V, SharedCt, ScalarCt, BlockCt);
  unnameUnreadParams(V);
}

FunctionP makeGradient(const Function &F, const Function &Vjp) {
  if (!F.RetTy.isFloating())
    return nullptr;
  for (const VarP &P : F.Params)
    if (P->Ty.IsPointer && P->carriesFloats() && !P->Ty.PointeeConst)
      return nullptr; // array outputs have cotangents of their own
  auto G = std::make_unique<Function>();
  G->Name = F.Name + "_grad";
  G->Namespace = F.Namespace;
  G->RetTy = F.RetTy;
  G->Qualifiers = F.Qualifiers;
  G->Loc = F.Loc;
  G->File = F.File;
  G->Key = &F;
  G->Mode = "gradient";
  std::vector<ExprP> Args;
  for (size_t I = 0; I < Vjp.Params.size(); ++I) {
    if (I == F.Params.size()) { // ct_return: seed 1
      Args.push_back(lit(1, F.RetTy));
      continue;
    }
    G->Params.push_back(Vjp.Params[I]);
    Args.push_back(mkVar(Vjp.Params[I]));
  }
  G->Body.push_back(mkReturn(
      mkUserCall(qualifiedName(Vjp), nullptr, std::move(Args), F.RetTy)));
  G->UnnamedParams.assign(G->Params.size(), false);
  return G;
}

} // namespace tad
