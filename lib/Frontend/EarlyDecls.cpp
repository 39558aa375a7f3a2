//===- Frontend/EarlyDecls.cpp - generated functions callable early -------===//
//
// The declarations are built from the signatures the generator gives the
// functions (makeJvpSignature, ...), so they are the same functions the
// generated source defines later: its definitions redeclare them.
//
//===----------------------------------------------------------------------===//
#include "Frontend/EarlyDecls.h"
#include "Frontend/Frontend.h"
#include "Transforms/Forward/JVP.h"
#include "Transforms/Inverse/Inverse.h"
#include "Transforms/Reverse/LinearTranspose.h"
#include "Transforms/Reverse/VJP.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Sema/ExternalSemaSource.h"
#include "clang/Sema/Lookup.h"
#include "clang/Sema/Sema.h"

#include <set>

using namespace clang;

namespace tad {

class EarlyDeclarer : public ExternalSemaSource {
  Sema &S;
  ASTContext &Ctx;
  ClangDiagSink Sink;
  ClangFunctionSource Source;
  std::set<const FunctionDecl *> Done;
  /// Guards against re-entry: declaring runs lookups of its own.
  bool Busy = false;

public:
  explicit EarlyDeclarer(Sema &S)
      : S(S), Ctx(S.getASTContext()), Sink(S.getDiagnostics()),
        Source(Ctx, Sink) {
    // A trial lowering: the generation run reports the errors.
    Sink.Muted = true;
  }

  /// Declares the generated functions of FD, if FD is in the main file and
  /// is an annotated definition whose body has been parsed, or an annotated
  /// declaration of a generated function (asking for its transpose).
  void declareFor(FunctionDecl *FD);

  /// declareFor on D, or on the functions of a namespace or extern "C"
  /// block D (their top-level declarations reach the consumer as one).
  void declareWithin(Decl *D) {
    if (auto *FD = dyn_cast<FunctionDecl>(D)) {
      declareFor(FD);
    } else if (auto *DC = dyn_cast<DeclContext>(D)) {
      // A class's members, complete (with their bodies) when it reaches
      // the consumer.
      auto *RD = dyn_cast<CXXRecordDecl>(DC);
      if (isa<NamespaceDecl>(DC) || isa<LinkageSpecDecl>(DC) ||
          (RD && RD->isThisDeclarationADefinition()))
        for (Decl *Inner : DC->decls())
          declareWithin(Inner);
    }
  }

  /// Sema's last resort for a name it cannot find: f_jvp used inside f's
  /// namespace before that namespace closes.
  bool LookupUnqualified(LookupResult &R, Scope *Sc) override;

private:
  /// LookupUnqualified for the derivatives of an instantiation of an
  /// annotated function template: Name (`sq_double`) is what tad calls it.
  void declareForInstantiation(StringRef Name, LookupResult &R, Scope *Sc);
  QualType typeOf(const Type &T, const FunctionDecl *Primal,
                  const std::string &ParamName) const;
  FunctionDecl *build(const Function &Sig, FunctionDecl *Primal);
};

namespace {
bool hasTadAnnotation(const FunctionDecl *FD) {
  // An instantiation of an annotated function template.
  if (FD->isTemplateInstantiation() && FD->getPrimaryTemplate())
    if (const FunctionDecl *Pattern = FD->getTemplateInstantiationPattern())
      FD = Pattern;
  for (const auto *A : FD->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation().starts_with("tad::"))
      return true;
  return false;
}

/// Integer types by their spelling, where the primal has no parameter of
/// the same name to take the type from.
QualType integerType(ASTContext &Ctx, const std::string &Spelling) {
  if (Spelling == "int")
    return Ctx.IntTy;
  if (Spelling == "unsigned" || Spelling == "unsigned int")
    return Ctx.UnsignedIntTy;
  if (Spelling == "long")
    return Ctx.LongTy;
  if (Spelling == "unsigned long")
    return Ctx.UnsignedLongTy;
  if (Spelling == "long long")
    return Ctx.LongLongTy;
  if (Spelling == "unsigned long long")
    return Ctx.UnsignedLongLongTy;
  if (Spelling == "size_t" || Spelling == "std::size_t")
    return Ctx.getSizeType();
  return QualType();
}
} // namespace

/// The struct type T names, as one of the primal's parameters has it
/// (directly, by pointer or by reference).
static QualType recordType(const FunctionDecl *Primal, const Type &T) {
  // A member's object (its derivatives take it first).
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Primal))
    if (MD->getParent()->getQualifiedNameAsString() == T.Rec->Spelling)
      return MD->getASTContext().getRecordType(MD->getParent());
  std::vector<QualType> Candidates{Primal->getReturnType()}; // a result
  for (const ParmVarDecl *P : Primal->parameters())
    Candidates.push_back(P->getType());
  for (QualType Q : Candidates) {
    Q = Q.getNonReferenceType();
    if (const auto *PT = Q->getAs<PointerType>())
      Q = PT->getPointeeType();
    // The elements of a std::vector of structs.
    if (const auto *CT = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
            Q->getAsCXXRecordDecl());
        CT && CT->isInStdNamespace() && CT->getName() == "vector")
      Q = CT->getTemplateArgs()[0].getAsType();
    const auto *RD = Q->getAsRecordDecl();
    if (!RD)
      continue;
    // Spelled as Lower/Records.cpp spells it (`ns::Vec<double, 3>`).
    PrintingPolicy PP(Primal->getASTContext().getLangOpts());
    PP.SuppressTagKeyword = true;
    PP.FullyQualifiedName = true;
    if (Primal->getASTContext().getRecordType(RD).getAsString(PP) ==
        T.Rec->Spelling)
      return Q.getUnqualifiedType();
  }
  return QualType();
}

