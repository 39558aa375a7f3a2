//===- Frontend/Driver.cpp - one generation run over a translation unit ---===//
#include "Frontend/EarlyDecls.h"
#include "Frontend/Frontend.h"
#include "IR/Printer.h"
#include "Pipeline/Pipeline.h"
#include "Transforms/Inverse/Inverse.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>
#include <set>

using namespace clang;

namespace tad {

namespace {
/// Functions in the main file that carry a tad annotation, in source order.
class AnnotatedFinder : public RecursiveASTVisitor<AnnotatedFinder> {
  const SourceManager &SM;

public:
  std::vector<const FunctionDecl *> Found;
  explicit AnnotatedFinder(const SourceManager &SM) : SM(SM) {}
  std::set<const FunctionDecl *> Seen;

  static bool hasTadAnnotation(const FunctionDecl *FD) {
    for (const auto *A : FD->specific_attrs<AnnotateAttr>())
      if (A->getAnnotation().starts_with("tad::"))
        return true;
    return false;
  }

  /// Annotated declarations with no definition in the translation unit.
  std::vector<const FunctionDecl *> Undefined;

  /// Annotated function templates the file never instantiates.
  std::vector<const FunctionDecl *> NotInstantiated;

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
      return true;
    // Instantiations are found from their template, below.
    if (FD->isTemplateInstantiation())
      return true;
    // An annotated function template: its instantiations (the file's uses
    // and explicit instantiations), each differentiated as a function.
    if (const FunctionTemplateDecl *FTD = FD->getDescribedFunctionTemplate()) {
      if (!FD->isThisDeclarationADefinition() || !hasTadAnnotation(FD))
        return true;
      bool Any = false;
      for (const FunctionDecl *Spec : FTD->specializations()) {
        const FunctionDecl *Def = nullptr;
        if (!Spec->isTemplateInstantiation() || !Spec->hasBody(Def))
          continue;
        if (Seen.insert(Def).second)
          Found.push_back(Def);
        Any = true;
      }
      if (!Any)
        NotInstantiated.push_back(FD);
      return true;
    }
    if (!FD->isThisDeclarationADefinition()) {
      if (!FD->isDefined())
        for (const auto *A : FD->specific_attrs<AnnotateAttr>())
          if (A->getAnnotation().starts_with("tad::")) {
            Undefined.push_back(FD);
            break;
          }
      return true;
    }
    for (const auto *A : FD->specific_attrs<AnnotateAttr>())
      if (A->getAnnotation().starts_with("tad::")) {
        Found.push_back(FD);
        break;
      }
    return true;
  }
};

/// A user definition with the name and parameters of a function tad
/// generates: the generated definition would redefine it. Reported at the
/// user's function, with a note where the generated one is asked for.
void checkNameClashes(ASTContext &Ctx, const Pipeline &Gen,
                      ClangDiagSink &Diags) {
  std::set<const Function *> GeneratedSet;
  for (const FunctionP &F : Gen.generated())
    GeneratedSet.insert(F.get());
  for (const Function *G : Gen.emitted()) {
    // The user function G is derived from (through T(T(f)), ...).
    const auto *Primal = static_cast<const Function *>(G->Key);
    while (Primal && GeneratedSet.count(Primal))
      Primal = static_cast<const Function *>(Primal->Key);
    if (!Primal || !Primal->Key)
      continue;
    const auto *PrimalDecl = static_cast<const FunctionDecl *>(Primal->Key);
    std::vector<QualType> Params;
    bool Spelled = true;
    for (const VarP &P : G->Params) {
      QualType T = clangTypeOf(Ctx, P->Ty, PrimalDecl, P->Name);
      Spelled &= !T.isNull();
      Params.push_back(T.isNull() ? T : T.getUnqualifiedType());
    }
    if (!Spelled)
      continue;
    const DeclContext *DC = PrimalDecl->getDeclContext()->getRedeclContext();
    for (const NamedDecl *D : DC->lookup(&Ctx.Idents.get(G->Name))) {
      const auto *FD = dyn_cast<FunctionDecl>(D);
      const FunctionDecl *Def = nullptr;
      if (!FD || !FD->hasBody(Def) || Def->getNumParams() != Params.size())
        continue;
      bool Same = true;
      const auto *FT = Def->getType()->getAs<FunctionProtoType>();
      for (size_t I = 0; FT && I < Params.size(); ++I)
        Same &= Ctx.hasSameType(FT->getParamType(I), Params[I]);
      if (!FT || !Same)
        continue;
      // What G is made from: Primal, or a generated function (T(T(f))).
      const auto *From = static_cast<const Function *>(G->Key);
      std::string Rule;
      if (From == Primal && G->Mode == "JVP")
        Rule = "TAD_CUSTOM_JVP(" + G->Name + ")";
      else if (From == Primal && G->Mode == "transpose")
        Rule = "TAD_CUSTOM_TRANSPOSE(" + G->Name + ")";
      Diags.errorAt(Def->getLocation(),
                    "'" + G->Name +
                        "' clashes with the function tad "
                        "generates for '" +
                        From->Name + "' (its " + G->Mode +
                        ", with the same parameters): the generated definition "
                        "would redefine it; rename this function" +
                        (Rule.empty() ? std::string()
                                      : ", or register it as the rule of '" +
                                            Primal->Name + "' with " + Rule));
      SrcLoc At = Gen.requestLoc(G);
      if (!At.valid()) {
        std::string Kind = G->Mode == "JVP" ? "jvp" : "vjp";
        if (isInverseMode(inverseKindOf(*G)))
          Kind = inverseKindOf(*G);
        for (const Annotation &A : Primal->Annotations)
          if (A.Kind == Kind)
            At = A.Loc;
      }
      Diags.note(At.valid() ? At : Primal->Loc,
                 "'" + G->Name + "' is asked for here");
    }
  }
}

/// Whether anything of F can carry a derivative.
bool hasFloats(const Function &F) {
  if (F.RetTy.isFloating())
    return true;
  for (const VarP &P : F.Params)
    if (P->carriesFloats())
      return true;
  return false;
}
} // namespace

