//===- Transforms/Generator.h - generation driver ---------------*- C++ -*-===//
//
// Runs the requested transformations over lowered functions, generating the
// derivatives of callees on demand (each at most once, so recursion
// terminates), and assembles the output source.
//
//===----------------------------------------------------------------------===//
#ifndef TAD_TRANSFORMS_GENERATOR_H
#define TAD_TRANSFORMS_GENERATOR_H

#include "IR/IR.h"
#include <deque>
#include <map>
#include <string>

namespace tad {

/// Where the generator gets the IR of user functions: the frontend lowers
/// them on demand. Returns null (after reporting why) when a function has no
/// visible definition or cannot be lowered.
class FunctionSource {
public:
  virtual ~FunctionSource() = default;
  virtual const Function *lower(const void *Key) = 0;
};

class Generator {
public:
  Generator(FunctionSource &Src, DiagSink &Diags) : Src(Src), Diags(Diags) {}

  /// The JVP of the function with frontend handle Key; its signature is
  /// ready at once, its body after run(). Null if the function cannot be
  /// had (reported at CallLoc when the definition is missing).
  const Function *requestJvp(const void *Key, const std::string &Name,
                             SrcLoc CallLoc);
  /// Generates every requested body.
  void run();
  /// The generated functions in the order they were requested.
  const std::vector<FunctionP> &generated() const { return Generated; }
  /// The output file: banner, includes, prototypes, formatted definitions.
  std::string emitSource(const std::string &SourceName) const;

  DiagSink &diags() { return Diags; }

private:
  FunctionSource &Src;
  DiagSink &Diags;
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
  std::deque<std::pair<const Function *, Function *>> Work;
  std::vector<FunctionP> Generated;
};

} // namespace tad

#endif