/// The container type (std::vector<E>, std::array<E, N>) of a parameter
/// of the primal whose elements are Elt, as T says.
static QualType containerType(const FunctionDecl *Primal, const Type &T,
                              QualType Elt) {
  for (const ParmVarDecl *P : Primal->parameters()) {
    QualType Q = P->getType().getNonReferenceType().getUnqualifiedType();
    const auto *CT = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        Q->getAsCXXRecordDecl());
    if (!CT || !CT->isInStdNamespace() ||
        CT->getName() != (T.Cont == Container::Vector ? "vector" : "array"))
      continue;
    const TemplateArgumentList &Args = CT->getTemplateArgs();
    if (Args[0].getAsType().getCanonicalType() != Elt.getCanonicalType())
      continue;
    if (T.Cont == Container::Array &&
        Args[1].getAsIntegral().getZExtValue() != T.ContN)
      continue;
    return Q;
  }
  return QualType();
}

QualType clangTypeOf(ASTContext &Ctx, const Type &T, const FunctionDecl *Primal,
                     const std::string &ParamName) {
  // An integer parameter the generated function shares with the primal
  // (a size, an index) has the primal's type, however it is spelled.
  if (T.Kind == ScalarKind::Int)
    for (const ParmVarDecl *P : Primal->parameters())
      if (P->getName() == ParamName)
        return P->getType();
  QualType Base;
  switch (T.Kind) {
  case ScalarKind::Void:
    Base = Ctx.VoidTy;
    break;
  case ScalarKind::Bool:
    Base = Ctx.BoolTy;
    break;
  case ScalarKind::Float:
    Base = Ctx.FloatTy;
    break;
  case ScalarKind::Double:
    Base = Ctx.DoubleTy;
    break;
  case ScalarKind::LongDouble:
    Base = Ctx.LongDoubleTy;
    break;
  case ScalarKind::Int:
    Base = integerType(Ctx, T.IntSpelling);
    break;
  case ScalarKind::Record:
    Base = recordType(Primal, T);
    break;
  }
  if (!Base.isNull() && T.IsPointer && T.Cont != Container::None) {
    QualType C = containerType(Primal, T, Base); // `const std::vector<T> &`
    if (C.isNull())
      return C;
    if (T.PointeeConst)
      C.addConst();
    return Ctx.getLValueReferenceType(C);
  }
  if (!Base.isNull() && T.ConstRef) {
    Base.addConst(); // a `const S &` parameter
    return Ctx.getLValueReferenceType(Base);
  }
  if (Base.isNull() || !T.IsPointer)
    return Base;
  if (T.PointeeConst)
    Base.addConst();
  if (T.Reference)
    return Ctx.getLValueReferenceType(Base);
  QualType P = Ctx.getPointerType(Base);
  if (T.Restrict)
    P.addRestrict();
  return P;
}

QualType EarlyDeclarer::typeOf(const Type &T, const FunctionDecl *Primal,
                               const std::string &ParamName) const {
  return clangTypeOf(Ctx, T, Primal, ParamName);
}

