//===- Pipeline/Pipeline.h - the modes run in order -------------*- C++ -*-===//
//
// Runs the requested transformations over lowered functions, generating the
// derivatives of callees on demand (each at most once, so recursion
// terminates), and assembles the output source.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_PIPELINE_PIPELINE_H
#define TAD_PIPELINE_PIPELINE_H

#include "IR/IR.h"
#include "Transforms/Generator.h"
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace tad {

class Pipeline final : public Generator {
public:
  Pipeline(FunctionSource &Src, DiagSink &Diags) : Generator(Src, Diags) {}

  const Function *requestJvp(const void *Key, const std::string &Name,
                             SrcLoc CallLoc) override;
  const Function *requestVjp(const void *Key, const std::string &Name,
                             SrcLoc CallLoc) override;
  const Function *requestTranspose(const void *Key,
                                   const Annotation &A) override;
  const Function *requestTranspose(const Function &F,
                                   const Annotation &A) override;
  const Function *requestInverse(const void *Key,
                                 const std::string &Kind) override;
  std::shared_ptr<InversePlan> &inversePlan(const Function *F) override {
    return InversePlans[F];
  }
  bool firstDenseWarning(const Function *F) override {
    return DenseWarned.insert(F).second;
  }
  const Function *customRule(const Function &F,
                             const std::string &Kind) override;
  const Function *callTranspose(const Function &G, size_t I,
                                SrcLoc CallLoc) override;
  bool buildingReverse() const override;
  bool checkForward(const Function &F, const Function &Rule) override;

  /// The generated function named Name (qualified), if any: one already
  /// requested, or the gradient of a requested VJP.
  const Function *findGenerated(const std::string &Name) const {
    for (const FunctionP &F : Generated)
      if (qualifiedName(*F) == Name)
        return F.get();
    for (const auto &[V, G] : Gradients)
      if (G && qualifiedName(*G) == Name)
        return G.get();
    return nullptr;
  }
  /// Where the generated function F was asked for: the annotation (of a
  /// transpose), or the call that needed it; invalid for a function its
  /// primal's own annotation asks for.
  SrcLoc requestLoc(const Function *F) const;
  /// Generates every requested body.
  void run();
  /// The generated functions in the order they were requested.
  const std::vector<FunctionP> &generated() const { return Generated; }
  /// The generated functions the output contains, in order.
  std::vector<const Function *> emitted() const;
  /// The output file: banner, includes, prototypes, formatted definitions.
  std::string emitSource(const std::string &SourceName) const;

private:
  /// Where a generated function was first asked for: by the function being
  /// generated then (null for an annotated function) at a call.
  struct Origin {
    const Function *Caller = nullptr;
    SrcLoc CallLoc;
  };
  std::map<const Function *, Origin> Origins;
  /// The generated function whose body is being built.
  const Function *Current = nullptr;
  bool ChainNoted = false;
  /// Notes the calls that led to J, innermost first, back to an annotated
  /// function (as Clang's instantiation backtraces do).
  void noteCallChain(const Function *J);

  std::map<const void *, Function *> Jvps;
  std::map<const void *, Function *> Vjps;
  std::map<const Function *, Annotation> TransposeOf;
  std::map<std::pair<const void *, std::string>, Function *> Inverses;
  std::map<const Function *, std::shared_ptr<InversePlan>> InversePlans;
  std::set<const Function *> DenseWarned;
  std::map<std::pair<const Function *, size_t>, const Function *> CallTs;
  /// Keyed by the function's source declaration (Function::Key): the same
  /// for the copies reverse mode prepares, which are temporaries.
  std::map<std::pair<const void *, std::string>, const Function *> Rules;
  std::deque<std::pair<const Function *, Function *>> Work;
  /// The gradients of annotated functions' VJPs, made with the VJP's
  /// signature (so that a declaration of f_grad finds it) and moved to
  /// Generated once the VJP's body is built.
  std::map<const Function *, FunctionP> Gradients;
  /// Generated functions whose bodies could not be built (errors were
  /// reported): nothing is derived from them (T(T(f)) when T(f) failed).
  std::set<const Function *> Failed;
  std::vector<FunctionP> Generated;
};

} // namespace tad

#endif // TAD_PIPELINE_PIPELINE_H