GenerateResult generateForTranslationUnit(ASTContext &Ctx,
                                          const GenerateOptions &Opts) {
  GenerateResult R;
  ClangDiagSink Diags(Ctx.getDiagnostics());
  ClangFunctionSource Source(Ctx, Diags);
  Pipeline Gen(Source, Diags);
  AnnotatedFinder Finder(Ctx.getSourceManager());
  Finder.TraverseDecl(Ctx.getTranslationUnitDecl());

  for (const FunctionDecl *FD : Finder.NotInstantiated) {
    // The suggestion spells the result as written where it does not
    // depend on the template's parameters (`void`), else for double.
    QualType RT = FD->getReturnType();
    std::string Result = RT->isDependentType()
                             ? "double"
                             : RT.getAsString(Ctx.getPrintingPolicy());
    Diags.errorAt(FD->getLocation(),
                  "'" + FD->getNameAsString() +
                      "' is an annotated function template that this file "
                      "never instantiates: tad differentiates each "
                      "instantiation; name the ones wanted with an explicit "
                      "instantiation ('template " +
                      Result + " " + FD->getNameAsString() +
                      "<double>(...);') or call them");
  }
  for (const FunctionDecl *FD : Finder.Found) {
    const Function *F = Source.lower(ClangFunctionSource::keyOf(FD));
    if (!F)
      continue;
    for (const Annotation &A : F->Annotations) {
      if ((A.Kind == "jvp" || A.Kind == "vjp") && !hasFloats(*F))
        Diags.warning(A.Loc, "'" + F->Name +
                                 "' has no floating-point parameter or "
                                 "result: its " +
                                 (A.Kind == "jvp" ? "JVP" : "VJP") +
                                 " carries no derivative");
      if (A.Kind == "jvp") {
        Gen.requestJvp(F->Key, F->Name, SrcLoc());
        continue;
      }
      if (A.Kind == "vjp") {
        bool Ok = true;
        for (const std::string &N : A.Args) {
          bool Found = false;
          for (const VarP &P : F->Params)
            Found |= P->Name == N && P->carriesFloats();
          if (!Found) {
            Diags.error(A.Loc, "'tad::vjp' lists '" + N +
                                   "', which is not a floating-point "
                                   "parameter of '" +
                                   F->Name + "'");
            Ok = false;
          }
        }
        if (Ok)
          Gen.requestVjp(F->Key, F->Name, SrcLoc());
        continue;
      }
      if (A.Kind == "linear") {
        Gen.requestTranspose(F->Key, A);
        continue;
      }
      if (A.Kind == "custom_transpose" || A.Kind == "custom_jvp") {
        Gen.customRule(*F, A.Kind); // a registration: checked here
        continue;
      }
      if (A.Kind == "dense")
        continue; // read by the inverse modes
      if (isInverseMode(A.Kind)) {
        Gen.requestInverse(F->Key, A.Kind);
        continue;
      }
      Diags.error(A.Loc, "unknown tad annotation 'tad::" + A.Kind + "'");
    }
  }
  // An annotated declaration of a generated function asks for a
  // transformation of it: TAD_LINEAR(z) double f_transpose(double c,
  // double z); generates f_transpose_transpose. Shorter names first, so
  // that T(T(T(f))) finds T(T(f)).
  std::vector<const FunctionDecl *> Decls = Finder.Undefined;
  std::stable_sort(Decls.begin(), Decls.end(),
                   [](const FunctionDecl *A, const FunctionDecl *B) {
                     return A->getQualifiedNameAsString().size() <
                            B->getQualifiedNameAsString().size();
                   });
  for (const FunctionDecl *FD : Decls) {
    // A declaration that only registers rules (an external function, the
    // linear part of a custom VJP) needs no body.
    std::vector<Annotation> As = Source.annotations(FD);
    bool OnlyRules = !As.empty();
    for (const Annotation &A : As)
      OnlyRules &= A.Kind == "custom_transpose" || A.Kind == "custom_jvp";
    if (OnlyRules) {
      if (const Function *F = Source.lower(ClangFunctionSource::keyOf(FD)))
        for (const Annotation &A : As)
          Gen.customRule(*F, A.Kind);
      continue;
    }
    const Function *G = Gen.findGenerated(FD->getQualifiedNameAsString());
    if (!G) {
      Diags.errorAt(FD->getLocation(),
                    "'" + FD->getNameAsString() +
                        "' carries a tad annotation but has no definition in "
                        "this file, and tad generates no function of that "
                        "name: tad needs the body to differentiate it");
      continue;
    }
    for (const Annotation &A : Source.annotations(FD)) {
      // Only the transpose of a generated transpose is built yet (the body
      // of a JVP, a VJP or a gradient calls generated functions, which the
      // transforms cannot look into).
      if (A.Kind == "linear" && G->Mode == "transpose") {
        Gen.requestTranspose(*G, A);
        continue;
      }
      std::string Of =
          G->Mode + " of '" + static_cast<const Function *>(G->Key)->Name + "'";
      Diags.error(A.Loc, "'tad::" + A.Kind + "' on '" + G->Name +
                             "' asks for a transformation of the " + Of +
                             ", a function tad generates; only the transpose "
                             "of a generated transpose ('tad::linear' on a "
                             "declaration of 'f_transpose') can be asked "
                             "yet");
    }
  }
  Gen.run();
  checkNameClashes(Ctx, Gen, Diags);

  if (Opts.DumpIR) {
    // Every lowered function that was asked for, primal then generated.
    for (const FunctionDecl *FD : Finder.Found)
      if (const Function *F = Source.lower(ClangFunctionSource::keyOf(FD)))
        if (Opts.DumpIRFunction.empty() || Opts.DumpIRFunction == F->Name)
          R.IR += dumpIR(*F) + "\n";
    for (const FunctionP &F : Gen.generated())
      if (Opts.DumpIRFunction.empty() || Opts.DumpIRFunction == F->Name)
        R.IR += dumpIR(*F) + "\n";
    if (R.IR.empty() && !Opts.DumpIRFunction.empty())
      Diags.warning(SrcLoc(), "no annotated or generated function is named '" +
                                  Opts.DumpIRFunction + "': no IR to dump");
  }

  R.Failed = Diags.hadError() || Ctx.getDiagnostics().hasErrorOccurred();
  if (R.Failed)
    return R;
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Name =
      SM.getFileEntryRefForID(SM.getMainFileID())->getName().str();
  if (size_t Slash = Name.rfind('/'); Slash != std::string::npos)
    Name = Name.substr(Slash + 1);
  R.Source = Gen.emitSource(Name);
  R.NumFunctions = Gen.emitted().size();
  return R;
}

} // namespace tad