FunctionDecl *EarlyDeclarer::build(const Function &Sig, FunctionDecl *Primal) {
  QualType Ret = typeOf(Sig.RetTy, Primal, "");
  if (Ret.isNull())
    return nullptr;
  SmallVector<QualType, 8> Params;
  for (const VarP &P : Sig.Params) {
    QualType T = typeOf(P->Ty, Primal, P->Name);
    if (T.isNull())
      return nullptr;
    Params.push_back(T);
  }
  DeclContext *DC = Primal->getDeclContext()->getRedeclContext();
  // A member's derivatives are free functions beside its class.
  while (isa<CXXRecordDecl>(DC))
    DC = DC->getParent()->getRedeclContext();
  DeclarationName Name(&Ctx.Idents.get(Sig.Name));
  QualType FT = Ctx.getFunctionType(Ret, Params, {});
  // Already declared (by the user, or earlier): nothing to add.
  for (NamedDecl *D : DC->lookup(Name))
    if (auto *Existing = dyn_cast<FunctionDecl>(D))
      if (Ctx.hasSameType(Existing->getType(), FT))
        return Existing;
  SourceLocation Loc = Primal->getLocation();
  auto *FD = FunctionDecl::Create(
      Ctx, DC, Loc, Loc, Name, FT, Ctx.getTrivialTypeSourceInfo(FT, Loc),
      (Sig.Qualifiers & QStatic) ? SC_Static : SC_None,
      /*UsesFPIntrin=*/false, (Sig.Qualifiers & QInline) != 0,
      /*hasWrittenPrototype=*/true,
      (Sig.Qualifiers & QConstexpr) ? ConstexprSpecKind::Constexpr
                                    : ConstexprSpecKind::Unspecified);
  SmallVector<ParmVarDecl *, 8> Parms;
  for (size_t I = 0; I < Params.size(); ++I) {
    auto *P = ParmVarDecl::Create(
        Ctx, FD, Loc, Loc, &Ctx.Idents.get(Sig.Params[I]->Name), Params[I],
        Ctx.getTrivialTypeSourceInfo(Params[I], Loc), SC_None, nullptr);
    P->setScopeInfo(0, I);
    Parms.push_back(P);
  }
  FD->setParams(Parms);
  if (Sig.Qualifiers & QGlobal)
    FD->addAttr(CUDAGlobalAttr::CreateImplicit(Ctx));
  if (Sig.Qualifiers & QHost)
    FD->addAttr(CUDAHostAttr::CreateImplicit(Ctx));
  if (Sig.Qualifiers & QDevice)
    FD->addAttr(CUDADeviceAttr::CreateImplicit(Ctx));
  DC->addDecl(FD);
  if (DC->isTranslationUnit() && S.TUScope)
    S.PushOnScopeChains(FD, S.TUScope, /*AddToContext=*/false);
  return FD;
}

void EarlyDeclarer::declareFor(FunctionDecl *FD) {
  bool Definition = FD->doesThisDeclarationHaveABody();
  if ((Definition && !FD->getBody()) || !hasTadAnnotation(FD) ||
      !Done.insert(FD).second)
    return;
  const SourceManager &SM = Ctx.getSourceManager();
  if (!SM.isInMainFile(SM.getExpansionLoc(FD->getLocation())))
    return;
  // The signature is enough; errors in the body are reported once, by the
  // generation run.
  FunctionP F = Source.lowerSignature(FD);
  if (!F)
    return;
  // A declaration of g_transpose (asking for T(T(g))) stands for the
  // generated transpose of g: its transpose gets g's constness back.
  FunctionP Base;
  StringRef Name = FD->getName();
  StringRef Suffix = "_transpose";
  if (!Definition && Name.ends_with(Suffix)) {
    DeclarationName BaseName(&Ctx.Idents.get(Name.drop_back(Suffix.size())));
    for (NamedDecl *D :
         FD->getDeclContext()->getRedeclContext()->lookup(BaseName))
      if (auto *G = dyn_cast<FunctionDecl>(D))
        if (G->hasBody() && (Base = Source.lowerSignature(G))) {
          F->Mode = "transpose";
          F->Key = Base.get();
          break;
        }
  }
  std::vector<FunctionP> Sigs;
  for (const Annotation &A : F->Annotations) {
    if (!Definition && A.Kind != "linear")
      continue;
    if (A.Kind == "jvp") {
      Sigs.push_back(makeJvpSignature(*F));
    } else if (A.Kind == "vjp") {
      Sigs.push_back(makeVjpSignature(*F));
      if (FunctionP G = makeGradient(*F, *Sigs.back()))
        Sigs.push_back(std::move(G));
    } else if (A.Kind == "linear") {
      Sigs.push_back(makeTransposeSignature(*F, A));
    } else if (isInverseMode(A.Kind)) {
      if (FunctionP I = makeInverseSignature(*F, A.Kind))
        Sigs.push_back(std::move(I));
    }
  }
  Busy = true;
  for (const FunctionP &Sig : Sigs)
    build(*Sig, FD);
  Busy = false;
}

bool EarlyDeclarer::LookupUnqualified(LookupResult &R, Scope *Sc) {
  if (Busy || R.isForRedeclaration() ||
      R.getLookupKind() != Sema::LookupOrdinaryName)
    return false;
  const IdentifierInfo *II = R.getLookupName().getAsIdentifierInfo();
  if (!II)
    return false;
  StringRef Name = II->getName();
  for (StringRef Suffix : {"_jvp", "_vjp", "_grad", "_transpose", "_ijvp",
                           "_ivjp", "_logdet", "_inverse"}) {
    if (!Name.ends_with(Suffix) || Name.size() == Suffix.size())
      continue;
    // The primal, as the code at this point sees it.
    LookupResult Primal(S, &Ctx.Idents.get(Name.drop_back(Suffix.size())),
                        R.getNameLoc(), Sema::LookupOrdinaryName);
    Busy = true;
    S.LookupName(Primal, Sc);
    Busy = false;
    for (NamedDecl *D : Primal)
      if (auto *FD = dyn_cast<FunctionDecl>(D->getUnderlyingDecl())) {
        const FunctionDecl *Def = nullptr;
        if (FD->hasBody(Def))
          declareFor(const_cast<FunctionDecl *>(Def));
        DeclContext *DC = FD->getDeclContext()->getRedeclContext();
        for (NamedDecl *G : DC->lookup(R.getLookupName()))
          R.addDecl(G);
      }
    if (R.empty())
      declareForInstantiation(Name.drop_back(Suffix.size()), R, Sc);
    if (!R.empty()) {
      R.resolveKind();
      return true;
    }
  }
  return false;
}

void EarlyDeclarer::declareForInstantiation(StringRef Name, LookupResult &R,
                                            Scope *Sc) {
  // sq_double: the template is named by a prefix ending before a '_'.
  for (size_t Cut = Name.find('_'); Cut != StringRef::npos;
       Cut = Name.find('_', Cut + 1)) {
    LookupResult Template(S, &Ctx.Idents.get(Name.take_front(Cut)),
                          R.getNameLoc(), Sema::LookupOrdinaryName);
    Busy = true;
    S.LookupName(Template, Sc);
    Busy = false;
    for (NamedDecl *D : Template) {
      auto *FTD = dyn_cast<FunctionTemplateDecl>(D->getUnderlyingDecl());
      if (!FTD || !hasTadAnnotation(FTD->getTemplatedDecl()))
        continue;
      for (FunctionDecl *Spec : FTD->specializations()) {
        if (!Spec->isTemplateInstantiation() || instantiationName(Spec) != Name)
          continue;
        // Used, but instantiated only at the end of the translation unit:
        // now, so that the code here can call its derivatives.
        Busy = true;
        if (!Spec->isDefined())
          S.InstantiateFunctionDefinition(R.getNameLoc(), Spec);
        Busy = false;
        const FunctionDecl *Def = nullptr;
        if (Spec->hasBody(Def))
          declareFor(const_cast<FunctionDecl *>(Def));
        DeclContext *DC = Spec->getDeclContext()->getRedeclContext();
        for (NamedDecl *G : DC->lookup(R.getLookupName()))
          R.addDecl(G);
      }
    }
  }
}

EarlyDeclConsumer::EarlyDeclConsumer() = default;
EarlyDeclConsumer::~EarlyDeclConsumer() = default;

void EarlyDeclConsumer::InitializeSema(Sema &S) {
  Impl = new EarlyDeclarer(S);
  S.addExternalSource(Impl.get());
}

void EarlyDeclConsumer::ForgetSema() { Impl.reset(); }

bool EarlyDeclConsumer::HandleTopLevelDecl(DeclGroupRef G) {
  if (Impl)
    for (Decl *D : G)
      Impl->declareWithin(D);
  return true;
}

} // namespace tad
